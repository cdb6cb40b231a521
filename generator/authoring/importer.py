"""Import a PIAR filled in the ministry's Word template (.docx) into a content file.

Pure functions, in two steps, with no MkDocs import:

1. :func:`read_docx` (or :func:`read_body` on an already parsed document) turns the
   Word file into a :class:`Plan`: plain data holding every text placed where the
   content format wants it, plus every :class:`Report` about what could not be
   placed (kept as a :class:`Note`, written as a YAML comment, never dropped);
2. :func:`to_yaml` writes that plan as a content file in the style of the
   hand-written ones (block style, ``>-`` for long texts, stable key order).

python-docx only opens the package. The tables are read from the WordprocessingML
itself, so that what Word shows is what is imported: merged cells (``gridSpan``,
``vMerge``), content controls (``w:sdt``), tracked changes (deleted text is
skipped), hidden text, nested tables and soft line breaks.

How the template's table becomes volets (see ``documentation/format-du-contenu.md``):

- a header row (the column titles, repeated on each page) tells which column is
  which; rows before the first enjeu that hold the template's own instructions are
  skipped;
- a row whose enjeu cell gives a new « 1. Title » starts an enjeu; every row is a
  volet of the current enjeu;
- a row whose enjeu, programme objectives, programme axes and objectives cells
  are all empty continues the previous volet; right after a header row (a page
  break) its first paragraph may complete the previous row's last item.
"""

from __future__ import annotations

import datetime as dt
import re
import textwrap
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import IO, Iterator

import yaml

# --- the plan, as plain data ----------------------------------------------------

TEXT_FIELDS = ("objectifs", "actions", "ressources", "indicateurs")
NUMBER_FIELDS = ("objectifs_programme", "axes_programme")

# Names shown to staff in reports, per column.
COLUMN_NAMES = {
    "enjeu": "Enjeux",
    "objectifs_programme": "Objectifs du programme",
    "axes_programme": "Axes du programme",
    "objectifs": "Objectifs à atteindre",
    "actions": "Actions",
    "ressources": "Ressources",
    "echeances": "Échéances",
    "indicateurs": "Indicateurs de performance",
    "temps": "Temps imparti",
}

NBSP = "\u00a0"


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
    colonne: str | None  # column name as in COLUMN_NAMES, or the document's own title
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


class DocxError(Exception):
    """The file cannot be read at all; the message is in French, for staff."""


# --- values written in words: deadlines, dates, numbers, percentages ---------------

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


# --- reading WordprocessingML ---------------------------------------------------

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_WRAPPERS = {W + "sdt", W + "customXml", W + "smartTag", W + "ins", W + "moveTo", W + "hyperlink", W + "fldSimple",
             W + "sdtContent", W + "dir", W + "bdo"}


@dataclass(frozen=True)
class Para:
    """A paragraph of a cell: its cleaned text, and whether Word shows it as a list item."""

    text: str
    liste: bool = False
    numerote: bool = False  # Word's own numbering (the number is not in the text)


def _attr(element, name: str) -> str | None:  # type: ignore[no-untyped-def]
    return element.get(W + name)


def _is_placeholder(sdt) -> bool:  # type: ignore[no-untyped-def]
    pr = sdt.find(W + "sdtPr")
    return pr is not None and pr.find(W + "showingPlcHdr") is not None


def _hidden(run) -> bool:  # type: ignore[no-untyped-def]
    pr = run.find(W + "rPr")
    vanish = pr.find(W + "vanish") if pr is not None else None
    return vanish is not None and _attr(vanish, "val") not in ("0", "false", "off")


def _run_text(element, parts: list[str]) -> None:  # type: ignore[no-untyped-def]
    for child in element:
        tag = child.tag
        if tag in (W + "del", W + "moveFrom", MC + "Fallback", W + "rPr", W + "pPr"):
            continue
        if tag == W + "sdt":
            if not _is_placeholder(child):
                _run_text(child, parts)
            continue
        if tag == W + "r":
            if not _hidden(child):
                _run_text(child, parts)
            continue
        if tag == W + "t":
            parts.append(child.text or "")
        elif tag in (W + "tab", W + "ptab"):
            parts.append("\t")
        elif tag in (W + "br", W + "cr"):
            parts.append("\n")
        elif tag == W + "noBreakHyphen":
            parts.append("-")
        elif tag == W + "sym":
            try:
                parts.append(chr(int(_attr(child, "char") or "", 16)))
            except ValueError:
                pass
        else:
            _run_text(child, parts)


def paragraph_text(p) -> str:  # type: ignore[no-untyped-def]
    """The text Word shows for a paragraph: tabs and line breaks kept, deleted and hidden text left out."""
    parts: list[str] = []
    _run_text(p, parts)
    return "".join(parts)


