"""Québec French typography (OQLF): amounts, percentages, dates, no-break spaces.

Every separator that must not wrap is U+00A0 (NBSP): ``2 871 200 $``, ``15 %``,
``11 mai 2021``. These functions return plain text; escaping is for the renderer.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import ROUND_HALF_EVEN, Decimal
from typing import Iterable

NBSP = "\u00a0"

MONTHS = (
    "janvier", "février", "mars", "avril", "mai", "juin",
    "juillet", "août", "septembre", "octobre", "novembre", "décembre",
)


def number(value: Decimal | int, decimals: int | None = None) -> str:
    """``2871200`` → ``2 871 200``; decimals with a comma; trailing zeros dropped if ``decimals`` is None."""
    value = Decimal(value)
    if decimals is not None:
        value = value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_EVEN)
    sign = "-" if value < 0 else ""
    text = f"{abs(value):f}"
    whole, _, fraction = text.partition(".")
    if decimals is None:
        fraction = fraction.rstrip("0")
    groups = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    result = NBSP.join(groups)
    return sign + result + ("," + fraction if fraction else "")


def amount(value: Decimal | int) -> str:
    """``2 871 200 $``; cents only when there are any (``1 234,50 $``)."""
    value = Decimal(value)
    decimals = 2 if value != value.to_integral_value() else 0
    return number(value, decimals) + NBSP + "$"


def percent(value: Decimal | int, decimals: int | None = None) -> str:
    return number(value, decimals) + NBSP + "%"


def day(value: int) -> str:
    return "1er" if value == 1 else str(value)


def date(value: dt.date) -> str:
    """``11 mai 2021``, ``1er décembre 2024``."""
    return f"{day(value.day)}{NBSP}{MONTHS[value.month - 1]}{NBSP}{value.year}"


def month(year: int, month_number: int, day_number: int | None = None) -> str:
    """A deadline: ``décembre 2023`` or ``31 mars 2025``."""
    text = f"{MONTHS[month_number - 1]}{NBSP}{year}"
    return f"{day(day_number)}{NBSP}{text}" if day_number else text


def join(items: Iterable[str], last: str = "et") -> str:
    """``1, 2 et 4``."""
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + f" {last} " + items[-1]


def of(word: str) -> str:
    """French « de » with elision: ``d'AEQ``, ``de PE``."""
    return ("d'" if word[:1].lower() in "aeiouyhàâéèêëîïôöûüœ" else "de ") + word


def phone_display(phone: str) -> str:
    """``873-561-1522`` → ``873 561-1522`` (OQLF), no-break space inside."""
    digits = re.sub(r"\D", "", phone)
    if len(digits) == 11 and digits.startswith("1"):
        digits = digits[1:]
    if len(digits) != 10:  # refused by the checks; shown as digits only, never as the raw text
        return digits
    return f"{digits[:3]}{NBSP}{digits[3:6]}-{digits[6:]}"


def phone_uri(phone: str) -> str:
    digits = re.sub(r"\D", "", phone)
    if len(digits) == 10:
        digits = "1" + digits
    return f"tel:+{digits}"


_MONTH_NAMES = "|".join(MONTHS)
_RULES = [
    # Space before a colon, percent sign, dollar sign, closing guillemet; after an opening one.
    (re.compile(r"[ \u202f]+(?=[:%$»])"), NBSP),
    (re.compile(r"(?<=«)[ \u202f]+"), NBSP),
    # Thousands groups: 2 871 200.
    (re.compile(r"(?<=\d) (?=\d{3}\b)"), NBSP),
    # Dates in text: 31 octobre 2024, 1er mars, janvier 2025.
    (re.compile(rf"\b(\d{{1,2}}|1er) (?=(?:{_MONTH_NAMES})\b)"), rf"\1{NBSP}"),
    (re.compile(rf"\b({_MONTH_NAMES}) (?=\d{{4}}\b)"), rf"\1{NBSP}"),
]


_DIGIT = re.compile(r"\d")


def typeset(text: str) -> str:
    """Put no-break spaces where OQLF wants them in free text."""
    if " " not in text and "\u202f" not in text:
        return text
    rules = _RULES if _DIGIT.search(text) else _RULES[:2]  # the others need a digit
    for pattern, replacement in rules:
        text = pattern.sub(replacement, text)
    return text


def name_with_acronym(name: str, acronym: str | None) -> str:
    """``Accès Entreprise Québec (AEQ)``; the name alone when there is no acronym."""
    return f"{name} ({acronym})" if acronym else name
