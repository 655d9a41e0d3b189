// Enhances the plain textarea with a copy button; without JavaScript the text can be selected.
document.querySelectorAll("button[data-copy]").forEach((button) => {
  const source = document.getElementById(button.dataset.copy);
  const status = button.parentElement.querySelector(".copy-status");
  button.hidden = false;
  button.addEventListener("click", async () => {
    try {
      await navigator.clipboard.writeText(source.value);
      status.textContent = button.dataset.done;
    } catch (error) {
      source.select();
      status.textContent = button.dataset.fallback;
    }
  });
});
