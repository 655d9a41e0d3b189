// Shows only the rights of the law that applies: one that follows the workplace (the GDPR, the
// UK GDPR) wins, else one that follows the place of residence (the CCPA), as the server decides.
// Without JavaScript every law's rights are listed, and the server explains a wrong mix.
(() => {
  const mapping = JSON.parse(document.getElementById("workplace-regimes").textContent);
  const workplace = document.getElementById("id_workplace");
  const residence = document.getElementById("id_residence");
  const regime = document.getElementById("id_regime");
  const boxes = Array.from(document.querySelectorAll('input[name="rights"]'));
  const groupOf = (box) => box.closest("#id_rights > div");

  function update() {
    const home = residence ? mapping.residence[residence.value] : "";
    const chosen = regime.value || mapping.workplace[workplace.value] || home || "";
    boxes.forEach((box) => {
      const visible = !chosen || box.value.startsWith(chosen + ":");
      groupOf(box).hidden = !visible;
      box.disabled = !visible; // a hidden tick is kept but not sent
    });
  }

  [workplace, residence, regime].forEach((field) => field && field.addEventListener("change", update));
  update();
})();