def _blocks(parent) -> Iterator:  # type: ignore[no-untyped-def]
    """Paragraphs and tables of a body or cell, in order, through content controls."""
    for child in parent:
        if child.tag in (W + "p", W + "tbl"):
            yield child
        elif child.tag == W + "sdt":
            if not _is_placeholder(child):
                content = child.find(W + "sdtContent")
                if content is not None:
                    yield from _blocks(content)
        elif child.tag in (W + "customXml", W + "ins", W + "moveTo"):
            yield from _blocks(child)


def _children(parent, tag: str) -> Iterator:  # type: ignore[no-untyped-def]
    for child in parent:
        if child.tag == tag:
            yield child
        elif child.tag == W + "sdt":
            if not _is_placeholder(child):
                content = child.find(W + "sdtContent")
                if content is not None:
                    yield from _children(content, tag)
        elif child.tag in (W + "customXml", W + "ins"):
            yield from _children(child, tag)


_BULLET = re.compile(r"^(?:[-\u2010-\u2015\u2212•◦▪▫■□●○►▸▶➢➣➤→✓✔❖⁃·]|[\ue000-\uf8ff])\s*")
_SPACE_BEFORE = re.compile(r"[ \t]+([;!?])")
_INVISIBLE = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff]")
_CONTROL_OR_PRIVATE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\ue000-\uf8ff]")


def clean(text: str) -> tuple[str, bool]:
    """Single spaces, straight apostrophes, no space before ; ! ? (as the content files write them).

    Returns the text and whether an invisible or special-font character had to be removed.
    """
    text = _INVISIBLE.sub("", text)
    text = text.replace("\u2011", "-").replace("’", "'").replace("‘", "'").replace("ʼ", "'")
    text = re.sub(r"[\u00a0\u202f\u2007\u2009\t\n\r\v]", " ", text)
    removed = bool(_CONTROL_OR_PRIVATE.search(text))
    text = _CONTROL_OR_PRIVATE.sub(" ", text)
    text = " ".join(text.split())
    text = _SPACE_BEFORE.sub(r"\1", text)
    return text, removed


def _style_is_list(p) -> bool:  # type: ignore[no-untyped-def]
    pr = p.find(W + "pPr")
    if pr is None:
        return False
    style = pr.find(W + "pStyle")
    name = (_attr(style, "val") or "").lower() if style is not None else ""
    return any(word in name for word in ("list", "puce", "bullet", "enum"))


def _numbered(p) -> bool:  # type: ignore[no-untyped-def]
    pr = p.find(W + "pPr")
    num = pr.find(W + "numPr") if pr is not None else None
    if num is None:
        return False
    num_id = num.find(W + "numId")
    return num_id is None or _attr(num_id, "val") != "0"


def cell_paragraphs(tc) -> tuple[list[Para], bool]:  # type: ignore[no-untyped-def]
    """A cell's non-empty paragraphs (nested tables flattened), and whether a special character was removed.

    A soft line break (Shift+Entrée) joins its two lines with a space, unless the
    next line starts with a bullet: then it is the next item of a list.
    """
    paras: list[Para] = []
    removed_any = False

    def add(p) -> None:  # type: ignore[no-untyped-def]
        nonlocal removed_any
        listed = _style_is_list(p) or _numbered(p)
        numbered = _numbered(p)
        raw = paragraph_text(p)
        lines = raw.split("\n")
        chunks: list[str] = []
        for line in lines:
            stripped = line.strip()
            if chunks and stripped and not _BULLET.match(stripped):
                chunks[-1] += " " + line
            else:
                chunks.append(line)
        for chunk in chunks:
            stripped = chunk.strip()
            bullet = _BULLET.match(stripped)
            if bullet and stripped[bullet.end():].strip():
                stripped = stripped[bullet.end():]
                text, removed = clean(stripped)
                paras.append(Para(text, True, numbered))
            else:
                text, removed = clean(stripped)
                if text and not re.fullmatch(r"[-\u2010-\u2015•·]+", text):
                    paras.append(Para(text, listed, numbered))
            removed_any = removed_any or removed

    def walk(parent) -> None:  # type: ignore[no-untyped-def]
        for block in _blocks(parent):
            if block.tag == W + "p":
                add(block)
            else:
                for tr in _children(block, W + "tr"):
                    for tc in _children(tr, W + "tc"):
                        walk(tc)

    walk(tc)
    return paras, removed_any


@dataclass
class _Cell:
    tc: object
    column: int  # first grid column
    span: int
    paras: list[Para]
    removed: bool


def _grid_span(tc) -> int:  # type: ignore[no-untyped-def]
    pr = tc.find(W + "tcPr")
    span = pr.find(W + "gridSpan") if pr is not None else None
    try:
        return max(1, int(_attr(span, "val") or 1)) if span is not None else 1
    except ValueError:
        return 1


