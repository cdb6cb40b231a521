"""Markdown extension: the table of contents keeps the no-break spaces of its headings.

Python-Markdown's ``toc`` names each entry by its heading's text with every run of white
space made one ordinary space, no-break spaces included (``str.split``): « 31 mars 2024 »
or « Enjeu 1 : … » could then wrap in the theme's table of contents. This names each entry
again from the heading's HTML, tags removed and entities kept as ``toc`` keeps them, only
ASCII white space collapsed. Headings with a ``data-toc-label`` keep their label.

Enable it in mkdocs.yml as ``generator.toc_spaces`` (after ``toc``).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from typing import Any

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor

_TAG = re.compile(r"<[^>]*>")
_ASCII_SPACES = re.compile(r"[ \t\n\r\f\v]+")


def entry_name(html: str) -> str:
    """The text of a heading's inner HTML, as the table of contents prints it (HTML-escaped)."""
    return _ASCII_SPACES.sub(" ", _TAG.sub("", html)).strip()


class _TocSpaces(Treeprocessor):
    def run(self, root: etree.Element) -> None:
        self._rename(getattr(self.md, "toc_tokens", []))

    def _rename(self, tokens: list[dict[str, Any]]) -> None:
        for token in tokens:
            if token.get("html") and not token.get("data-toc-label"):
                token["name"] = entry_name(token["html"])
            self._rename(token.get("children", []))


class TocSpacesExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 - Markdown's API
        # toc runs at priority 5 and sets md.toc_tokens: this runs right after it.
        md.treeprocessors.register(_TocSpaces(md), "pp_toc_espaces", 4)


def makeExtension(**kwargs: object) -> TocSpacesExtension:  # noqa: N802 - Markdown's API
    return TocSpacesExtension(**kwargs)
