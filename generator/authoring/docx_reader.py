"""What Word shows of a document: paragraphs, runs, cells and merged cells, read from WordprocessingML.

python-docx only opens the package. The tables are read from the WordprocessingML
itself, so that what Word shows is what is imported: merged cells (``gridSpan``,
``hMerge``), content controls (``w:sdt``), tracked changes (deleted text is
skipped), hidden text, nested tables and soft line breaks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Iterator

from generator.typography import NBSP

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"


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


def blocks(parent) -> Iterator:  # type: ignore[no-untyped-def]
    """Paragraphs and tables of a body or cell, in order, through content controls."""
    for child in parent:
        if child.tag in (W + "p", W + "tbl"):
            yield child
        elif child.tag == W + "sdt":
            if not _is_placeholder(child):
                content = child.find(W + "sdtContent")
                if content is not None:
                    yield from blocks(content)
        elif child.tag in (W + "customXml", W + "ins", W + "moveTo"):
            yield from blocks(child)


def children(parent, tag: str) -> Iterator:  # type: ignore[no-untyped-def]
    for child in parent:
        if child.tag == tag:
            yield child
        elif child.tag == W + "sdt":
            if not _is_placeholder(child):
                content = child.find(W + "sdtContent")
                if content is not None:
                    yield from children(content, tag)
        elif child.tag in (W + "customXml", W + "ins"):
            yield from children(child, tag)


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
        for block in blocks(parent):
            if block.tag == W + "p":
                add(block)
            else:
                for tr in children(block, W + "tr"):
                    for tc in children(tr, W + "tc"):
                        walk(tc)

    walk(tc)
    return paras, removed_any


@dataclass
class Cell:
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


def row_cells(tr) -> list[Cell]:  # type: ignore[no-untyped-def]
    """The cells of a row, each at its first grid column (``gridBefore`` and ``gridSpan`` applied)."""
    column = 0
    pr = tr.find(W + "trPr")
    before = pr.find(W + "gridBefore") if pr is not None else None
    if before is not None:
        try:
            column = int(_attr(before, "val") or 0)
        except ValueError:
            column = 0
    cells: list[Cell] = []
    for tc in children(tr, W + "tc"):
        span = _grid_span(tc)
        if _h_merge_continue(tc) and cells:
            cells[-1].span += span
        else:
            paras, removed = cell_paragraphs(tc)
            cells.append(Cell(tc, column, span, paras, removed))
        column += span
    return cells



class DocxError(Exception):
    """The file cannot be read at all; the message is in French, for staff."""


def open_docx(source: str | Path | IO[bytes]):  # type: ignore[no-untyped-def]
    """The python-docx ``Document`` of a .docx file; :class:`DocxError` (in French) if it cannot be read."""
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
        return docx.Document(source)
    except (PackageNotFoundError, KeyError, ValueError, OSError) as error:
        if isinstance(source, (str, Path)) and not Path(source).exists():
            raise DocxError(f"fichier introuvable{NBSP}: « {source} ».") from None
        raise DocxError(f"« {name} » n'est pas un document Word .docx lisible ({error.__class__.__name__}). "
                           "Ouvrez-le dans Word et enregistrez-le au format « Document Word (*.docx) ».") from None
    except Exception as error:  # zipfile.BadZipFile and lxml errors have no common base
        raise DocxError(f"« {name} » n'est pas un document Word .docx lisible ({error.__class__.__name__}). "
                           "Ouvrez-le dans Word et enregistrez-le au format « Document Word (*.docx) ».") from None


__all__ = ["Cell", "DocxError", "Para", "W", "blocks", "cell_paragraphs", "children", "clean", "open_docx",
           "paragraph_text", "row_cells"]
