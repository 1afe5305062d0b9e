// The compose page (monitoring/report_composition.html): after htmx swaps in a version's
// list, move keyboard focus to the button of the section just moved, or to its other
// button once it reached the top or the bottom (htmx itself only keeps the focus on an
// element of the same id). On "htmx:load", once the new list is ready. An Enter pressed
// in the few milliseconds before that sends the form as a plain page, which works too
// (the page comes back with that button focused).
document.addEventListener("htmx:load", (event) => {
  const root = event.detail.elt;
  if (!(root instanceof Element)) return;
  const control = root.matches("[data-compose-focus]")
    ? root
    : root.querySelector("[data-compose-focus]");
  if (control) {
    control.removeAttribute("data-compose-focus");
    control.focus();
  }
});