def _h_merge_continue(tc) -> bool:  # type: ignore[no-untyped-def]
    pr = tc.find(W + "tcPr")
    merge = pr.find(W + "hMerge") if pr is not None else None
    return merge is not None and _attr(merge, "val") != "restart"


def _row_cells(tr) -> list[_Cell]:  # type: ignore[no-untyped-def]
    """The cells of a row, each at its first grid column (``gridBefore`` and ``gridSpan`` applied)."""
    column = 0
    pr = tr.find(W + "trPr")
    before = pr.find(W + "gridBefore") if pr is not None else None
    if before is not None:
        try:
            column = int(_attr(before, "val") or 0)
        except ValueError:
            column = 0
    cells: list[_Cell] = []
    for tc in _children(tr, W + "tc"):
        span = _grid_span(tc)
        if _h_merge_continue(tc) and cells:
            cells[-1].span += span
        else:
            paras, removed = cell_paragraphs(tc)
            cells.append(_Cell(tc, column, span, paras, removed))
        column += span
    return cells


# --- recognising the template ----------------------------------------------------


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


def _header(cells: list[_Cell]) -> dict[int, tuple[str | None, str]] | None:
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


_TITLE = "plan d'intervention et d'affectation des ressources"
_INSTRUCTIONS = (
    "les enjeux doivent avoir ete elabores",
    "inclure quelques objectifs smart",
    "pour chaque objectif, elaborer des actions",
    "pour chaque action, une echeance doit etre associee",
    "l'indicateur de performance peut etre quantitatif",
    "le temps imparti par les ressources concernees",
    "identifier si les actions seront prises en charge",
)
_STATEMENT = re.compile(r"^\d{1,2}\s*[.)]\s+\w{3,}")


def _is_instructions(values: dict[str, list[Para]]) -> bool:
    """The template's own instructions (consignes, the programme's numbered statements)."""
    text = fold(" ".join(p.text for paras in values.values() for p in paras))
    if any(phrase in text for phrase in _INSTRUCTIONS):
        return True
    return any(_STATEMENT.match(p.text) for f in NUMBER_FIELDS for p in values.get(f, []))


_ENJEU = re.compile(r"^(?:enjeu\s*(?:n[o°º]\.?\s*)?)?(\d{1,3})\s*(?:[.):\u2010-\u2015-]\s*|\s+)(\S.*)$", re.I)
_COMPLETE = re.compile(r"[.!?…»\"”]$|\.\)$")


def _incomplete(text: str) -> bool:
    """The text clearly goes on (a comma, an open parenthesis, a linking word at the end)."""
    if text.count("(") > text.count(")"):
        return True
    return bool(re.search(r"(?:[,(:\u2010-\u2015/-]|\b(?:et|ou|de|du|des|à|au|aux|le|la|les|en|pour|avec|par|sur|d'|l'))$", text))


# --- the import itself ---------------------------------------------------------------


