"""Sigles (acronyms) used in the documents but absent from the glossary: a notice asks staff to
add them, so that readers get their long form (``<abbr>`` and the glossary page)."""

from __future__ import annotations

import dataclasses
import functools
import re
from collections.abc import Iterator
from typing import Any

from generator.content.problems import Problem

# Two or more capitals (digits allowed after the first), alone; « FLI/FLS » is read as FLI and FLS.
_SIGLE = re.compile(r"(?<![\w-])[A-ZÀ-ÖØ-Þ][A-ZÀ-ÖØ-Þ0-9]+(?![\w])")
_NOT_TEXT = {"identifiant", "source", "type", "organisation", "programme", "region", "nature", "appellation"}


def _texts(value: Any) -> Iterator[str]:
    """Every text of a model, but identifiers and codes (iterative: documents are deep)."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            yield item
        elif isinstance(item, tuple):
            stack.extend(item)
        elif item is not None and (names := _text_fields(type(item))):
            stack.extend(getattr(item, name) for name in names)


@functools.cache
def _text_fields(cls: type) -> tuple[str, ...]:
    """The fields of a model that may hold text (none for numbers, dates and the like)."""
    if not dataclasses.is_dataclass(cls):
        return ()
    return tuple(f.name for f in dataclasses.fields(cls) if f.name not in _NOT_TEXT)


def unknown_sigles(documents: dict[str, Any], known: set[str], display: dict[str, str]) -> list[Problem]:
    """A notice per sigle that no glossary entry, organisation or programme explains, naming the
    first file that uses it (``display``: document id → shown file name)."""
    first: dict[str, str] = {}
    for identifier, document in sorted(documents.items()):
        for text in _texts(document):
            for sigle in _SIGLE.findall(text):
                if sigle not in known:
                    first.setdefault(sigle, display[identifier])
    return [
        Problem(file, None, None, "", f"sigle « {sigle} » absent du glossaire : ajoutez-le à glossaire.yml avec sa forme "
                "longue, pour que les lecteurs la voient au survol et sur la page « Glossaire des sigles ».", level="avis")
        for sigle, file in sorted(first.items())
    ]
