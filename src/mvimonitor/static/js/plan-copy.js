// Copying a plan: "Select all" and "Select none" for the actions to take over. Without
// JavaScript the buttons stay hidden and every box can be ticked by hand.
document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("[data-check-buttons]").forEach((bar) => {
    bar.hidden = false;
  });
  document.querySelectorAll("button[data-check]").forEach((button) => {
    button.addEventListener("click", () => {
      const name = button.dataset.checkName;
      const on = button.dataset.check === "all";
      document.querySelectorAll(`input[type=checkbox][name="${name}"]`).forEach((box) => {
        box.checked = on;
      });
    });
  });
});
