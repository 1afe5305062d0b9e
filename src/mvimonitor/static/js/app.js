// Small progressive enhancements; every page works without JavaScript.
// No inline scripts anywhere: the Content-Security-Policy forbids them.
document.addEventListener("DOMContentLoaded", () => {
  // "Select all" checkbox for bulk actions: <input type="checkbox" data-select-all="name">
  document.querySelectorAll("[data-select-all]").forEach((box) => {
    box.addEventListener("change", () => {
      const name = box.dataset.selectAll;
      document.querySelectorAll(`input[type=checkbox][name="${name}"]`).forEach((item) => {
        item.checked = box.checked;
      });
    });
  });
});
