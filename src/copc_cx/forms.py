"""Reading what a form, a file or a script sends, into the core's inputs.

Shapes are checked where they are read: a value of the wrong kind (a number where an object
belongs, a list where a name belongs) becomes a message at its place, never an exception. Counts
arrive as the text people type; `whole_number` makes them numbers and leaves anything else for the
rules, which answer with a message at the field. Nothing here recurses over the input: nesting
deeper than a form's shape is simply a value of the wrong kind.

Which digits count: ASCII 0-9 and the full-width ０-９ that Japanese input methods type, with an
optional sign and spaces (ASCII or the ideographic space) around them. Other digits (Arabic-Indic,
Devanagari, ...), separators and control characters make the text not a number.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator, Mapping
from typing import Any

from .errors import Checker

FULL_WIDTH = str.maketrans("０１２３４５６７８９＋－−", "0123456789+--")
_WHOLE = re.compile(r"[ \t\u3000]*([+-]?)([0-9]+)[ \t\u3000]*")
MAX_DIGITS = 12  # beyond any bound a count has; longer numbers are not converted at all

MAX_NAME = 200  # characters in a site's or a metric's name
MAX_ENTRIES = 500  # sites of a check, metrics of a unit, item numbers in a list


class Huge(int):
    """A number too long to convert (Python refuses int() of over 4,300 digits): it stands in
    for the number, larger than every bound, and says how many digits it had."""

    digits: int

    def __new__(cls, digits: int) -> Huge:
        number = super().__new__(cls, 10**MAX_DIGITS)
        number.digits = digits
        return number

    def __repr__(self) -> str:
        return f"≈1e{self.digits - 1}"


def whole_number(value: Any) -> Any:
    """Text or a JSON number that is a whole number becomes an int; anything else goes on unchanged."""
    if isinstance(value, str):
        if len(value) > 10_000:
            return value[:40]  # shown cut short in the message: not a number anyone typed
        match = _WHOLE.fullmatch(value.translate(FULL_WIDTH))
        if match is None:
            return value
        sign, digits = match.groups()
        digits = digits.lstrip("0") or "0"
        if len(digits) > MAX_DIGITS:
            return Huge(len(digits))
        return -int(digits) if sign == "-" else int(digits)
    if isinstance(value, float) and value.is_integer():
        return int(value) if abs(value) < 10**MAX_DIGITS else Huge(len(f"{abs(value):.0f}"))
    return value


def parse_int(text: str) -> int:
    """json.loads's reader of JSON integers: the digit limit of int() never raises."""
    digits = len(text.lstrip("-"))
    return Huge(digits) if digits > MAX_DIGITS else int(text)


def readable(text: str) -> bool:
    """Whether a name can be shown and stored as it is: no control characters, no lone surrogates."""
    return not any(unicodedata.category(ch) in ("Cc", "Cs") for ch in text)


def path(prefix: str, key: str) -> str:
    """The field path of an entry: the key itself where it can be shown, else its container's."""
    safe = readable(key) and 0 < len(key) <= 40
    return f"{prefix}.{key}" if prefix and safe else (key if safe else prefix or "input")


class Form:
    """One object of the input at `prefix`, read field by field; problems go to `checker`."""

    def __init__(self, data: Mapping[str, Any], checker: Checker, prefix: str = "") -> None:
        self.data = data
        self.checker = checker
        self.prefix = prefix

    def field(self, key: str) -> str:
        return path(self.prefix, key)

    def get(self, key: str, default: Any = None) -> Any:
        return self.data.get(key, default)

    def obj(self, key: str, what: tuple[str, str]) -> Form | None:
        """The object at `key` (absent or null: an empty one); anything else is a problem."""
        value = self.data.get(key)
        if value is None:
            return Form({}, self.checker, self.field(key))
        if isinstance(value, dict):
            return Form(value, self.checker, self.field(key))
        self.wrong_kind(key, what)
        return None

    def entries(self, key: str, what: tuple[str, str]) -> Iterator[tuple[str, Any]]:
        """The (name, value) pairs of the object at `key`, at most MAX_ENTRIES of them."""
        form = self.obj(key, what)
        if form is None:
            return
        if len(form.data) > MAX_ENTRIES:
            self.checker.add(self.field(key),
                             f"{what[0]}が多すぎます（{len(form.data):,} 件、上限 {MAX_ENTRIES} 件）。",
                             f"Too many {what[1]} ({len(form.data):,}; at most {MAX_ENTRIES}).")
            return
        yield from form.data.items()

    def strings(self, key: str, what: tuple[str, str]) -> list[str] | None:
        """A list of short texts (item numbers, requirement ids); None when absent or null."""
        value = self.data.get(key)
        if value is None:
            return None
        if not isinstance(value, list) or not all(isinstance(v, str) and len(v) <= MAX_NAME for v in value):
            self.wrong_kind(key, what)
            return []
        if len(value) > MAX_ENTRIES:
            self.checker.add(self.field(key), f"{what[0]}が多すぎます（{len(value):,} 件）。",
                             f"Too many {what[1]} ({len(value):,}).")
            return []
        return value

    def boolean(self, key: str, default: bool) -> bool:
        """true or false (also as the text "true"/"false": a form or a spreadsheet may send it)."""
        value = self.data.get(key, default)
        if isinstance(value, str) and value.strip().lower() in ("true", "false"):
            return value.strip().lower() == "true"
        if not isinstance(value, bool):
            self.checker.add(self.field(key), f"{key} は true か false です（入力値: {_shown(value)}）。",
                             f"{key} must be true or false (got {_shown(value)}).")
            return default
        return value

    def text(self, key: str, default: str = "") -> str:
        """A short text such as an edition or a block id; anything else is a problem."""
        value = self.data.get(key, default)
        if isinstance(value, str) and len(value) <= MAX_NAME:
            return value
        self.checker.add(self.field(key), f"{key} には文字列を入力してください（入力値: {_shown(value)}）。",
                         f"{key} must be a text (got {_shown(value)}).")
        return default

    def name(self, key: str, what: tuple[str, str]) -> bool:
        """Whether `key`, a name the reader gave (a site, a client metric), can be used."""
        if key.strip() and len(key) <= MAX_NAME and readable(key):
            return True
        self.checker.add(self.field(key) if readable(key) else self.prefix or "input",
                         f"{what[0]}は1〜{MAX_NAME}文字の読める文字で入力してください。",
                         f"A {what[1]} must be 1 to {MAX_NAME} readable characters.")
        return False

    def wrong_kind(self, key: str, what: tuple[str, str]) -> None:
        got = _shown(self.data.get(key))
        self.checker.add(self.field(key), f"{what[0]}の形式が正しくありません（入力値: {got}）。",
                         f"The {what[1]} are not in the expected form (got {got}).")


def _shown(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "…"


def counts(raw: Any, names: tuple[str, ...]) -> tuple[Any, ...] | None:
    """The values of `names` in an object of counts (each made a number where it is one);
    None when `raw` is not an object."""
    if not isinstance(raw, dict):
        return None
    return tuple(whole_number(raw.get(n)) for n in names)


def blank(raw: Any) -> bool:
    """Whether an entry of counts is untouched: every value empty, one or two levels deep."""
    if isinstance(raw, dict):
        return all(v in (None, "") or (isinstance(v, dict) and all(w in (None, "") for w in v.values()))
                   for v in raw.values())
    return raw in (None, "")
