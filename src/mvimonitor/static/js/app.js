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

// The site menu on a narrow screen (ADR 0033): folded behind its "Menu" button, which
// says whether it is open (aria-expanded); Escape closes it and gives the focus back.
// Without JavaScript the button stays hidden and the menu open.
document.addEventListener("DOMContentLoaded", () => {
  const button = document.querySelector(".site-header__menu-button");
  const header = document.querySelector(".site-header");
  if (!button || !header) return;
  const setOpen = (open) => {
    button.setAttribute("aria-expanded", open ? "true" : "false");
    header.classList.toggle("site-header--open", open);
  };
  header.classList.add("site-header--foldable");
  button.hidden = false;
  button.addEventListener("click", () => {
    setOpen(button.getAttribute("aria-expanded") !== "true");
  });
  header.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && button.getAttribute("aria-expanded") === "true") {
      setOpen(false);
      button.focus();
    }
  });
});
