"""What the Word import knows of a programme's PIAR template, and how it recognises the template's rows.

The facts come from the programme's file (``content/programmes/<id>.yml``): its numbered
objectives and axes, and in its ``piar`` section the template's title, its instructions
(``consignes``) and the names of its columns. Only the recognition of column titles,
which vary from one page to the next, is generic.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from dataclasses import dataclass

from generator.authoring.docx_reader import Cell, Para
from generator.authoring.french import fold
from generator.authoring.plan import NUMBER_FIELDS
from generator.content.models import ColonnesDuGabarit, Enjeu, Programme, Volet
from generator.content.typed_reader import field_docs

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
    required: tuple[str, ...] = ()  # the columns a filled plan cannot do without (see required_columns)
    words: frozenset[str] = frozenset()  # singular folded words of the template's titles, to correct typing mistakes

    @classmethod
    def of(cls, programme: Programme | None) -> Template:
        required = required_columns(programme)
        words = " ".join([_TITLE_WORDS, *(_NAMES.values())])
        if programme is None:
            return cls({}, ColonnesDuGabarit(), required=required, words=_words(words))
        gabarit = programme.piar
        numbers = {
            "objectifs_programme": frozenset(s.numero for s in programme.objectifs),
            "axes_programme": frozenset(s.numero for s in programme.axes),
        }
        words += f" {programme.nom} {programme.sigle or ''}"
        if gabarit is None:
            return cls(numbers, ColonnesDuGabarit(), required=required, words=_words(words))
        texts = [text for consigne in gabarit.consignes for text in consigne.textes]
        columns = gabarit.colonnes or ColonnesDuGabarit()
        words += " ".join(["", *(c.colonne for c in gabarit.consignes), *texts,
                           *(getattr(columns, f) or "" for f in _NAMES.values())])
        return cls(
            numbers,
            columns,
            fold(gabarit.titre) if gabarit.titre else None,
            tuple(phrase for phrase in map(_beginning, texts) if phrase),
            required,
            _words(words),
        )

    def corrected(self, title: str) -> str:
        """The folded title, each typing mistake replaced by the template's word it is closest to."""
        words = []
        for word in _WORD.findall(fold(title)):
            if len(word) >= 4 and _singular(word) not in self.words:
                close = difflib.get_close_matches(_singular(word), self.words, n=1, cutoff=0.8)
                word = close[0] if close else word
            words.append(word)
        return " ".join(words)

    def field_of(self, title: str) -> str | None:
        """Which field a column title stands for, once typing mistakes are corrected."""
        return column_of(title) or column_of(self.corrected(title))

    def misspelt(self, title: str) -> bool:
        """The title names its column only approximately (a typing mistake was corrected to read it)."""
        return self.corrected(title) != " ".join(_WORD.findall(fold(title)))

    def column(self, field_name: str) -> str:
        """The name staff know a column by (the programme's, else the content file's key)."""
        return self.columns.name(_KEYS.get(field_name, field_name))

    def is_instructions(self, values: dict[str, list[Para]]) -> bool:
        """The template's own instructions (its consignes, the programme's numbered statements)."""
        text = fold(" ".join(p.text for paras in values.values() for p in paras))
        if any(phrase in text for phrase in self.instructions):
            return True
        return any(_STATEMENT.match(p.text) for f in NUMBER_FIELDS for p in values.get(f, []))


def _words(text: str) -> frozenset[str]:
    return frozenset(_singular(w) for w in _WORD.findall(fold(text)))


def required_columns(programme: Programme | None) -> tuple[str, ...]:
    """The columns without which an imported plan cannot be valid, in the template's order.

    Those whose field the content format requires (an enjeu's title, a volet's objectives and
    actions), and the programme's numbers when its template asks for an objective and an axis
    for each enjeu (``objectif_et_axe_par_enjeu: oui`` in ``content/programmes/<id>.yml``).
    """
    required = {"enjeu"} if _is_required(Enjeu, "titre") else set()
    required |= {name for name in _NAMES if name in dict(_required_fields(Volet))}
    if programme is not None and programme.piar is not None and programme.piar.objectif_et_axe_par_enjeu:
        required |= {"objectifs_programme", "axes_programme"}
    return tuple(name for name in _ORDER if name in required)


def _required_fields(cls: type) -> list[tuple[str, bool]]:
    return [(name, required) for name, _, _, required in field_docs(cls) if required]


def _is_required(cls: type, name: str) -> bool:
    return any(field == name for field, _ in _required_fields(cls))


def _beginning(text: str) -> str:
    """The first words of an instruction, enough to recognise it in a cell (folded, no final punctuation)."""
    words: list[str] = []
    for word in fold(text).split():
        words.append(word)
        if len(" ".join(words)) >= _INSTRUCTION_LENGTH:
            break
    return " ".join(words).rstrip(" .;:,!?")


# Each column, in the template's order, with the beginnings of the titles it is known by (folded).
COLUMNS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("enjeu", ("enjeu",)),
    ("objectifs_programme", ("objectif",)),
    ("axes_programme", ("axe",)),
    ("objectifs", ("objectifs a atteindre", "objectif a atteindre", "objectifs vises", "resultats vises")),
    ("actions", ("action", "intervention", "moyen")),
    ("ressources", ("ressource", "responsable")),
    ("echeances", ("echean", "calendrier")),
    ("indicateurs", ("indicateur",)),
    ("temps", ("temps", "% du temps", "pourcentage")),
)
_ORDER = [name for name, _ in COLUMNS]
_NAMES = {name: _KEYS.get(name, name) for name in _ORDER}  # the content file's key of each column
# Words of the titles above, in full, so that a synonym is never taken for a typing mistake.
_TITLE_WORDS = "enjeux objectifs atteindre vises resultats axes actions interventions moyens ressources responsables " \
    "echeances echeanciers echeancier calendrier indicateurs temps imparti pourcentage du programme"
_WORD = re.compile(r"[a-z0-9%]+")


def column_of(title: str) -> str | None:
    """Which field a column title stands for (the template's titles vary from page to page)."""
    n = fold(title)
    # Checked in this order: « Objectifs à atteindre » before « Objectifs » (the programme's).
    for name, beginnings in (COLUMNS[0], COLUMNS[3], *COLUMNS[1:3], *COLUMNS[4:]):
        if n.startswith(beginnings):
            return name
    return None


def _singular(word: str) -> str:
    return word[:-1] if len(word) > 3 and word[-1] in "sx" else word


def header_row(cells: list[Cell], read: Callable[[str], str | None] = column_of) -> dict[int, tuple[str | None, str]] | None:
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
    fields = [read(t) for _, t in filled]
    known = {f for f in fields if f}
    specific = known & {"objectifs", "echeances", "indicateurs", "temps"}
    if len(known) < 4 or len(specific) < 2 or sum(1 for f in fields if f) * 3 < len(fields) * 2:
        return None
    mapping: dict[int, tuple[str | None, str]] = {}
    for cell, text in texts:
        for column in range(cell.column, cell.column + cell.span):
            mapping[column] = (read(text), text)
    return mapping


__all__ = ["COLUMNS", "Template", "column_of", "header_row", "required_columns"]
