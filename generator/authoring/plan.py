"""A PIAR imported from Word, as plain data: every text placed where the content format wants it,
and every :class:`Report` about what could not be placed (kept as a :class:`Note`, never dropped)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from generator.typography import NBSP

TEXT_FIELDS = ("objectifs", "actions", "ressources", "indicateurs")
NUMBER_FIELDS = ("objectifs_programme", "axes_programme")


@dataclass
class Item:
    """One element of a list cell: a paragraph, with the bullet list under it if any."""

    texte: str
    elements: list[str] = field(default_factory=list)


@dataclass
class Note:
    """Text kept as a YAML comment, written just before the key ``champ`` (or at the end)."""

    champ: str | None
    lignes: list[str]


@dataclass
class Report:
    """Something the import could not place as is; shown to staff, in French."""

    ligne: int | None  # row of the plan's table, from 1, header rows not counted
    colonne: str | None  # the column's name (the programme's template names them), or the document's own title
    message: str

    def place(self) -> str:
        where = []
        if self.ligne is not None:
            where.append(f"ligne {self.ligne} du tableau")
        if self.colonne:
            where.append(f"colonne « {self.colonne} »")
        return ", ".join(where)

    def __str__(self) -> str:
        place = self.place()
        return f"{place}{NBSP}: {self.message}" if place else self.message


@dataclass
class ImportedVolet:
    ligne: int
    objectifs_programme: list[str] = field(default_factory=list)
    axes_programme: list[str] = field(default_factory=list)
    objectifs: list[Item] = field(default_factory=list)
    actions: list[Item] = field(default_factory=list)
    ressources: list[Item] = field(default_factory=list)
    echeances: list[str] = field(default_factory=list)
    indicateurs: list[Item] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)


@dataclass
class ImportedEnjeu:
    ligne: int
    numero: int
    titre: str
    temps_imparti: str | None = None  # "15" (a percentage) or a note
    volets: list[ImportedVolet] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    cellule: str = ""  # the enjeu cell as written, to recognise it when repeated
    temps_brut: str | None = None


@dataclass
class Plan:
    date_du_plan: dt.date | None = None
    mise_a_jour: dt.date | None = None
    enjeux: list[ImportedEnjeu] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    reports: list[Report] = field(default_factory=list)
    # Paragraphs outside the plan's table (titles, template text), to recognise the organisation.
    textes: list[str] = field(default_factory=list)

    @property
    def volet_count(self) -> int:
        return sum(len(e.volets) for e in self.enjeux)
