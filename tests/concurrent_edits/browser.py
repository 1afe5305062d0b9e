"""Filling in a form as a browser does: the fields a page's <form> sends, read from the
HTML the view rendered, so a test submits exactly what a person's browser would,
hidden fields (the version) included."""

from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urljoin

#: Input types that send nothing unless they are the button pressed, or a file chosen.
_NOT_SENT = {"submit", "button", "reset", "image", "file"}


@dataclass
class PageForm:
    action: str  # as written; "" posts to the page itself
    fields: dict[str, list[str]] = field(default_factory=dict)  # what it sends as loaded
    names: set[str] = field(default_factory=set)  # every control's name, sent or not
    hidden: set[str] = field(default_factory=set)  # the names of its hidden inputs

    def add(self, name: str, value: str) -> None:
        self.fields.setdefault(name, []).append(value)


class _FormParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.forms: list[PageForm] = []
        self._form: PageForm | None = None
        self._select: tuple[str, list[str], list[str]] | None = None  # name, options, chosen
        self._textarea: tuple[str, list[str]] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {name: value or "" for name, value in attrs}
        if tag == "form":
            self._form = PageForm(action=a.get("action", ""))
            self.forms.append(self._form)
        elif self._form is None or "disabled" in a:
            return
        elif tag == "input":
            self._input(a)
        elif tag == "select":
            self._form.names.add(a.get("name", ""))
            self._select = (a.get("name", ""), [], [])
        elif tag == "option" and self._select is not None:
            self._select_option(a)
        elif tag == "textarea":
            self._form.names.add(a.get("name", ""))
            self._textarea = (a.get("name", ""), [])

    def _input(self, a: dict[str, str]) -> None:
        assert self._form is not None
        kind, name = a.get("type", "text").lower(), a.get("name", "")
        if not name:
            return
        self._form.names.add(name)
        if kind == "hidden":
            self._form.hidden.add(name)
        if kind in _NOT_SENT or (kind in ("checkbox", "radio") and "checked" not in a):
            return
        self._form.add(name, a.get("value", "on" if kind in ("checkbox", "radio") else ""))

    def _select_option(self, a: dict[str, str]) -> None:
        assert self._select is not None
        assert "value" in a, "every option the templates write has a value"
        self._select[1].append(a["value"])
        if "selected" in a:
            self._select[2].append(a["value"])

    def handle_data(self, data: str) -> None:
        if self._textarea is not None:
            self._textarea[1].append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "select" and self._select is not None and self._form is not None:
            name, options, chosen = self._select
            # A single select without a selected option sends its first one.
            for value in chosen or options[:1]:
                self._form.add(name, value)
            self._select = None
        elif tag == "textarea" and self._textarea is not None and self._form is not None:
            name, text = self._textarea
            # The parser drops the newline right after <textarea>, as browsers do.
            value = "".join(text)
            self._form.add(name, value[1:] if value.startswith("\n") else value)
            self._textarea = None
        elif tag == "form":
            self._form = None


def page_forms(html: str) -> list[PageForm]:
    parser = _FormParser()
    parser.feed(html)
    parser.close()
    return parser.forms


def form_on_page(
    html: str,
    page_url: str,
    action: str,
    *,
    having: set[str] = frozenset(),
    where: dict[str, str] | None = None,
) -> PageForm:
    """The one form of the page that posts to `action` (a path; a form without an action
    posts to `page_url`), has controls named `having` and sends the values `where`."""
    found = [
        form
        for form in page_forms(html)
        if urljoin(page_url, form.action) == urljoin(page_url, action)
        and having <= form.names
        and all(form.fields.get(name) == [value] for name, value in (where or {}).items())
    ]
    assert len(found) == 1, f"{len(found)} forms post to {action} on {page_url}"
    return found[0]
