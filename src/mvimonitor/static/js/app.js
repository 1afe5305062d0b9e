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

// After htmx swaps a block in (the status block of an action), move keyboard and
// screen-reader focus to its heading so the result of the change is announced.
document.addEventListener("htmx:afterSwap", () => {
  const heading = document.querySelector("[data-focus-after-swap]");
  if (heading) heading.focus();
});

// The "database busy" message of a form sent in place (web/busy.py) is about that one
// request: the next form sent clears it (progress polls, which are GETs, do not).
document.addEventListener("htmx:beforeRequest", (event) => {
  if (event.detail.requestConfig && event.detail.requestConfig.verb === "get") return;
  const notice = document.getElementById("busy-notice");
  if (notice) notice.replaceChildren();
});
