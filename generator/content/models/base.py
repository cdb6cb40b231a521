"""What every model shares: the ``model`` decorator, list items and the checks of catalogues and documents."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, ClassVar

from generator.content.typed_reader import doc

model = dataclass(frozen=True, kw_only=True, slots=True)

# Every identifier of the content (file names, regions, references): a slug. Documented in
# documentation/format-du-contenu.md; pages and downloads are addressed by these.
IDENTIFIER = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
IDENTIFIER_HELP = "lettres minuscules sans accents, chiffres et tirets seulement"

# The menu's group for documents of organisations without a region: no region may take its name.
NO_REGION = "ensemble-du-quebec"
NO_REGION_NAME = "Ensemble du Québec"


@model
class Element:
    """A list item: a text, optionally with sub-items (a bullet list inside a cell)."""

    yaml_shorthand: ClassVar[str] = "texte"
    texte: str = doc("Le texte de l'élément.")
    elements: tuple[str, ...] = doc("Sous-éléments (liste à puces sous le texte).", ())


def unique_numbers(items: tuple[Any, ...], name: str) -> list[tuple[Any, str]]:
    return duplicates(items, "numero", name, "le numéro {} est utilisé deux fois.")


def duplicates(items: tuple[Any, ...], key: str, name: str, message: str) -> list[tuple[Any, str]]:
    """A problem at each item whose ``key`` an earlier item already has; ``message`` takes the value."""
    seen: set[Any] = set()
    problems: list[tuple[Any, str]] = []
    for i, item in enumerate(items):
        value = getattr(item, key)
        if value in seen:
            problems.append(((name, i), message.format(value)))
        seen.add(value)
    return problems


_WEB_ADDRESS = re.compile(r"https?://[^\s<>\"'`\\]+")


def web_address(name: str, value: str | None) -> list[tuple[Any, str]]:
    """Only http(s) addresses without spaces or quotes may become links."""
    if value is None or _WEB_ADDRESS.fullmatch(value):
        return []
    return [(name, "adresse invalide; attendu\u00a0: une adresse qui commence par https://, sans espace.")]