class _Importer:
    def __init__(self, allowed: dict[str, set[int]] | None) -> None:
        self.plan = Plan()
        self.allowed = allowed or {}
        self.mapping: dict[int, tuple[str | None, str]] | None = None
        self.row = 0  # rows of the filled plan
        self.enjeu: ImportedEnjeu | None = None
        self.volet: ImportedVolet | None = None
        self.after_header = False
        self.in_instructions = False
        self.date_blocks: list[str] = []

    # -- reporting ------------------------------------------------------------------
    def report(self, column: str | None, message: str, kept: str | None = None, *, where: str = "volet",
               champ: str | None = None, row: bool = True) -> None:
        """Report a problem; ``kept`` (the document's text) goes in a YAML comment next to ``champ``."""
        report = Report(self.row if row and self.row else None, column, message)
        self.plan.reports.append(report)
        place = report.place()
        lines = [f"À VÉRIFIER{f' ({place})' if place else ''}{NBSP}: {message}"]
        if kept:
            lines.append(f"Texte du document{NBSP}: « {kept} »")
        note = Note(champ, lines)
        if where == "volet" and self.volet is not None:
            self.volet.notes.append(note)
        elif where in ("volet", "enjeu") and self.enjeu is not None:
            self.enjeu.notes.append(note)
        else:
            self.plan.notes.append(note)

    # -- body ---------------------------------------------------------------------------
    def body(self, body) -> None:  # type: ignore[no-untyped-def]
        for block in _blocks(body):
            if block.tag == W + "p":
                self.paragraph(block)
            else:
                self.table(block)
        self.finish()

    def paragraph(self, p) -> None:  # type: ignore[no-untyped-def]
        for line in paragraph_text(p).split("\n"):
            text, _ = clean(line.replace("\t", " "))
            if text:
                self.date_blocks.append(text)
                self.plan.textes.append(text)

    def table(self, tbl) -> None:  # type: ignore[no-untyped-def]
        rows = [_row_cells(tr) for tr in _children(tbl, W + "tr")]
        headers = [_header(cells) for cells in rows]
        if not any(headers):
            width = max((c.column + c.span for cells in rows for c in cells), default=0)
            known_width = max(self.mapping) + 1 if self.mapping else -1
            if self.mapping is None or width != known_width:
                self.other_table(rows)
                return
            self.after_header = True  # a table of the plan continued without its titles
        previous_was_header = False
        for cells, header in zip(rows, headers):
            if header:
                self.mapping = header
                self.after_header = previous_was_header = True
                continue
            if previous_was_header and self.sub_header(cells):
                continue
            previous_was_header = False
            if self.mapping is None:
                self.other_table([cells])
                continue
            self.data_row(cells)
            self.after_header = False

    def sub_header(self, cells: list[_Cell]) -> bool:
        """A second row of titles under a grouping title (« Accès Entreprise Québec » over « Objectifs », « Axes »)."""
        assert self.mapping is not None
        titled = [(c, " ".join(p.text for p in c.paras)) for c in cells if c.paras]
        if not titled or any(len(t) > 80 or column_of(t) in (None, "enjeu") for _, t in titled):
            return False
        if any(self.mapping.get(c.column, (None, ""))[0] is not None for c, _ in titled):
            return False  # only columns the first row of titles left unnamed
        for cell, text in titled:
            for column in range(cell.column, cell.column + cell.span):
                self.mapping[column] = (column_of(text), text)
        return True

    def other_table(self, rows: list[list[_Cell]]) -> None:
        """A table that is not the plan's: read for the plan's dates, reported if it holds anything else."""
        leftovers = []
        for cells in rows:
            texts = [" ".join(p.text for p in c.paras) for c in cells]
            texts = [t for t in texts if t]
            if not texts:
                continue
            self.date_blocks.extend(texts)
            self.plan.textes.extend(texts)
            if not _date_label(texts[0]) and fold(texts[0]) != _TITLE:
                leftovers.append(" | ".join(texts))
        if leftovers and self.enjeu is not None:
            for text in leftovers:
                self.report(None, "ce tableau n'est pas celui du plan (aucune ligne de titres de colonnes); "
                            "son texte n'a pas été placé.", text, where="document", row=False)

    def data_row(self, cells: list[_Cell]) -> None:
        assert self.mapping is not None
        values: dict[str, list[Para]] = {}
        extras: list[tuple[str, list[Para]]] = []
        spans: list[tuple[str, list[str]]] = []
        removed = []
        for cell in cells:
            field_name, title = self.mapping.get(cell.column, (None, ""))
            covered = {self.mapping.get(c, (None, ""))[0] for c in range(cell.column, cell.column + cell.span)}
            covered.discard(field_name)
            covered.discard(None)
            if not cell.paras:
                continue
            if field_name is None:
                extras.append((title or f"colonne {cell.column + 1}", cell.paras))
                continue
            values.setdefault(field_name, []).extend(cell.paras)
            if covered:
                spans.append((field_name, sorted(covered)))
            if cell.removed:
                removed.append(field_name)
        if not values and not extras:
            return
        if self.enjeu is None and (self.in_instructions or _is_instructions(values)):
            if not values.get("enjeu") or _is_instructions(values):
                self.in_instructions = True
                return
        self.in_instructions = False
        self.row += 1
        page_break = self.after_header
        enjeu_cell = values.get("enjeu", [])
        same_enjeu = not enjeu_cell or not self.start_enjeu(enjeu_cell, page_break)
        first_cells_empty = same_enjeu and not any(values.get(f) for f in ("objectifs_programme", "axes_programme", "objectifs"))
        if self.enjeu is None:
            text = " | ".join(p.text for paras in [*values.values(), *(p for _, p in extras)] for p in paras)
            self.report(None, "aucun enjeu n'est indiqué avant cette ligne (case « Enjeux » vide); "
                        "son texte n'a pas été placé.", text, where="document")
            return
        continuation = first_cells_empty and self.volet is not None
        if not continuation:
            self.volet = ImportedVolet(ligne=self.row)
            self.enjeu.volets.append(self.volet)
        assert self.volet is not None
        join = continuation and page_break
        for field_name, covered in spans:
            names = ", ".join(f"« {COLUMN_NAMES[c]} »" for c in covered)
            self.report(COLUMN_NAMES[field_name], f"la case couvre aussi les colonnes {names} (cases fusionnées); "
                        f"tout son texte est placé dans « {COLUMN_NAMES[field_name]} ». Vérifiez-le.")
        for field_name in removed:
            self.report(COLUMN_NAMES[field_name], "un caractère invisible ou d'une police spéciale (Symbol, Wingdings) "
                        "a été retiré du texte. Vérifiez qu'il ne manque rien.")
        for field_name in NUMBER_FIELDS:
            self.numbers(field_name, values.get(field_name, []))
        for field_name in TEXT_FIELDS:
            paras = values.get(field_name, [])
            if paras:
                self.items(field_name, getattr(self.volet, field_name), paras, join)
        self.deadlines(values.get("echeances", []))
        self.time_share(values.get("temps", []), join)
        for title, paras in extras:
            self.report(title, "colonne inconnue du gabarit; son texte est gardé en commentaire dans le volet.",
                        " / ".join(p.text for p in paras))

    def start_enjeu(self, paras: list[Para], page_break: bool) -> bool:
        """Start the enjeu named by the cell; False if the cell only repeats or continues the current one."""
        text = " ".join(p.text for p in paras)
        if self.enjeu is not None and fold(text) == fold(self.enjeu.cellule):
            return False  # the enjeu repeated on a new page
        match = _ENJEU.match(text)
        if self.enjeu is not None and page_break and not match and (_incomplete(self.enjeu.titre) or text[:1].islower()):
            self.enjeu.titre += " " + text  # the enjeu's title goes on after a page break
            self.enjeu.cellule += " " + text
            return False
        previous = self.enjeu.numero if self.enjeu else 0
        if match:
            number, title = int(match[1]), match[2].strip()
        else:
            number, title = previous + 1, text
        self.enjeu = ImportedEnjeu(ligne=self.row, numero=number, titre=title, cellule=text)
        self.volet = None
        self.plan.enjeux.append(self.enjeu)
        if not match and not paras[0].numerote:
            self.report(COLUMN_NAMES["enjeu"], f"l'enjeu n'est pas numéroté (« 1. Titre »); il reçoit le numéro {number}, "
                        "qui suit celui de l'enjeu précédent.", where="enjeu", champ="numero")
        return True

    def numbers(self, field_name: str, paras: list[Para]) -> None:
        assert self.volet is not None
        column = COLUMN_NAMES[field_name]
        for para in paras:
            parsed = parse_numbers(para.text)
            if parsed is None:
                self.report(column, "seuls des numéros sont attendus (par exemple « 1-2-4 » ou « 2 et 7 »); "
                            "recopiez les numéros dans « " + field_name + " ».", para.text, champ=field_name)
                continue
            written, numbers = parsed
            allowed = self.allowed.get(field_name)
            unknown = sorted({n for n in numbers if allowed is not None and n not in allowed})
            if unknown:
                word = "objectif" if field_name == "objectifs_programme" else "axe"
                self.report(column, f"{word} inconnu dans le programme{NBSP}: {', '.join(map(str, unknown))} (numéros "
                            f"permis{NBSP}: {', '.join(map(str, sorted(allowed or ())))}); corrigez le numéro dans "
                            f"« {field_name} ».", para.text, champ=field_name)
                continue
            getattr(self.volet, field_name).append(written)

    def items(self, field_name: str, items: list[Item], paras: list[Para], join: bool) -> None:
        for index, para in enumerate(paras):
            last = items[-1] if items else None
            if index == 0 and join and last is not None:
                tail = last.elements[-1] if last.elements else last.texte
                starts_lower = para.text[:1].islower() or para.text[:1] in "(),;:."
                if not para.liste and (_incomplete(tail) or starts_lower):
                    if last.elements:
                        last.elements[-1] += " " + para.text
                    else:
                        last.texte += " " + para.text
                    continue
                if not para.liste and not _COMPLETE.search(tail) and not tail.endswith((":", ";", ")")):
                    self.report(COLUMN_NAMES[field_name], f"la ligne continue celle d'avant (saut de page) et commence par "
                                f"« {para.text[:40]} »; placé comme un nouvel élément. S'il complète « …{tail[-40:]} », "
                                "réunissez les deux.")
            if para.liste and last is not None and (last.elements or last.texte.endswith(":")):
                last.elements.append(para.text)
            else:
                items.append(Item(para.text))

    def deadlines(self, paras: list[Para]) -> None:
        assert self.volet is not None
        for para in paras:
            parsed = parse_deadlines(para.text)
            if parsed is None:
                self.report(COLUMN_NAMES["echeances"], "échéance illisible; écrivez-la AAAA-MM (un mois) ou AAAA-MM-JJ "
                            "(un jour) dans « echeances », ou laissez ce commentaire si le plan n'en donne pas.",
                            para.text, champ="echeances")
                continue
            self.volet.echeances.extend(parsed)

    def time_share(self, paras: list[Para], join: bool) -> None:
        assert self.enjeu is not None
        if not paras:
            return
        text = " ".join(p.text for p in paras)
        if self.enjeu.temps_brut is None:
            self.enjeu.temps_brut = text
        elif join:
            self.enjeu.temps_brut += " " + text
        else:
            self.report(COLUMN_NAMES["temps"], f"l'enjeu {self.enjeu.numero} a déjà un temps imparti "
                        f"(« {self.enjeu.temps_brut} »); le site n'en affiche qu'un par enjeu. Additionnez-les ou "
                        "choisissez dans « temps_imparti ».", text, where="enjeu", champ="temps_imparti")

    # -- end ----------------------------------------------------------------------------
    def finish(self) -> None:
        for enjeu in self.plan.enjeux:
            if enjeu.temps_brut is None:
                continue
            value, is_number = parse_time_share(enjeu.temps_brut)
            enjeu.temps_imparti = value
            if not is_number and re.search(r"\d\s*%|\bpour ?cent", enjeu.temps_brut):
                report = Report(enjeu.ligne, COLUMN_NAMES["temps"], f"« {enjeu.temps_brut} » est gardé comme note; si "
                                "c'est un pourcentage, écrivez seulement le nombre dans « temps_imparti ».")
                self.plan.reports.append(report)
                enjeu.notes.append(Note("temps_imparti", [f"À VÉRIFIER ({report.place()}){NBSP}: {report.message}"]))
        self.dates()
        self.plan.reports.sort(key=lambda r: (r.ligne is None, r.ligne or 0))
        if not self.plan.enjeux:
            self.plan.reports.append(Report(None, None, "aucun tableau du plan trouvé : il faut un tableau dont une ligne "
                                            "donne les titres des colonnes du gabarit (Enjeux, Objectifs, Axes, "
                                            "Objectifs à atteindre, Actions, Échéances, Indicateurs…)."))

    def dates(self) -> None:
        found: dict[str, list[tuple[str, dt.date | None]]] = {"date_du_plan": [], "mise_a_jour": []}
        blocks = self.date_blocks
        for index, block in enumerate(blocks):
            label = _date_label(block)
            if not label:
                continue
            key, rest = label
            if not rest and index + 1 < len(blocks) and not _date_label(blocks[index + 1]):
                rest = blocks[index + 1]
            found[key].append((rest, parse_full_date(rest) if rest else None))
        names = {"date_du_plan": "date du plan", "mise_a_jour": "date de mise à jour"}
        for key, values in found.items():
            good = [d for _, d in values if d]
            for text, date in values:
                if date is None and text:
                    self.plan.reports.append(Report(None, None, f"{names[key]} illisible « {text} »; écrivez-la "
                                                    f"AAAA-MM-JJ dans « {key} »."))
                    self.plan.notes.append(Note(key, [f"À VÉRIFIER{NBSP}: {names[key]} illisible{NBSP}: « {text} »"]))
            if good:
                setattr(self.plan, key, max(good))
                if len(set(good)) > 1:
                    others = ", ".join(d.isoformat() for d in sorted(set(good)) if d != max(good))
                    self.plan.notes.append(Note(key, [f"Autres dates trouvées dans le document{NBSP}: {others}"]))
        if self.plan.date_du_plan is None and not found["date_du_plan"]:
            self.plan.reports.append(Report(None, None, "« Date du plan » introuvable dans le document; écrivez-la "
                                            "AAAA-MM-JJ dans « date_du_plan »."))
            self.plan.notes.append(Note("date_du_plan", [f"À VÉRIFIER{NBSP}: date du plan introuvable dans le document."]))


