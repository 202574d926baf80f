"""Input errors that name the field and what is allowed, in Japanese and English.

Every rule collects all the problems of one call before raising, so a form can show a
message at each faulty field at once.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from .standard import INPUT_FIELDS, MAX_COUNT, InputField


@dataclass(frozen=True)
class Problem:
    """What is wrong with one input field."""

    field: str
    ja: str
    en: str

    def as_dict(self) -> dict[str, str]:
        return {"field": self.field, "ja": self.ja, "en": self.en}


class InputError(ValueError):
    """Bad input to a rule. A ValueError, so callers that expect one keep working."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = tuple(problems)
        super().__init__("; ".join(f"{p.field}: {p.en} / {p.ja}" for p in self.problems))


def label(field: str, form: str | None = None) -> tuple[str, str]:
    """(ja, en) names of a field such as "items.2.15.met" -> the label of "met".

    The labels are the forms' own (standard.INPUT_FIELDS), so a message names a field as the form
    shows it; `form` picks the right one where a name means different things ("total" counts units
    in categories 1.0-3.0 and metrics elsewhere).
    """
    found = input_field(field, form)
    if found is None:
        key = field.rsplit(".", 1)[-1]
        return key, key
    en = found.label.en
    return f"「{found.label.ja}」", en[:1].lower() + en[1:] if en[1:2].islower() else en


@lru_cache(maxsize=1024)  # fields are mostly the forms' own names: a handful, looked up on every count
def input_field(field: str, form: str | None = None) -> InputField | None:
    """The definition of the count at `field` (its last part), in `form` if given, else in any form."""
    key = field.rsplit(".", 1)[-1]
    forms = [INPUT_FIELDS[form]] if form in INPUT_FIELDS else list(INPUT_FIELDS.values())
    return next((f for fields in forms for f in fields if f.name == key), None)


def shown(value: Any) -> str:
    """A value the reader gave, for a message: quoted, escaped, and cut short if it is long."""
    if type(value) is int and abs(value) >= 10**12:
        # str() of a very long int raises (Python's digit limit): name its size instead
        return f"≈1e{int(abs(value).bit_length() * 0.30103)}"
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "…"


class Checker:
    """Collects problems with a call's inputs, then raises them all together.

    `form` (a key of standard.INPUT_FIELDS) names the form whose labels and bounds apply.
    """

    def __init__(self, form: str | None = None) -> None:
        self.problems: list[Problem] = []
        self.form = form

    def label(self, field: str) -> tuple[str, str]:
        return label(field, self.form)

    def add(self, field: str, ja: str, en: str) -> None:
        self.problems.append(Problem(field, ja, en))

    def count(self, field: str, value: Any) -> int | None:
        """A count of things: a whole number, zero or more. None when it is not one."""
        definition = input_field(field, self.form)
        limit = MAX_COUNT if definition is None else definition.limit
        if type(value) is int and 0 <= value <= limit:  # the common case, checked first: scoring must stay fast
            return value
        ja, en = self.label(field)
        if value is None or (isinstance(value, str) and not value.strip()):
            self.add(field, f"{ja}を入力してください。", f"Enter the {en}.")
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            self.add(
                field,
                f"{ja}には 0 以上の整数を入力してください（入力値: {shown(value)}）。",
                f"The {en} must be a whole number of 0 or more (got {shown(value)}).",
            )
            return None
        if value < 0:
            self.add(
                field,
                f"{ja}は 0 以上である必要があります（入力値: {shown(value)}）。",
                f"The {en} must be 0 or more (got {shown(value)}).",
            )
            return None
        self.add(
            field,
            f"{ja}が大きすぎます。{limit:,} 以下で入力してください（入力値: {shown(value)}）。",
            f"The {en} is too large: enter at most {limit:,} (got {shown(value)}).",
        )
        return None

    def positive(self, field: str, value: Any) -> int | None:
        """A count that is a denominator: at least 1."""
        counted = self.count(field, value)
        if counted == 0:
            ja, en = self.label(field)
            self.add(
                field,
                f"{ja}は 1 以上である必要があります。0 では割合を計算できません。",
                f"The {en} must be at least 1: a share of 0 cannot be computed.",
            )
            return None
        return counted

    def at_most(self, field: str, value: int | None, limit_field: str, limit: int | None) -> None:
        if value is not None and limit is not None and value > limit:
            (ja, en), (limit_ja, limit_en) = self.label(field), self.label(limit_field)
            self.add(
                field,
                f"{ja}（{value}）は{limit_ja}（{limit}）以下である必要があります。",
                f"The {en} ({value}) cannot exceed the {limit_en} ({limit}).",
            )

    def raise_if_any(self) -> None:
        if self.problems:
            raise InputError(self.problems)
