"""Markdown extension: table captions.

A paragraph with the class ``pp-legende`` (attr_list: ``Texte {.pp-legende}``) right
before a table becomes that table's ``<caption>``. Without this extension (another
engine), the paragraph simply stays above the table.

Enable it in mkdocs.yml as ``generator.table_captions`` (after ``attr_list``).
"""

from __future__ import annotations

import xml.etree.ElementTree as etree

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor

CAPTION_CLASS = "pp-legende"


class _CaptionProcessor(Treeprocessor):
    def run(self, root: etree.Element) -> None:
        for parent in list(root.iter()):
            children = list(parent)
            for paragraph, table in zip(children, children[1:]):
                classes = (paragraph.get("class") or "").split()
                if paragraph.tag == "p" and CAPTION_CLASS in classes and table.tag == "table":
                    caption = etree.Element("caption")
                    caption.text = paragraph.text
                    caption.extend(list(paragraph))
                    table.insert(0, caption)
                    parent.remove(paragraph)


class CaptionExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 - Markdown's API
        # attr_list runs at priority 8: the class is set when this runs.
        md.treeprocessors.register(_CaptionProcessor(md), "pp_legende", 7)


def makeExtension(**kwargs: object) -> CaptionExtension:  # noqa: N802 - Markdown's API
    return CaptionExtension(**kwargs)
