// "Mijn acties": after htmx swaps in an answered row, move keyboard and screen-reader
// focus to that row's heading (it says what was saved), then drop the mark so that a
// later swap finds only its own row.
document.addEventListener("htmx:afterSettle", () => {
  const heading = document.querySelector("[data-round-focus]");
  if (heading) {
    heading.removeAttribute("data-round-focus");
    heading.focus();
  }
});
