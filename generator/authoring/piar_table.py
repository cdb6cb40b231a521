"""Reading the PIAR table of a Word document into a :class:`~generator.authoring.plan.Plan`.

How the template's table becomes volets (see ``documentation/format-du-contenu.md``):

- a header row (the column titles, repeated on each page) tells which column is
  which; rows before the first enjeu that hold the template's own instructions (the
  programme's ``consignes``) are skipped;
- a row whose enjeu cell gives a new « 1. Title » starts an enjeu; every row is a
  volet of the current enjeu;
- a row whose enjeu, programme objectives, programme axes and objectives cells
  are all empty continues the previous volet; right after a header row (a page
  break) its first paragraph may complete the previous row's last item.

What the import knows of the programme's template (its numbers, column names, title
and instructions) comes from ``content/programmes/<id>.yml``: see :class:`Template`.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from pathlib import Path
from typing import IO

from generator.authoring.docx_reader import (
    W, Cell, DocxError, Para, blocks, children, open_docx, clean, paragraph_text, row_cells,
)
from generator.authoring.french import fold, parse_deadlines, parse_full_date, parse_numbers, parse_time_share
from generator.authoring.plan import NUMBER_FIELDS, TEXT_FIELDS, ImportedEnjeu, ImportedVolet, Item, Note, Plan, Report
from generator.authoring.template import COLUMNS, Template, header_row
from generator.content.models import Programme
from generator.typography import NBSP

_ENJEU = re.compile(r"^(?:enjeu\s*(?:n[o°º]\.?\s*)?)?(\d{1,3})\s*(?:[.):\u2010-\u2015-]\s*|\s+)(\S.*)$", re.I)
_COMPLETE = re.compile(r"[.!?…»\"”]$|\.\)$")


def _incomplete(text: str) -> bool:
    """The text clearly goes on (a comma, an open parenthesis, a linking word at the end)."""
    if text.count("(") > text.count(")"):
        return True
    return bool(re.search(r"(?:[,(:\u2010-\u2015/-]|\b(?:et|ou|de|du|des|à|au|aux|le|la|les|en|pour|avec|par|sur|d'|l'))$", text))


# --- the import itself ---------------------------------------------------------------


class _Importer:
    def __init__(self, template: Template) -> None:
        self.plan = Plan()
        self.template = template
        self.mapping: dict[int, tuple[str | None, str]] | None = None
        self.row = 0  # rows of the filled plan
        self.enjeu: ImportedEnjeu | None = None
        self.volet: ImportedVolet | None = None
        self.after_header = False
        self.in_instructions = False
        self.date_blocks: list[str] = []
        self.headers: list[dict[int, tuple[str | None, str]]] = []  # each row of column titles (grid column → field, title)

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
        for block in blocks(body):
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
        rows = [row_cells(tr) for tr in children(tbl, W + "tr")]
        headers = [header_row(cells, self.template.field_of) for cells in rows]
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
                self.headers.append(header)
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

    def sub_header(self, cells: list[Cell]) -> bool:
        """A second row of titles under a grouping title (« Accès Entreprise Québec » over « Objectifs », « Axes »)."""
        assert self.mapping is not None
        titled = [(c, " ".join(p.text for p in c.paras)) for c in cells if c.paras]
        if not titled or any(len(t) > 80 or self.template.field_of(t) in (None, "enjeu") for _, t in titled):
            return False
        if any(self.mapping.get(c.column, (None, ""))[0] is not None for c, _ in titled):
            return False  # only columns the first row of titles left unnamed
        for cell, text in titled:
            for column in range(cell.column, cell.column + cell.span):
                self.mapping[column] = (self.template.field_of(text), text)
        return True

    def other_table(self, rows: list[list[Cell]]) -> None:
        """A table that is not the plan's: read for the plan's dates, reported if it holds anything else."""
        leftovers = []
        for cells in rows:
            texts = [" ".join(p.text for p in c.paras) for c in cells]
            texts = [t for t in texts if t]
            if not texts:
                continue
            self.date_blocks.extend(texts)
            self.plan.textes.extend(texts)
            if not _date_label(texts[0]) and fold(texts[0]) != self.template.title:
                leftovers.append(" | ".join(texts))
        if leftovers and self.enjeu is not None:
            for text in leftovers:
                self.report(None, "ce tableau n'est pas celui du plan (aucune ligne de titres de colonnes); "
                            "son texte n'a pas été placé.", text, where="document", row=False)

    def data_row(self, cells: list[Cell]) -> None:
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
        if self.enjeu is None and (self.in_instructions or self.template.is_instructions(values)):
            if not values.get("enjeu") or self.template.is_instructions(values):
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
            names = ", ".join(f"« {self.template.column(c)} »" for c in covered)
            self.report(self.template.column(field_name), f"la case couvre aussi les colonnes {names} (cases fusionnées); "
                        f"tout son texte est placé dans « {self.template.column(field_name)} ». Vérifiez-le.")
        for field_name in removed:
            self.report(self.template.column(field_name), "un caractère invisible ou d'une police spéciale (Symbol, Wingdings) "
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
            self.report(self.template.column("enjeu"), f"l'enjeu n'est pas numéroté (« 1. Titre »); il reçoit le numéro {number}, "
                        "qui suit celui de l'enjeu précédent.", where="enjeu", champ="numero")
        return True

    def numbers(self, field_name: str, paras: list[Para]) -> None:
        assert self.volet is not None
        column = self.template.column(field_name)
        for para in paras:
            parsed = parse_numbers(para.text)
            if parsed is None:
                self.report(column, "seuls des numéros sont attendus (par exemple « 1-2-4 » ou « 2 et 7 »); "
                            "recopiez les numéros dans « " + field_name + " ».", para.text, champ=field_name)
                continue
            written, numbers = parsed
            allowed = self.template.numbers.get(field_name)
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
                    self.report(self.template.column(field_name), f"la ligne continue celle d'avant (saut de page) et commence par "
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
                self.report(self.template.column("echeances"), "échéance illisible; écrivez-la AAAA-MM (un mois) ou AAAA-MM-JJ "
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
            self.report(self.template.column("temps"), f"l'enjeu {self.enjeu.numero} a déjà un temps imparti "
                        f"(« {self.enjeu.temps_brut} »); le site n'en affiche qu'un par enjeu. Additionnez-les ou "
                        "choisissez dans « temps_imparti ».", text, where="enjeu", champ="temps_imparti")

    # -- end ----------------------------------------------------------------------------
    def finish(self) -> None:
        self.columns()
        for enjeu in self.plan.enjeux:
            if enjeu.temps_brut is None:
                continue
            value, is_number = parse_time_share(enjeu.temps_brut)
            enjeu.temps_imparti = value
            if not is_number and re.search(r"\d\s*%|\bpour ?cent", enjeu.temps_brut):
                report = Report(enjeu.ligne, self.template.column("temps"), f"« {enjeu.temps_brut} » est gardé comme note; si "
                                "c'est un pourcentage, écrivez seulement le nombre dans « temps_imparti ».")
                self.plan.reports.append(report)
                enjeu.notes.append(Note("temps_imparti", [f"À VÉRIFIER ({report.place()}){NBSP}: {report.message}"]))
        self.dates()
        self.plan.reports.sort(key=lambda r: (r.ligne is None, r.ligne or 0))
        if not self.plan.enjeux:
            self.plan.reports.append(Report(None, None, "aucun tableau du plan trouvé : il faut un tableau dont une ligne "
                                            "donne les titres des colonnes du gabarit (Enjeux, Objectifs, Axes, "
                                            "Objectifs à atteindre, Actions, Échéances, Indicateurs…)."))

    def columns(self) -> None:
        """Refuse a table without a required column; report a title read only approximately."""
        found = {field for header in self.headers for field, _ in header.values() if field}
        missing = [field for field in self.template.required if field not in found] if self.headers else []
        if missing:
            raise MissingColumns(self.template, self.headers, missing)
        seen = set()
        for header in self.headers:
            for field_name, title in header.values():
                if field_name and title not in seen and self.template.misspelt(title):
                    seen.add(title)
                    self.plan.reports.append(Report(None, None, f"colonne « {title} » lue comme "
                                                    f"« {self.template.column(field_name)} »; vérifiez que c'est bien elle."))

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


class MissingColumns(DocxError):
    """The plan's table lacks a column the template requires: nothing can be written without losing its text."""

    def __init__(self, template: Template, headers: list[dict[int, tuple[str | None, str]]], missing: list[str]) -> None:
        titles = list(dict.fromkeys(title for header in headers for _, (_, title) in sorted(header.items()) if title))
        names = [f"« {template.column(field)} »" for field in missing]
        hints = []
        for header in headers:
            row = [value for _, value in sorted(header.items())]
            for index, (field_name, title) in enumerate(row):
                if field_name is None and title and not any(title in hint for hint in hints):
                    guess = _closest(template, row, index, missing)
                    if guess:
                        hints.append(f"« {title} »{NBSP}: vouliez-vous dire « {template.column(guess)} »?")
        plural = len(missing) > 1
        super().__init__(
            f"le tableau du plan n'a pas {'les colonnes obligatoires' if plural else 'la colonne obligatoire'} "
            f"{', '.join(names)} du gabarit; son texte serait perdu. Titres de colonnes lus{NBSP}: "
            f"{', '.join(f'« {t} »' for t in titles)}." + (f" {' '.join(hints)}" if hints else "")
            + f" Donnez {'à ces colonnes leur' if plural else 'à cette colonne son'} titre du gabarit dans le document "
            "Word, puis recommencez. Rien n'a été écrit."
        )
        self.missing = missing


