"""Bilingual text and the formatting of exact figures for people to read."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from fractions import Fraction


@dataclass(frozen=True)
class Text:
    """One piece of text in both of the site's languages (Japanese first)."""

    ja: str
    en: str

    def as_dict(self) -> dict[str, str]:
        return {"ja": self.ja, "en": self.en}


def _ratio(value: Fraction | int) -> tuple[int, int]:
    """(numerator, denominator) of an exact number, without building a fraction where it is one."""
    if type(value) is int:
        return value, 1
    if type(value) is not Fraction:  # Fraction(a Fraction) would build a new one: not cheap
        value = Fraction(value)
    return value.numerator, value.denominator


def _shown(numerator: int, denominator: int, places: int) -> str:
    if numerator % denominator == 0:
        return f"{numerator // denominator:,}"
    return f"{numerator / denominator:,.{places}f}".rstrip("0").rstrip(".")


def fmt_number(value: Fraction | int, places: int = 2) -> str:
    """A number for display: exact when it is whole, else rounded to `places` decimals.

    Rounding happens only here, never in a computation (percentages stay exact fractions).
    """
    if type(value) is int:
        return f"{value:,}"
    return _shown(*_ratio(value), places)


def fmt_percent(value: Fraction | int) -> str:
    return f"{fmt_number(value)}%"


def _sign(x: int) -> int:
    return (x > 0) - (x < 0)


def fmt_against(value: Fraction | int, *thresholds: Fraction | int, places: int = 2) -> str:
    """`value` for display beside a verdict on `thresholds`: rounded to `places` decimals where that
    keeps its side of every threshold, with as many more digits as it takes where it does not.

    3,799.99625 against 3,800 shows as "3,799.996", never "3,800"; 65.001 against 65 as "65.001".
    Worked on whole numbers (numerators and denominators): a result shows several for every item.
    """
    num, den = _ratio(value)
    if den == 1:
        return f"{num:,}"  # shown exactly: on the same side of everything
    # the sign of rounded - t and of exact - t for t = tn/td, with rounded = r / 10**digits and
    # exact = num / den
    limits = [_ratio(t) for t in thresholds]
    sides = [_sign(num * td - tn * den) for tn, td in limits]
    for digits in range(places, places + 12):
        scale = 10**digits
        rounded = (2 * num * scale + den) // (2 * den)  # half up: floor(exact * scale + 1/2)
        for (tn, td), side in zip(limits, sides, strict=True):
            if _sign(rounded * td - tn * scale) != side:
                break
        else:
            return _shown(rounded, scale, digits)
    return _shown(num, den, places + 12)


def fmt_percent_against(value: Fraction | int, *thresholds: Fraction | int) -> str:
    return f"{fmt_against(value, *thresholds)}%"


def store(result: object, **fields: object) -> None:
    """Set the fields of a frozen dataclass in one step, from its own __init__.

    The __init__ a frozen dataclass generates sets each field through object.__setattr__, about
    five times slower: the results a self-assessment builds for every item use this instead.
    """
    result.__dict__.update(fields)


@dataclass(frozen=True)
class Explained:
    """A result whose reasoning steps are written only when someone reads them.

    Scoring a whole assessment must stay fast (the steps' text costs more than the maths),
    so each result keeps a function that writes its steps instead of the steps themselves.
    """

    explain: Callable[[], tuple[Text, ...]] = field(repr=False, compare=False, kw_only=True)

    @property
    def steps(self) -> tuple[Text, ...]:
        return self.explain()