_LABELS = (
    ("date_du_plan", re.compile(r"^\s*date\s+du\s+plan\s*:?\s*(.*)$", re.I)),
    ("mise_a_jour", re.compile(r"^\s*(?:date\s+de\s+(?:la\s+)?)?(?:derni[eè]re\s+)?mise\s+[àa]\s+jour\s*:?\s*(.*)$", re.I)),
)


def _date_label(text: str) -> tuple[str, str] | None:
    """``Date du plan : 11 mai 2021`` → ``("date_du_plan", "11 mai 2021")``."""
    for key, pattern in _LABELS:
        match = pattern.match(text)
        if match:
            return key, match[1].strip()
    return None


def read_body(document, allowed: dict[str, set[int]] | None = None) -> Plan:  # type: ignore[no-untyped-def]
    """The plan held by a python-docx ``Document`` (headers and footers are read for the dates too)."""
    importer = _Importer(allowed)
    for rel in document.part.rels.values():
        if rel.reltype.endswith(("/header", "/footer")) and not rel.is_external:
            for block in _blocks(rel.target_part.element):
                if block.tag == W + "p":
                    importer.paragraph(block)
    importer.body(document.element.body)
    return importer.plan


def read_docx(source: str | Path | IO[bytes], allowed: dict[str, set[int]] | None = None) -> Plan:
    """Read a PIAR filled in the ministry's Word template.

    ``allowed`` gives the programme's numbers (``{"objectifs_programme": {1, 2, 3, 4}, …}``):
    a number outside them is reported instead of written.
    """
    try:
        import docx
        from docx.opc.exceptions import PackageNotFoundError
    except ImportError:
        raise DocxError("le module python-docx manque. Lancez une fois « py scripts\\construire.py » (Windows) ou "
                        "« python3 scripts/construire.py », qui installe ce qu'il faut, puis recommencez.") from None

    name = Path(source).name if isinstance(source, (str, Path)) else "le fichier"
    if isinstance(source, (str, Path)) and Path(source).suffix.lower() == ".doc":
        raise DocxError(f"« {name} » est au format Word 97-2003 (.doc). Ouvrez-le dans Word et enregistrez-le "
                           "au format « Document Word (*.docx) », puis importez le fichier .docx.")
    try:
        document = docx.Document(source)
    except (PackageNotFoundError, KeyError, ValueError, OSError) as error:
        if isinstance(source, (str, Path)) and not Path(source).exists():
            raise DocxError(f"fichier introuvable{NBSP}: « {source} ».") from None
        raise DocxError(f"« {name} » n'est pas un document Word .docx lisible ({error.__class__.__name__}). "
                           "Ouvrez-le dans Word et enregistrez-le au format « Document Word (*.docx) ».") from None
    except Exception as error:  # zipfile.BadZipFile and lxml errors have no common base
        raise DocxError(f"« {name} » n'est pas un document Word .docx lisible ({error.__class__.__name__}). "
                           "Ouvrez-le dans Word et enregistrez-le au format « Document Word (*.docx) ».") from None
    return read_body(document, allowed)


