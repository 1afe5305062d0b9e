"""Text as the outputs that cannot carry every character may hold it.

iCalendar (RFC 5545) allows no control character but tab in a text value; the XML
inside .xlsx, .ods and .docx cannot hold the C0 controls (tab, line feed and carriage
return aside) nor U+FFFE and U+FFFF, and a file holding one does not open; a PDF shows
them as empty boxes and its text then carries them; and a reader that ends a line at a
vertical tab, a form feed or NEL cuts the text short there. The forms and imports refuse
them (issue 12, item 8), but stored data and old files may hold them still, so every such
output drops them where it writes user text, with `strip_control`: one definition for
all (ADR 0024). The forms' and imports' check (`kernel.texts`) refuses the same set.
"""

import re

#: C0 controls except tab, line feed and carriage return (a line break, made a line feed
#: first), DEL, the C1 range (NEL, and what a cp1252 text read as Latin-1 leaves), and
#: the two non-characters that XML refuses; as a regular expression's character class.
CONTROL_CHARACTERS = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff"
_CONTROL = re.compile(f"[{CONTROL_CHARACTERS}]")


def normalise_newlines(text: str) -> str:
    """Line breaks as a bare line feed, as spreadsheets store them and iCalendar and
    HTML read them ("\\r\\n" from a browser's text area, a lone "\\r" from old Macs)."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def strip_control(text: str) -> str:
    """`text` without control characters, its line breaks as line feeds; tabs stay."""
    return _CONTROL.sub("", normalise_newlines(text))
