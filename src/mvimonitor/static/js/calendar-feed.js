// The calendar subscription page: a button that copies the feed's address. Without
// JavaScript (or without clipboard access) the button stays hidden and the address can
// be selected in its field.
document.addEventListener("DOMContentLoaded", () => {
  const status = document.querySelector("[data-copy-status]");
  document.querySelectorAll("[data-copy-from]").forEach((button) => {
    const field = document.getElementById(button.dataset.copyFrom);
    if (!field || !navigator.clipboard) return;
    button.hidden = false;
    button.addEventListener("click", async () => {
      try {
        await navigator.clipboard.writeText(field.value.trim());
        if (status) status.textContent = button.dataset.copiedText;
      } catch {
        field.select();
      }
    });
  });
});
