"""Natural order of codes and references: "2.2" before "2.10", "A3" before "A12".

`natural_sort_key(text)` turns a code into a string whose plain comparison gives that
order, so the database sorts with ORDER BY on a stored key (`NaturalSortKeyField`)
whatever its collation, and Python sorts with the same function. See
docs/adr/0031-natural-order.md for the format and why it is stored.

The key holds only the digits 0-9 and the letters a-z, which sort alike under the C
collation and the ICU and glibc collations of PostgreSQL and SQLite's BINARY (digits
before letters, punctuation and spaces absent, so no collation can ignore them).

1. The text is folded: compatibility forms and accents removed (NFKD), letters in lower
   case (casefold, so "ß" is "ss"), a few letters without a decomposition spelled out
   ("æ" is "ae"). Every run of digits 0-9 and every run of letters a-z is a token;
   everything else (dots, dashes, spaces, other scripts) only separates tokens.
2. A number token is its digits without leading zeros (at least "0"), preceded by its
   length plus 10 as two digits: "2" is "112", "10" is "1210". Longer numbers sort after
   shorter ones, equal lengths digit by digit. A run longer than `MAX_DIGITS` keeps its
   first `MAX_DIGITS` digits (a 60-character reference has at most 60).
3. A word token is its letters followed by "0", which sorts before any letter: "a"
   before "ab". Numbers (starting with 1-9) sort before words (a-z).
4. The tokens are followed by "0", which sorts before the start of any token, so "2.10"
   comes before "2.10.1", which comes before "2.11".
5. Last, the tie-break: the text itself as hexadecimal UTF-8, so that "02.1" and "2.1",
   or "A1" and "a1", which are alike so far, still get distinct keys in a fixed order.

For ASCII text the tokens take at most three characters per character of the text
(".1." is "111"); they get a budget of four, and are cut after the last whole token
that fits it, which only text of compatibility characters that expand ("ﬃ" is "ffi0")
can reach. With the tie-break (two hexadecimal digits per UTF-8 byte, at most eight per
character), a text of n characters has a key of at most 12 n + 1 characters
(`sort_key_length(n)`): 361 for a code of 30, 721 for a reference of 60.
"""

import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from django.db import models

MAX_DIGITS = 89  # the two-digit length prefix holds 11..99
_LENGTH_OFFSET = 10  # so that a number's key starts with 1-9, never with "0"
_END = "0"  # after a word and after the tokens: sorts before any digit 1-9 and letter
_BUDGET_PER_CHARACTER = 4
_HEX_PER_CHARACTER = 8
_TOKEN = re.compile(r"[0-9]+|[a-z]+")
# Latin letters that NFKD leaves as they are, spelled as a Dutch or German reader would
# sort them (U+0131 is the dotless i).
_SPELLED = str.maketrans(
    {"æ": "ae", "œ": "oe", "ø": "o", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "\u0131": "i"}
)


def _folded(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).translate(_SPELLED)


def _token_key(token: str) -> str:
    if token[0].isdigit():
        digits = (token.lstrip("0") or "0")[:MAX_DIGITS]
        return f"{len(digits) + _LENGTH_OFFSET}{digits}"
    return token + _END


def natural_sort_key(text: str) -> str:
    """The key of `text` in natural order (see the module's description)."""
    budget = _BUDGET_PER_CHARACTER * len(text)
    parts: list[str] = []
    for match in _TOKEN.finditer(_folded(text)):
        part = _token_key(match.group())
        budget -= len(part)
        if budget < 0:
            break
        parts.append(part)
    return "".join(parts) + _END + text.encode().hex()


def sort_key_length(max_length: int) -> int:
    """The longest key of a text of at most `max_length` characters."""
    return (_BUDGET_PER_CHARACTER + _HEX_PER_CHARACTER) * max_length + len(_END)


class NaturalSortKeyField(models.CharField):
    """The natural sort key of the model's text field `source`, never typed by anyone.

    Every save and bulk_create computes it (`pre_save`); the writes that name their
    columns (`locked_update`, the audited querysets' `update`, `bulk_update` and
    `update_many`) add it whenever they write its source (`with_sort_keys`,
    `sort_key_names`). Indexed, so that lists sorted on it are quick."""

    def __init__(self, *args: Any, source: str, **kwargs: Any) -> None:
        self.source = source
        kwargs.setdefault("editable", False)
        kwargs.setdefault("db_index", True)
        super().__init__(*args, **kwargs)

    def deconstruct(self) -> Any:
        name, path, args, kwargs = super().deconstruct()
        kwargs["source"] = self.source
        if kwargs.get("editable") is False:
            del kwargs["editable"]
        if kwargs.get("db_index") is True:
            del kwargs["db_index"]
        return name, path, args, kwargs

    def key_of(self, instance: models.Model) -> str:
        return natural_sort_key(getattr(instance, self.source))

    def pre_save(self, model_instance: models.Model, add: bool) -> str:
        value = self.key_of(model_instance)
        setattr(model_instance, self.attname, value)
        return value


def _key_fields(model: type[models.Model]) -> Iterator[NaturalSortKeyField]:
    for field in model._meta.concrete_fields:
        if isinstance(field, NaturalSortKeyField):
            yield field


def with_sort_keys(model: type[models.Model], values: Mapping[str, Any]) -> dict[str, Any]:
    """`values` (field name or column -> value, as an UPDATE writes them) with the sort
    key of every source among them. A source given as an expression (F(), Case()) has
    no key to compute here: refused rather than leaving the key behind."""
    written = dict(values)
    for field in _key_fields(model):
        if field.source not in values or field.attname in values:
            continue  # nothing to derive, or derived already (bulk_update)
        value = values[field.source]
        if not isinstance(value, str):
            raise TypeError(f"{model.__name__}.{field.source} must be written as text")
        written[field.attname] = natural_sort_key(value)
    return written


def sort_key_names(objs: Iterable[models.Model], names: Iterable[str]) -> list[str]:
    """The field `names` a bulk write of `objs` writes, with the sort key of every source
    among them, each record's key set from its source as it is in memory."""
    written = list(names)
    records = list(objs)
    if not records:
        return written
    for field in _key_fields(type(records[0])):
        if field.source in written and field.attname not in written:
            for record in records:
                setattr(record, field.attname, field.key_of(record))
            written.append(field.attname)
    return written


def fill_sort_keys(model: type[models.Model], *, batch_size: int = 500) -> None:
    """Set every row's sort keys from their sources: the data migration that adds a key
    (which passes the migration's historical model) and any later one that changes the
    key's format."""
    fields = list(_key_fields(model))
    sources = {field.source for field in fields}
    rows = model._base_manager.order_by("pk").only("pk", *sources)
    batch: list[models.Model] = []
    for row in rows.iterator(chunk_size=batch_size):
        for field in fields:
            setattr(row, field.attname, field.key_of(row))
        batch.append(row)
        if len(batch) == batch_size:
            model._base_manager.bulk_update(batch, [f.attname for f in fields])
            batch = []
    if batch:
        model._base_manager.bulk_update(batch, [f.attname for f in fields])
