"""French as written in plans: dates (« Décembre 2023 », « 31 mars 2025 »), programme numbers
(« 1-2-4 », « 2 et 7 ») and time shares (« 15 % »). Pure functions, for the Word import."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal

_MONTHS = {
    "janvier": 1, "janv": 1, "fevrier": 2, "fevr": 2, "fev": 2, "mars": 3, "avril": 4, "avr": 4,
    "mai": 5, "juin": 6, "juillet": 7, "juil": 7, "aout": 8, "septembre": 9, "sept": 9,
    "octobre": 10, "oct": 10, "novembre": 11, "nov": 11, "decembre": 12, "dec": 12,
}
_MONTH = "|".join(sorted(_MONTHS, key=len, reverse=True))
_DATE_PATTERNS = [
    # 31 mars 2025, 1er avril 2024
    re.compile(rf"(?<![\d])(?P<d>\d{{1,2}})(?:er)?\s+(?P<m>{_MONTH})\.?\s+(?P<y>\d{{4}})(?!\d)"),
    # décembre 2023
    re.compile(rf"(?<![a-z])(?P<m>{_MONTH})\.?\s+(?:de\s+|d')?(?P<y>\d{{4}})(?!\d)"),
    # 2025-03-31, 2023-12, 2025/03/31
    re.compile(r"(?<![\d/.-])(?P<y>\d{4})[-/](?P<mn>\d{1,2})(?:[-/](?P<d>\d{1,2}))?(?![\d/-])"),
    # 31/03/2025, 31-03-2025, 31.03.2025
    re.compile(r"(?<![\d/.-])(?P<d>\d{1,2})[/.-](?P<mn>\d{1,2})[/.-](?P<y>\d{4})(?!\d)"),
]
# Words that may surround a deadline without changing it.
_FILLER = {
    "le", "la", "l'", "d'ici", "ici", "au", "plus", "tard", "avant", "pour", "en", "fin", "debut", "mi",
    "et", "ou", "puis", "jusqu'", "d'", "echeance", "date", "prevue", "prevu", "vers",
    ",", ";", ".", ":", "-", "/", "(", ")",
}


def fold(text: str) -> str:
    """Lowercase, no accents, straight apostrophes, single spaces: for matching only."""
    text = unicodedata.normalize("NFD", text.replace("’", "'").replace("œ", "oe").replace("Œ", "oe"))
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(text.lower().split())


@dataclass(frozen=True)
class _Date:
    year: int
    month: int
    day: int | None

    @property
    def iso(self) -> str:
        return f"{self.year:04d}-{self.month:02d}" + (f"-{self.day:02d}" if self.day else "")


def _find_dates(text: str) -> tuple[list[_Date], str, str | None]:
    """Dates found in ``text`` (folded), what is left around them, and why one is wrong, if so."""
    folded = fold(text)
    found: list[tuple[int, _Date]] = []
    problem = None
    rest = folded
    for pattern in _DATE_PATTERNS:
        for match in pattern.finditer(rest):
            groups = match.groupdict()
            year = int(groups["y"])
            month = _MONTHS[groups["m"]] if groups.get("m") else int(groups["mn"])
            day = int(groups["d"]) if groups.get("d") else None
            if pattern is _DATE_PATTERNS[3] and day is not None and day <= 12 and month <= 12 and day != month:
                problem = f"« {match[0]} » est ambiguë (jour et mois inversables)"
                continue
            try:
                dt.date(year, month, day or 1)
            except ValueError:
                problem = f"« {match[0]} » n'existe pas"
                continue
            found.append((match.start(), _Date(year, month, day)))
        rest = pattern.sub(lambda m: " " * len(m[0]), rest)
    found.sort(key=lambda pair: pair[0])
    return [d for _, d in found], rest, problem


def parse_deadlines(text: str) -> list[str] | None:
    """``Le 31 mars 2025`` → ``["2025-03-31"]``; ``Décembre 2023`` → ``["2023-12"]``; None if unreadable."""
    dates, rest, problem = _find_dates(text)
    if not dates or problem:
        return None
    tokens = re.findall(r"[a-z]+'|[a-z']+|\S", rest)
    if any(t not in _FILLER for t in tokens):
        return None
    return [d.iso for d in dates]


def parse_full_date(text: str) -> dt.date | None:
    """A plan's date, written ``11 mai 2021``, ``le 11 mai 2021``, ``2021-05-11`` or ``11/05/2021``."""
    dates, rest, problem = _find_dates(text)
    tokens = re.findall(r"[a-z]+'|[a-z']+|\S", rest)
    if len(dates) != 1 or problem or dates[0].day is None or any(t not in _FILLER for t in tokens):
        return None
    return dt.date(dates[0].year, dates[0].month, dates[0].day)


_NUMBERS = re.compile(r"\d+(?:\s*(?:-|,|;|\bet\b|\s)\s*\d+)*")


def parse_numbers(text: str) -> tuple[str, tuple[int, ...]] | None:
    """A cell of programme numbers, as written (``1-2-4``, ``2 et 7``), and its numbers; None if not numbers."""
    text = re.sub(r"[\u2010-\u2015\u2212]", "-", text)  # en dash, non-breaking hyphen, minus sign
    text = " ".join(text.split()).strip(" .;,")
    text = re.sub(r"\s*-\s*", "-", text) if re.fullmatch(r"[\d\s-]+", text) else text
    if not _NUMBERS.fullmatch(text):
        return None
    return text, tuple(int(n) for n in re.findall(r"\d+", text))


def parse_time_share(text: str) -> tuple[str, bool]:
    """``15%`` → ``("15", True)``; any other text is kept as the enjeu's note: ``(text, False)``."""
    match = re.fullmatch(r"(\d{1,3}(?:[.,]\d+)?)\s*%?", text.strip())
    if match:
        value = Decimal(match[1].replace(",", "."))
        if value <= 100:
            return format(value.normalize(), "f"), True
    return text, False
