"""Problems found in content files, reported to staff in French."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

Level = Literal["erreur", "avis"]


@dataclass(frozen=True, order=True)
class Problem:
    """One problem in one content file, located as precisely as we can."""

    file: str
    line: int | None
    column: int | None
    field: str
    message: str
    level: Level = "erreur"

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f", ligne {self.line}"
            if self.column is not None:
                where += f", colonne {self.column}"
        field = f" [{self.field}]" if self.field else ""
        return f"{where}{field}\u00a0: {self.message}"


class ContentError(Exception):
    """Raised when content has errors; carries every problem of every file."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems, key=sort_key)
        super().__init__(self.report())

    def report(self) -> str:
        count = len(self.problems)
        head = (
            "1 erreur dans le contenu"
            if count == 1
            else f"{count} erreurs dans le contenu"
        )
        lines = [f"{head}\u00a0:"] + [f"- {p}" for p in self.problems]
        return "\n".join(lines)


def notices_report(notices: tuple[Problem, ...] | list[Problem]) -> str:
    """Notices: legal content worth a second look. Shown to staff, never fatal."""
    if not notices:
        return ""
    head = "1 avis sur le contenu" if len(notices) == 1 else f"{len(notices)} avis sur le contenu"
    return "\n".join([f"{head} (le site est construit quand même)\u00a0:"] + [f"- {p}" for p in notices])


def did_you_mean(value: str, known: Iterable[str], *, containing: bool = False) -> str:
    """`` Vouliez-vous dire « x »?`` for the one known value close to ``value``, else "".

    With ``containing``, a known value that contains ``value`` counts as close (« matanie »
    for « mrc-de-la-matanie »); several such values suggest none.
    """
    known = list(known)
    close = [k for k in known if value in k] if containing else []
    close = close or difflib.get_close_matches(value, known, n=1, cutoff=0.6)
    return f" Vouliez-vous dire « {close[0]} »?" if len(close) == 1 else ""


def sort_key(p: Problem) -> tuple:
    return (p.file, p.line or 0, p.column or 0, p.field, p.message)
