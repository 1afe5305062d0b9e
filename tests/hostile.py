"""Hostile text: what an attacker or a careless paste puts in a text field. One corpus
for every test that checks that text stays text in every output (issue 12): pages, PDF,
spreadsheets, iCalendar, e-mail, JSON.

Each entry is something a user can type into a name, title or free-text field."""

#: Markup and script that would act if it reached HTML unescaped.
MARKUP = (
    "Plan</title><a href=https://evil.example/login>Log opnieuw in</a>"
    "<img src=https://evil.example/pixel.png><title>",
    '<script>alert("xss")</script>',
    '"><svg onload=alert(1)>',
    "<a href=\"javascript:alert('x')\">klik</a>",
    "javascript:alert(document.cookie)",
    "<!-- comment --><b>vet</b>",
    "{{ request.user }} {% csrf_token %}",
)

#: Text a spreadsheet would run as a formula, also behind a tab or carriage return.
FORMULAS = ("=1+1", "+31 6 12345678", "-2+3", "@SUM(A1:A2)", "\t=1+1", "\r=1+1")

#: Text that strains layout or encodings.
ODD = (
    "A" * 100_000,
    "Right\u202eto left\u202c override",
    "Emoji 🌍♻️👩‍👩‍👧",
    "'; DROP TABLE plans_action; --",
)

#: Control characters, which no output may carry: RFC 5545 forbids them in iCalendar
#: text, the XML inside .xlsx, .ods and .docx cannot hold them, a PDF shows them as
#: boxes. The ones a probe found, every other C0 control but tab, line feed and carriage
#: return, DEL, the C1 range, and U+FFFE and U+FFFF (no characters at all; XML refuses
#: them). The forms refuse them (issue 12, item 8); stored data and old files may hold
#: them still.
CONTROL = (
    "Bel\x07 tab\t vt\x0b ff\x0c esc\x1b del\x7f",
    "Nul\x00 in de tekst",
    "C0 " + "".join(chr(code) for code in range(32) if chr(code) not in "\t\n\r") + " einde",
    "C1 " + "".join(chr(code) for code in range(0x80, 0xA0)) + " einde",
    "Geen tekens \ufffe\uffff einde",
)

#: Everything, for tests that run every entry through a field.
HOSTILE = MARKUP + FORMULAS + ODD + CONTROL


def is_control(char: str) -> bool:
    """Whether `char` is one that CONTROL holds (tab, line feed and carriage return are
    text)."""
    code = ord(char)
    return (code < 32 and char not in "\t\n\r") or 0x7F <= code <= 0x9F or char in "\ufffe\uffff"


def without_control(text: str) -> str:
    """`text` as an output that cannot carry control characters should show it."""
    return "".join(char for char in text if not is_control(char))


#: The entries without control characters: what the forms and imports accept.
PRINTABLE = tuple(text for text in HOSTILE if text == without_control(text))


def every_control_character() -> str:
    """Every control character once, between two words, short enough for any column
    (76 characters): for the tests that put it in every text of a record. Without NUL
    on PostgreSQL, which no stored text there can hold."""
    from django.db import connection

    characters = [chr(code) for code in range(0x10000) if is_control(chr(code))]
    if connection.vendor == "postgresql":
        characters.remove("\x00")
    return "Alle " + "".join(characters) + " tekens"


def storable_control() -> tuple[str, ...]:
    """CONTROL as the database can hold it, for tests of stored text in outputs:
    PostgreSQL refuses NUL in any text (so no stored text there holds one), SQLite keeps
    it."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return CONTROL
    return tuple(text.replace("\x00", "") for text in CONTROL)
