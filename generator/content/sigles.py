"""Sigles (acronyms) used in the documents but absent from the glossary: a notice asks staff to
add them, so that readers get their long form (``<abbr>`` and the glossary page)."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator
from typing import Any

from generator.content.problems import Problem

# Two or more capitals (digits allowed after the first), alone; « FLI/FLS » is read as FLI and FLS.
_SIGLE = re.compile(r"(?<![\w-])[A-ZÀ-ÖØ-Þ][A-ZÀ-ÖØ-Þ0-9]+(?![\w])")
_NOT_TEXT = {"identifiant", "source", "type", "organisation", "programme", "region", "nature", "appellation"}


def _texts(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, tuple):
        for item in value:
            yield from _texts(item)
    elif dataclasses.is_dataclass(value):
        for field in dataclasses.fields(value):
            if field.name not in _NOT_TEXT:
                yield from _texts(getattr(value, field.name))


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
