// A plan's short name (slug) follows its name while the user types, until they type a
// short name of their own: <input data-slug-from="name"> names the field it follows.
// Left empty without JavaScript, the server makes the same one (plans.services.setup:
// slug_from_name, made unique within the organisation by plan_slug_suggest).
(() => {
  const MAX_LENGTH = 60;

  // As slug_from_name: a dash or slash made a hyphen, then Django's slugify (accents
  // dropped, lower case, anything but letters, digits, underscores, spaces and hyphens
  // removed, spaces and hyphens made one hyphen), cut to the field's length.
  const slugify = (text) =>
    text
      .replace(/[\u2013\u2014/]/g, "-")
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