# --- writing the content file ------------------------------------------------------

WIDTH = 100  # a line longer than this becomes a folded block (>-)
FOLD = 79  # longest line of a folded block


def _plain_ok(text: str) -> bool:
    """Whether ``text`` can be written without quotes and reads back unchanged."""
    if not text or text != text.strip() or text in ("~", "null", "Null", "NULL") or "\n" in text:
        return False
    if text[0] in "-?:,[]{}#&*!|>'\"%@`" or ": " in text or " #" in text or text.endswith(":"):
        return False
    try:
        return yaml.load(f"k: {text}\n", Loader=yaml.BaseLoader) == {"k": text}
    except yaml.YAMLError:
        return False


def _quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _scalar(prefix: str, text: str, indent: int) -> list[str]:
    """``prefix`` (``key: `` or ``- ``, already indented) followed by ``text`` in the most readable style."""
    if len(prefix) + len(text) <= WIDTH:
        if _plain_ok(text):
            return [prefix + text]
        if len(prefix) + len(text) + 2 <= WIDTH:
            return [prefix + _quoted(text)]
    lines = textwrap.wrap(text, width=max(FOLD - indent, 30), break_long_words=False, break_on_hyphens=False)
    return [prefix + ">-"] + [" " * indent + line for line in lines]


