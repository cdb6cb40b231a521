"""Commented YAML skeletons of new documents (``plans-publics nouveau piar|entente``).

Written from the models, field by field, with each field's French documentation as
a comment, so that the skeleton always names every field the loader accepts.
Required values are left empty: the checker names each one until it is filled. An
optional group that must not be invented (an action's follow-up) is written as a
comment, ready to uncomment.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal
from typing import Any, Literal, get_args, get_origin, get_type_hints

from generator.authoring.yaml_writer import comment, commented_out, sequence_item
from generator.content.models import DOCUMENT_TYPES
from generator.content.typed_reader import describe, strip_optional, yaml_fields

KINDS = {"piar": "piar", "entente": "entente_sectorielle"}

# Values written in the skeleton, by (model, field): the ones every document of its kind shares.
FILLED: dict[tuple[str, str], str] = {
    ("Piar", "titre"): "Plan d'intervention et d'affectation des ressources",
    ("Piar", "titre_court"): "PIAR",
    ("Enjeu", "numero"): "1",
    ("ObjectifSpecifique", "numero"): "1",
}
# Optional lists written with one empty item to fill, because the template asks for them.
ONE_ITEM = {("Volet", "indicateurs"), ("Entente", "objectifs_specifiques"), ("Contributions", "parties")}
# Optional groups written as comments: published only when the organisation publishes them.
AS_COMMENT = {("Action", "statut"), ("Action", "echeance")}

INTRODUCTIONS = {
    "piar": [
        "Nouveau PIAR (plan d'intervention et d'affectation des ressources).",
        "Chaque élément de « enjeux » est un enjeu du plan; chaque élément de « volets » est une ligne du "
        "tableau du gabarit. Pour une autre ligne, copiez tout le bloc du volet (du tiret jusqu'à ses "
        "indicateurs); pour un autre enjeu, tout le bloc de l'enjeu.",
    ],
    "entente": ["Nouvelle entente sectorielle de développement."],
}
COMMON = [
    "Remplissez chaque valeur laissée vide, puis lancez « plans-publics verifier » : la vérification nomme "
    "chaque champ encore vide. Un champ facultatif dont vous n'avez pas besoin peut être supprimé.",
    "Guide du format, champ par champ : documentation/format-du-contenu.md",
]


def _is_model(hint: Any) -> bool:
    return dataclasses.is_dataclass(hint) and not hasattr(hint, "from_yaml")


def _doc(cls: type, f: dataclasses.Field, hint: Any) -> str:
    text = f.metadata.get("doc", "").strip()
    base = strip_optional(hint)
    single = get_origin(base) is Literal and len(get_args(base)) == 1
    if base is not str and not _is_model(base) and get_origin(base) is not tuple and not single and "AAAA" not in text:
        expected = describe(hint)
        if expected and expected not in text:
            text = f"{text} Attendu : {expected}."
    if f.default is not dataclasses.MISSING:
        text += " Facultatif."
    return text


def _scalar_default(hint: Any, default: Any) -> str:
    """How an optional scalar's default is written, or "" to leave the value empty."""
    if default is None or default is dataclasses.MISSING:
        return ""
    if isinstance(default, bool):
        return "oui" if default else "non"
    if isinstance(default, (str, int, Decimal)):
        return str(default)
    if isinstance(default, dt.date):
        return default.isoformat()
    return ""


def _fields(cls: type, indent: int, *, docs: bool = True) -> list[str]:
    hints = get_type_hints(cls)
    lines: list[str] = []
    for f in yaml_fields(cls):
        hint = hints[f.name]
        commented = (cls.__name__, f.name) in AS_COMMENT
        if docs:
            lines += comment(_doc(cls, f, hint), indent)
        block = _field(cls, f, hint, indent)
        if commented:
            block = commented_out(block, indent)
        lines += block
    return lines


def _field(cls: type, f: dataclasses.Field, hint: Any, indent: int) -> list[str]:
    pad = " " * indent
    key = f.name
    base = strip_optional(hint)
    required = f.default is dataclasses.MISSING
    filled = FILLED.get((cls.__name__, key))
    if filled is not None:
        return [f"{pad}{key}: {filled}"]
    if get_origin(base) is Literal:
        values = get_args(base)
        if len(values) == 1:
            return [f"{pad}{key}: {values[0]}"]
        return [f"{pad}{key}: {_scalar_default(base, f.default)}".rstrip()]
    if get_origin(base) is tuple:
        return _list(cls, key, get_args(base)[0], required, indent)
    if _is_model(base):
        return [f"{pad}{key}:"] + _fields(base, indent + 2)
    return [f"{pad}{key}: {_scalar_default(base, f.default)}".rstrip()]


def _list(cls: type, key: str, item: Any, required: bool, indent: int) -> list[str]:
    pad = " " * indent
    one_item = required or (cls.__name__, key) in ONE_ITEM
    if not one_item or hasattr(item, "from_yaml"):
        return [f"{pad}{key}: []"]
    if item is str:
        return [f"{pad}{key}:", f'{pad}  - ""']
    if not _is_model(item):
        return [f"{pad}{key}: []"]
    shorthand = getattr(item, "yaml_shorthand", None)
    if shorthand:
        # The short form is a plain text; the other fields of the long form are shown as comments.
        hints = get_type_hints(item)
        lines = [f"{pad}{key}:", f'{pad}  - {shorthand}: ""']
        for f in yaml_fields(item):
            if f.name == shorthand:
                continue
            lines += comment(_doc(item, f, hints[f.name]), indent + 4)
            lines += commented_out(_field(item, f, hints[f.name], indent + 4), indent + 4)
        return lines
    return [f"{pad}{key}:"] + sequence_item(_fields(item, indent + 4), indent + 2)


def skeleton(kind: str, *, modeline: str | None = None, organisation: str | None = None,
             programme: str | None = None) -> str:
    """The skeleton of a new ``piar`` or ``entente``, every field with its documentation."""
    cls = DOCUMENT_TYPES[KINDS[kind]]
    lines = [modeline] if modeline else []
    for paragraph in INTRODUCTIONS[kind] + COMMON:
        lines += comment(paragraph, 0)
    body = _fields(cls, 0)
    if organisation:
        body = [f"organisation: {organisation}" if line == "organisation:" else line for line in body]
    if programme is not None:
        body = [f"programme: {programme}".rstrip() if line.startswith("programme:") else line for line in body]
    lines += body
    return "\n".join(lines) + "\n"


__all__ = ["KINDS", "skeleton"]
