// The compose page (monitoring/report_composition.html): after htmx swaps in a version's
// list, move keyboard focus back to the button of the section just moved (or to the
// other button once it reached the top or the bottom), then drop the mark so that a
// later swap finds only its own.
document.addEventListener("htmx:afterSettle", () => {
  const control = document.querySelector("[data-compose-focus]");
  if (control) {
    control.removeAttribute("data-compose-focus");
    control.focus();
  }
});
