// Shows only the rights of the law that applies where the person works.
// Without JavaScript every law's rights are listed, and the server explains a wrong mix.
(() => {
  const mapping = JSON.parse(document.getElementById("workplace-regimes").textContent);
  const workplace = document.getElementById("id_workplace");
  const regime = document.getElementById("id_regime");
  const boxes = Array.from(document.querySelectorAll('input[name="rights"]'));
  const groupOf = (box) => box.closest("#id_rights > div");

  function update() {
    const chosen = regime.value || mapping[workplace.value] || "";
    boxes.forEach((box) => {
      const visible = !chosen || box.value.startsWith(chosen + ":");
      groupOf(box).hidden = !visible;
      box.disabled = !visible; // a hidden tick is kept but not sent
    });
  }

  workplace.addEventListener("change", update);
  regime.addEventListener("change", update);
  update();
})();
