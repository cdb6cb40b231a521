"""The glossary page, and the abbreviation definitions (``<abbr>``) added to each page."""

from __future__ import annotations

import functools
import re

from generator.content.loading import Site
from generator.content.models import (
    Glossaire,
)
from generator.pages import markdown as md
from generator.pages.addresses import GLOSSARY_PATH
from generator.pages.page import Page
from generator.pages.parts import finish


def abbreviations(site: Site, markdown: str) -> str:
    """Abbreviation definitions (Markdown ``abbr``) for the glossary's sigles used on a page."""
    if not site.glossary:
        return ""
    words, others = _sigles(site.glossary)
    found = set()
    if words is not None:
        # A plain alternation lets the regex engine skip ahead by first letters (fast); a sigle
        # counts as a whole word only: no word character or hyphen on either side.
        for match in words.finditer(markdown):
            start, end = match.span()
            if not (start and _word_char(markdown[start - 1])) and not (end < len(markdown) and _word_char(markdown[end])):
                found.add(match.group())
    if others is not None:
        found.update(others.findall(markdown))
    used = [entry for entry in site.glossary.sigles if entry.forme_longue and entry.sigle in found]
    if not used:
        return ""
    return "\n" + "\n".join(f"*[{e.sigle}]: {' '.join(e.forme_longue.split())}" for e in used) + "\n"


def _word_char(character: str) -> bool:
    return character.isalnum() or character in "_-"


_TOKEN = re.compile(r"[\w-]+")


@functools.lru_cache(maxsize=4)
def _sigles(glossary: Glossaire) -> tuple[re.Pattern[str] | None, re.Pattern[str] | None]:
    """Patterns for the glossary's sigles: those made of word characters, and the others (as whole words)."""
    names = sorted((e.sigle for e in glossary.sigles if e.forme_longue), key=len, reverse=True)
    words = [n for n in names if _TOKEN.fullmatch(n)]
    others = [n for n in names if not _TOKEN.fullmatch(n)]
    return (
        re.compile("|".join(map(re.escape, words))) if words else None,
        re.compile(rf"(?<![\w-])({'|'.join(map(re.escape, others))})(?![\w-])") if others else None,
    )


def glossary_page(site: Site) -> Page:
    assert site.glossary is not None
    rows = [
        [md.text(e.sigle), md.text(e.forme_longue) if e.forme_longue else "Forme longue non précisée dans les documents"]
        for e in sorted(site.glossary.sigles, key=lambda e: e.sigle)
    ]
    lines = [md.heading(1, "Glossaire des sigles"), ""]
    lines += ["Les sigles employés dans les documents publiés sur ce site, avec leur forme longue.", ""]
    lines += md.table(["Sigle", "Forme longue"], rows, "Sigles et leur forme longue") + [""]
    return Page(GLOSSARY_PATH, "Glossaire des sigles", finish(lines))