def wrap(text: str, width: int) -> list[str]:
    """Lines of at most ``width`` characters, never cut inside « », before « : » or after an apostrophe."""
    glued = re.sub(r"« ", "«\0", text)
    glued = re.sub(r" (?=[»:;!?%$])", "\0", glued)
    lines = textwrap.wrap(glued, width=width, break_long_words=False, break_on_hyphens=False)
    return [line.replace("\0", " ") for line in lines] or [""]


def _comment(note: Note, indent: int) -> list[str]:
    lines = []
    for line in note.lignes:
        for part in wrap(line, max(FOLD - indent - 2, 40)):
            lines.append(" " * indent + "# " + part)
    return lines


def _items(key: str, items: list[Item], indent: int) -> list[str]:
    pad = " " * indent
    lines = [f"{pad}{key}:"]
    for item in items:
        if item.elements:
            lines += _scalar(f"{pad}  - texte: ", item.texte, indent + 6)
            lines.append(f"{pad}    elements:")
            for element in item.elements:
                lines += _scalar(f"{pad}      - ", element, indent + 8)
        else:
            lines += _scalar(f"{pad}  - ", item.texte, indent + 4)
    return lines


def _renvois(groups: list[str]) -> str:
    if len(groups) == 1:
        return groups[0] if _plain_ok(groups[0]) else _quoted(groups[0])
    return "[" + ", ".join(_quoted(g) for g in groups) + "]"