def _closest(template: Template, row: list[tuple[str | None, str]], index: int, missing: list[str]) -> str | None:
    """The missing column an unknown title most likely is: by its place among the known ones, else by its spelling."""
    order = [name for name, _ in COLUMNS]
    before = [order.index(f) for f, _ in row[:index] if f]
    after = [order.index(f) for f, _ in row[index + 1:] if f]
    low, high = max(before, default=-1), min(after, default=len(order))
    between = [field for field in missing if low < order.index(field) < high]
    if len(between) == 1:
        return between[0]
    close = difflib.get_close_matches(fold(row[index][1]), [fold(template.column(f)) for f in missing], n=1, cutoff=0.5)
    return next((f for f in missing if close and fold(template.column(f)) == close[0]), None)


def read_body(document, programme: Programme | None = None) -> Plan:  # type: ignore[no-untyped-def]
    """The plan held by a python-docx ``Document`` (headers and footers are read for the dates too)."""
    importer = _Importer(Template.of(programme))
    for rel in document.part.rels.values():
        if rel.reltype.endswith(("/header", "/footer")) and not rel.is_external:
            for block in blocks(rel.target_part.element):
                if block.tag == W + "p":
                    importer.paragraph(block)
    importer.body(document.element.body)
    return importer.plan


def read_docx(source: str | Path | IO[bytes], programme: Programme | None = None) -> Plan:
    """Read a PIAR filled in the programme's Word template (:class:`~generator.authoring.docx_reader.DocxError` if the file
    cannot be read, :class:`MissingColumns` if its table lacks a column the template requires).

    The programme (``content/programmes/<id>.yml``) gives its numbers, its template's title, instructions
    and column names (see :class:`~generator.authoring.template.Template`); without it, every number is
    taken as written and the template's own rows are recognised only by their column titles.
    """
    return read_body(open_docx(source), programme)


__all__ = ["MissingColumns", "read_body", "read_docx"]
