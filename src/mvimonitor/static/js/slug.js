// A plan's short name (slug) follows its name while the user types, until they type a
// short name of their own: <input data-slug-from="name"> names the field it follows.
// Left empty without JavaScript, the server makes the same one (plans.services.setup.
// plan_slug_suggest, which also makes it unique within the organisation).
(() => {
  const MAX_LENGTH = 60;

  // Django's slugify: accents dropped, lower case, anything but letters, digits,
  // underscores, spaces and hyphens removed, spaces and hyphens made one hyphen.
  const slugify = (text) =>
    text
      .normalize("NFKD")
      .replace(/[^\x00-\x7f]/g, "")
      .toLowerCase()
      .replace(/[^\w\s-]/g, "")
      .replace(/[-\s]+/g, "-")
      .replace(/^[-_]+|[-_]+$/g, "")
      .slice(0, MAX_LENGTH)
      .replace(/[-_]+$/, "");

  document.addEventListener("DOMContentLoaded", () => {
    document.querySelectorAll("input[data-slug-from]").forEach((slug) => {
      const source = slug.form && slug.form.elements.namedItem(slug.dataset.slugFrom);
      if (!source) return;
      // Following while empty or still what the name gives (a form shown again).
      let follows = slug.value === "" || slug.value === slugify(source.value);
      source.addEventListener("input", () => {
        if (follows) slug.value = slugify(source.value);
      });
      slug.addEventListener("input", () => {
        follows = slug.value === "";
      });
    });
  });
})();