def _mapping(entries: list[tuple[str, list[str]]], notes: list[Note], indent: int) -> list[str]:
    """Key blocks in order, each note's comment just before its key (unplaced notes at the end)."""
    keys = [key for key, _ in entries]
    lines: list[str] = []
    for key, block in entries:
        for note in notes:
            if note.champ == key:
                lines += _comment(note, indent)
        lines += block
    for note in notes:
        if note.champ not in keys:
            lines += _comment(note, indent)
    return lines


def _sequence_item(lines: list[str], indent: int) -> list[str]:
    """A mapping written at ``indent + 2`` as an item of a list at ``indent``."""
    for index, line in enumerate(lines):
        if not line.lstrip().startswith("#"):
            above = [" " * indent + comment.lstrip() for comment in lines[:index]]  # aligned on the dash
            return above + [" " * indent + "- " + line[indent + 2:]] + lines[index + 1:]
    return lines  # pragma: no cover - a volet always has keys


_VOLET_ORDER = ("objectifs_programme", "axes_programme", "objectifs", "actions", "ressources", "echeances", "indicateurs")


def _volet(volet: ImportedVolet, indent: int) -> list[str]:
    pad = " " * indent
    entries: list[tuple[str, list[str]]] = []
    for key in _VOLET_ORDER:
        value = getattr(volet, key)
        if key in NUMBER_FIELDS:
            if value:
                entries.append((key, [f"{pad}{key}: {_renvois(value)}"]))
        elif key == "echeances":
            if value:
                entries.append((key, [f"{pad}echeances: [{', '.join(value)}]"]))
        elif key in ("objectifs", "actions"):
            entries.append((key, _items(key, value, indent) if value else [f"{pad}{key}: []"]))
        elif value:
            entries.append((key, _items(key, value, indent)))
    for key in _VOLET_ORDER:  # notes about an absent key go where the key would be
        if key not in [k for k, _ in entries] and any(n.champ == key for n in volet.notes):
            position = next((i for i, (k, _) in enumerate(entries) if _VOLET_ORDER.index(k) > _VOLET_ORDER.index(key)), len(entries))
            entries.insert(position, (key, []))
    return _mapping(entries, volet.notes, indent)


def to_yaml(plan: Plan, *, organisation: str, programme: str, source: str | None = None,
            modeline: str | None = None) -> str:
    """The content file for ``plan``, deterministic and in the style of the hand-written ones."""
    lines: list[str] = []
    if modeline:
        lines.append(modeline)
    origin = f"du fichier Word « {source} »" if source else "d'un fichier Word"
    lines += [
        f"# PIAR importé {origin} par « plans-publics importer ».",
        "# Chaque élément de « volets » est une ligne du tableau du gabarit.",
    ]
    if plan.reports:
        count = len(plan.reports)
        lines.append(f"# {count} point{'s' if count > 1 else ''} à vérifier{NBSP}: cherchez « À VÉRIFIER » dans ce fichier.")
    entries: list[tuple[str, list[str]]] = [
        ("type", ["type: piar"]),
        ("titre", ["titre: Plan d'intervention et d'affectation des ressources"]),
        ("titre_court", ["titre_court: PIAR"]),
        ("organisation", [f"organisation: {organisation}"]),
        ("programme", [f"programme: {programme}"]),
        ("date_du_plan", [f"date_du_plan: {plan.date_du_plan.isoformat() if plan.date_du_plan else ''}".rstrip()]),
    ]
    if plan.mise_a_jour or any(n.champ == "mise_a_jour" for n in plan.notes):
        entries.append(("mise_a_jour", [f"mise_a_jour: {plan.mise_a_jour.isoformat()}" if plan.mise_a_jour else "mise_a_jour:"]))
    enjeux = ["enjeux:"] if plan.enjeux else ["enjeux: []"]
    for index, enjeu in enumerate(plan.enjeux):
        if index:
            enjeux.append("")
        block: list[tuple[str, list[str]]] = [("numero", [f"    numero: {enjeu.numero}"])]
        block.append(("titre", _scalar("    titre: ", enjeu.titre, 6)))
        if enjeu.temps_imparti is not None:
            block.append(("temps_imparti", _scalar("    temps_imparti: ", enjeu.temps_imparti, 6)))
        volets = ["    volets:"]
        for volet in enjeu.volets:
            volets += _sequence_item(_volet(volet, 8), 6)
        if not enjeu.volets:
            volets = ["    volets: []"]
        block.append(("volets", volets))
        enjeux += _sequence_item(_mapping(block, enjeu.notes, 4), 2)
    entries.append(("enjeux", enjeux))
    lines += _mapping(entries, plan.notes, 0)
    return "\n".join(lines) + "\n"


__all__ = [
    "DocxError", "ImportedEnjeu", "ImportedVolet", "Item", "Note", "Plan", "Report", "parse_deadlines",
    "parse_full_date", "parse_numbers", "parse_time_share", "read_body", "read_docx", "to_yaml",
]
