"""What the Word import knows of a programme's PIAR template, and how it recognises the template's rows.

The facts come from the programme's file (``content/programmes/<id>.yml``): its numbered
objectives and axes, and in its ``piar`` section the template's title, its instructions
(``consignes``) and the names of its columns. Only the recognition of column titles,
which vary from one page to the next, is generic.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from generator.authoring.docx_reader import Cell, Para
from generator.authoring.french import fold
from generator.authoring.plan import NUMBER_FIELDS
from generator.content.models import ColonnesDuGabarit, Programme

# The importer's columns that are not named as the content file's keys.
_KEYS = {"enjeu": "enjeux", "temps": "temps_imparti"}
_INSTRUCTION_LENGTH = 30  # characters of an instruction's beginning enough to recognise it
_STATEMENT = re.compile(r"^\d{1,2}\s*[.)]\s+\w{3,}")


@dataclass(frozen=True)
class Template:
    """The programme's template, as the import uses it."""

    numbers: dict[str, frozenset[int]]  # objectifs_programme, axes_programme → the programme's numbers
    columns: ColonnesDuGabarit
    title: str | None = None  # folded
    instructions: tuple[str, ...] = ()  # folded beginnings of the template's instructions

    @classmethod
    def of(cls, programme: Programme | None) -> Template:
        if programme is None:
            return cls({}, ColonnesDuGabarit())
        gabarit = programme.piar
        numbers = {
            "objectifs_programme": frozenset(s.numero for s in programme.objectifs),
            "axes_programme": frozenset(s.numero for s in programme.axes),
        }
        if gabarit is None:
            return cls(numbers, ColonnesDuGabarit())
        texts = [text for consigne in gabarit.consignes for text in consigne.textes]
        return cls(
            numbers,
            gabarit.colonnes or ColonnesDuGabarit(),
            fold(gabarit.titre) if gabarit.titre else None,
            tuple(phrase for phrase in map(_beginning, texts) if phrase),
        )

    def column(self, field_name: str) -> str:
        """The name staff know a column by (the programme's, else the content file's key)."""
        return self.columns.name(_KEYS.get(field_name, field_name))

    def is_instructions(self, values: dict[str, list[Para]]) -> bool:
        """The template's own instructions (its consignes, the programme's numbered statements)."""
        text = fold(" ".join(p.text for paras in values.values() for p in paras))
        if any(phrase in text for phrase in self.instructions):
            return True
        return any(_STATEMENT.match(p.text) for f in NUMBER_FIELDS for p in values.get(f, []))


def _beginning(text: str) -> str:
    """The first words of an instruction, enough to recognise it in a cell (folded, no final punctuation)."""
    words: list[str] = []
    for word in fold(text).split():
        words.append(word)
        if len(" ".join(words)) >= _INSTRUCTION_LENGTH:
            break
    return " ".join(words).rstrip(" .;:,!?")


def column_of(title: str) -> str | None:
    """Which field a column title stands for (the template's titles vary from page to page)."""
    n = fold(title)
    if n.startswith("enjeu"):
        return "enjeu"
    if n.startswith(("objectifs a atteindre", "objectif a atteindre", "objectifs vises", "resultats vises")):
        return "objectifs"
    if n.startswith("objectif"):
        return "objectifs_programme"
    if n.startswith("axe"):
        return "axes_programme"
    if n.startswith(("action", "intervention", "moyen")):
        return "actions"
    if n.startswith(("ressource", "responsable")):
        return "ressources"
    if n.startswith(("echean", "calendrier")):
        return "echeances"
    if n.startswith("indicateur"):
        return "indicateurs"
    if n.startswith(("temps", "% du temps", "pourcentage")):
        return "temps"
    return None


def header_row(cells: list[Cell]) -> dict[int, tuple[str | None, str]] | None:
    """grid column → (field, title) if the row is a row of column titles.

    The titles vary from one page to the next (« Objectifs d'AEQ », « Objectifs »…), so a
    row is taken for titles when most of its cells name a known column and at least two
    of them name a column no plan's text starts with (objectifs à atteindre, échéances,
    indicateurs, temps imparti).
    """
    texts = [(c, " ".join(p.text for p in c.paras)) for c in cells]
    filled = [(c, t) for c, t in texts if t]
    if not filled or any(len(t) > 150 for _, t in filled):
        return None
    fields = [column_of(t) for _, t in filled]
    known = {f for f in fields if f}
    specific = known & {"objectifs", "echeances", "indicateurs", "temps"}
    if len(known) < 4 or len(specific) < 2 or sum(1 for f in fields if f) * 3 < len(fields) * 2:
        return None
    mapping: dict[int, tuple[str | None, str]] = {}
    for cell, text in texts:
        for column in range(cell.column, cell.column + cell.span):
            mapping[column] = (column_of(text), text)
    return mapping


__all__ = ["Template", "column_of", "header_row"]
