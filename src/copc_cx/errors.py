"""Input errors that name the field and what is allowed, in Japanese and English.

Every rule collects all the problems of one call before raising, so a form can show a
message at each faulty field at once.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any


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


# What each input field is called on the forms (the Japanese as calculators/i18n.mjs labels it);
# messages name the field both ways.
FIELD_LABELS: dict[str, tuple[str, str]] = {
    "met": ("適合した細目数", "sub-requirements met"),
    "applicable": ("適用される細目数", "applicable sub-requirements"),
    "deployed": ("完全に運用しているユニット数", "units fully deploying"),
    "total": ("総数", "total"),
    "achieved": ("目標を達成した指標の数", "metrics at target"),
    "improving": ("未達だが継続的に改善している指標の数", "metrics not at target but improving"),
    "at_target": ("目標を達成した指標の数", "metrics at target"),
    "at_target_or_improving": ("目標達成または改善している指標の数", "metrics at target or improving"),
    "months_at_target": ("目標達成の月数", "months at target"),
    "months_measured": ("測定した月数", "months measured"),
    "pst_at_target": ("PSTで目標達成の指標数", "PST metrics at target"),
    "pst_at_target_or_improving": ("PSTで目標達成または改善の指標数", "PST metrics at target or improving"),
    "pst_total": ("PSTの指標数", "PST metrics"),
}


def label(field: str) -> tuple[str, str]:
    """(ja, en) names of a field such as "items.2.15.met" -> the label of "met"."""
    key = field.rsplit(".", 1)[-1]
    ja, en = FIELD_LABELS.get(key, (key, key))
    return (f"「{ja}」", en) if key in FIELD_LABELS else (ja, en)


class Checker:
    """Collects problems with a call's inputs, then raises them all together."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def add(self, field: str, ja: str, en: str) -> None:
        self.problems.append(Problem(field, ja, en))

    def count(self, field: str, value: Any) -> int | None:
        """A count of things: a whole number, zero or more. None when it is not one."""
        if type(value) is int and value >= 0:  # the common case, checked first: scoring must stay fast
            return value
        ja, en = label(field)
        if value is None or (isinstance(value, str) and not value.strip()):
            self.add(field, f"{ja}を入力してください。", f"Enter the {en}.")
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            self.add(
                field,
                f"{ja}には 0 以上の整数を入力してください（入力値: {value!r}）。",
                f"The {en} must be a whole number of 0 or more (got {value!r}).",
            )
            return None
        if value < 0:
            self.add(
                field,
                f"{ja}は 0 以上である必要があります（入力値: {value}）。",
                f"The {en} must be 0 or more (got {value}).",
            )
            return None
        return value

    def positive(self, field: str, value: Any) -> int | None:
        """A count that is a denominator: at least 1."""
        counted = self.count(field, value)
        if counted == 0:
            ja, en = label(field)
            self.add(
                field,
                f"{ja}は 1 以上である必要があります。0 では割合を計算できません。",
                f"The {en} must be at least 1: a share of 0 cannot be computed.",
            )
            return None
        return counted

    def at_most(self, field: str, value: int | None, limit_field: str, limit: int | None) -> None:
        if value is not None and limit is not None and value > limit:
            (ja, en), (limit_ja, limit_en) = label(field), label(limit_field)
            self.add(
                field,
                f"{ja}（{value}）は{limit_ja}（{limit}）以下である必要があります。",
                f"The {en} ({value}) cannot exceed the {limit_en} ({limit}).",
            )

    def raise_if_any(self) -> None:
        if self.problems:
            raise InputError(self.problems)
