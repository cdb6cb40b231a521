"""Read composed YAML nodes into frozen dataclasses, driven by their type hints.

The models (:mod:`generator.content.models`) are the single description of the format:
the field names are the YAML keys, ``field(metadata={"doc": ...})`` documents them.
This module checks keys, types and required fields and reports every problem with
its line; it never raises on bad content.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import re
import types
import typing
from decimal import Decimal, InvalidOperation
from typing import Any, Literal, get_args, get_origin, get_type_hints

from generator.content.problems import Problem, did_you_mean
from generator.content.yaml_reader import MappingNode, Node, ScalarNode, SequenceNode

Path = tuple[str | int, ...]


class _Invalid:
    def __repr__(self) -> str:
        return "INVALID"


INVALID: Any = _Invalid()

FROM_FILE = "fichier"  # metadata source of fields not read from YAML (identifiers)
DERIVED = "calcul"  # metadata source of fields computed from the others (never in YAML)


def doc(
    text: str, default: Any = dataclasses.MISSING, *, source: str | None = None, ref: str | None = None
) -> Any:
    """A dataclass field documented for staff (the text feeds the format guide).

    ``ref`` names the catalogue (``organisation``, ``region``, ``programme``) whose
    identifiers the field must name; :mod:`generator.content.loading` checks it across files.
    """
    metadata = {"doc": text}
    if source:
        metadata["source"] = source
    if ref:
        metadata["ref"] = ref
    if default is dataclasses.MISSING:
        return dataclasses.field(metadata=metadata)
    if isinstance(default, (list, dict, set)):  # pragma: no cover - models use tuples
        raise TypeError("mutable default")
    return dataclasses.field(default=default, metadata=metadata)


def format_path(path: Path) -> str:
    parts: list[str] = []
    for part in path:
        if isinstance(part, int):
            parts.append(f"n°\u00a0{part + 1}")
        else:
            parts.append(part)
    return " › ".join(parts)


def describe(hint: Any) -> str:
    """French words for what a field expects."""
    hint = strip_optional(hint)
    if hint is str:
        return "un texte"
    if hint is int:
        return "un nombre entier"
    if hint is bool:
        return "oui ou non (true ou false)"
    if hint is dt.date:
        return "une date AAAA-MM-JJ, par exemple 2024-10-02"
    if hint is Decimal:
        return "un montant en dollars, par exemple 1800000 ou 1 800 000"
    if get_origin(hint) is tuple:
        return "une liste (une ligne par élément, chacune commençant par « - »)"
    if get_origin(hint) is Literal:
        return "l'une des valeurs " + ", ".join(f"« {v} »" for v in get_args(hint))
    if hasattr(hint, "yaml_description"):
        return hint.yaml_description()
    if dataclasses.is_dataclass(hint):
        return "un groupe de champs (clé: valeur)"
    return str(hint)  # pragma: no cover


def strip_optional(hint: Any) -> Any:
    """``X | None`` → ``X``."""
    if is_union(hint):
        args = [a for a in get_args(hint) if a is not type(None)]
        if len(args) == 1:
            return args[0]
    return hint


def is_union(hint: Any) -> bool:
    return get_origin(hint) in (typing.Union, types.UnionType)


def _is_null(node: Node) -> bool:
    return (
        isinstance(node, ScalarNode)
        and node.style is None
        and node.value in ("", "~", "null", "Null", "NULL")
    )


def _found(node: Node) -> str:
    if isinstance(node, MappingNode):
        return "un groupe de champs"
    if isinstance(node, SequenceNode):
        return "une liste"
    if _is_null(node):
        return "une valeur vide"
    return f"« {node.value} »"


_BOOL = {"true": True, "false": False, "oui": True, "non": False}
_INT = re.compile(r"[+-]?\d+")

# Documented bounds (documentation/verifications.md): no number, year or amount of a plan or an
# entente lies outside them, and nothing larger can slow or break the formatting of a page.
MIN_NUMBER, MAX_NUMBER = 1, 9999  # numbers (enjeux, objectives, statements) from 1; years
MIN_YEAR, MAX_YEAR = 1900, 2100
MAX_AMOUNT = Decimal(10) ** 12
_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_AMOUNT = re.compile(r"\d{1,3}(?:[ \u00a0\u202f]?\d{3})*(?:[.,]\d{1,2})?")


class Reader:
    """Reads one file's nodes; accumulates problems instead of raising."""

    def __init__(self, file: str, known: dict[str, dict[str, Any]] | None = None) -> None:
        self.file = file
        self.problems: list[Problem] = []
        # Catalogues already loaded (``organisation``, ``region``, ``programme``), by identifier;
        # None while the catalogues themselves are read.
        self.known = known
        # Facts of the file being read that nested values need (the PIAR's programme).
        self.context: dict[str, Any] = {}

    # -- reporting -------------------------------------------------------
    def notice(self, node: Node | None, path: Path, message: str) -> None:
        self.error(node, path, message, level="avis")

    def error(self, node: Node | None, path: Path, message: str, level: str = "erreur") -> None:
        line = node.start_mark.line + 1 if node is not None else None
        column = node.start_mark.column + 1 if node is not None else None
        self.problems.append(Problem(self.file, line, column, format_path(path), message, level))  # type: ignore[arg-type]

    # -- typed reading ---------------------------------------------------
    def read(self, node: Node, hint: Any, path: Path) -> Any:
        optional, kind, inner = _plan(hint)
        if optional and _is_null(node):
            return None
        if kind is _CUSTOM:
            return inner.from_yaml(self, node, path)
        if kind is _DATACLASS:
            return self.read_dataclass(node, inner, path)
        if kind is _TUPLE:
            return self._read_tuple(node, inner, path)
        if not isinstance(node, ScalarNode):
            self.error(node, path, f"attendu\u00a0: {describe(inner)}; trouvé\u00a0: {_found(node)}.")
            return INVALID
        return self._read_scalar(node, inner, path)

    def _read_tuple(self, node: Node, item: Any, path: Path) -> Any:
        if not isinstance(node, SequenceNode):
            self.error(node, path, f"attendu\u00a0: {describe(tuple[item, ...])}; trouvé\u00a0: {_found(node)}.")
            return INVALID
        values = [self.read(child, item, (*path, i)) for i, child in enumerate(node.value)]
        if any(v is INVALID for v in values):
            return INVALID
        return tuple(values)

    def _read_scalar(self, node: ScalarNode, hint: Any, path: Path) -> Any:
        raw = node.value
        text = raw.strip()
        if _is_null(node):
            self.error(node, path, f"valeur vide; attendu\u00a0: {describe(hint)}.")
            return INVALID
        if hint is str:
            value = " ".join(text.split()) if node.style in (None, ">") else text
            problem = text_problem(value)
            if problem:
                self.error(node, path, problem)
                return INVALID
            return value
        if hint is int and _INT.fullmatch(text):
            number = int(text)
            if not MIN_NUMBER <= number <= MAX_NUMBER:
                self.error(node, path, f"« {text} » hors des limites; attendu\u00a0: un nombre entier de {MIN_NUMBER} à {MAX_NUMBER}.")
                return INVALID
            return number
        if hint is bool and text.lower() in _BOOL:
            return _BOOL[text.lower()]
        if hint is dt.date:
            date = parse_date(text)
            if date is not None:
                if not MIN_YEAR <= date.year <= MAX_YEAR:
                    self.error(node, path, f"« {text} » hors des limites; attendu\u00a0: une date des années {MIN_YEAR} à {MAX_YEAR}.")
                    return INVALID
                return date
        if hint is Decimal:
            amount = parse_amount(text)
            if amount is not None:
                if amount >= MAX_AMOUNT:
                    self.error(node, path, f"« {text} » est trop grand; attendu\u00a0: un montant de moins de 1\u00a0000 milliards de dollars.")
                    return INVALID
                return amount
        if get_origin(hint) is Literal and text in get_args(hint):
            return text
        self.error(node, path, f"« {text} » ne convient pas; attendu\u00a0: {describe(hint)}.")
        return INVALID

    def read_dataclass(self, node: Node, cls: type, path: Path, **injected: Any) -> Any:
        shorthand = getattr(cls, "yaml_shorthand", None)
        if shorthand and isinstance(node, ScalarNode) and not _is_null(node):
            node = MappingNode(
                "tag:yaml.org,2002:map",
                [(ScalarNode("tag:yaml.org,2002:str", shorthand, node.start_mark, node.end_mark), node)],
                node.start_mark,
                node.end_mark,
            )
        if not isinstance(node, MappingNode):
            self.error(node, path, f"attendu\u00a0: {describe(cls)}; trouvé\u00a0: {_found(node)}.")
            return INVALID
        model = _model(cls)
        fields = model.fields
        values: dict[str, Any] = dict(injected)
        ok = True
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, ScalarNode) else str(key_node)
            if key not in fields:
                if key == "$schema":
                    continue
                self.error(key_node, (*path, key), _unknown_key_message(key, fields))
                ok = False
                continue
            value = self.read(value_node, model.hints[key], (*path, key))
            if value is INVALID:
                ok = False
            elif key in model.refs and not self._reference_ok(model.refs[key], value, value_node, (*path, key)):
                ok = False
            values[key] = value
        for name in model.required:
            if name not in values:
                self.error(
                    node,
                    path,
                    f"le champ obligatoire « {name} » manque ({fields[name].metadata.get('doc', '')}).",
                )
                ok = False
        if not ok:
            return INVALID
        obj = cls(**values)
        if model.checked:
            for where, message in obj.check():
                self.error(_descend(node, where), (*path, *_as_path(where)), message)
                ok = False
        if model.noticed:
            for where, message in obj.notices():
                self.notice(_descend(node, where), (*path, *_as_path(where)), message)
        return obj if ok else INVALID

    def _reference_ok(self, ref: str, value: Any, node: Node, path: Path) -> bool:
        """A field marked ``ref`` must name an identifier of that catalogue."""
        if value is None or self.known is None or value in self.known[ref]:
            return True
        word, where = _REFERENCES[ref]
        hint = did_you_mean(value, self.known[ref])
        self.error(node, path, f"{word} « {value} ».{hint} Utilisez un identifiant défini dans {where}, ou ajoutez-le.")
        return False


_REFERENCES = {
    "organisation": ("organisation inconnue", "le dossier organisations/ (nom du fichier sans .yml)"),
    "region": ("région inconnue", "regions.yml"),
    "programme": ("programme inconnu", "le dossier programmes/ (nom du fichier sans .yml)"),
}

_MOJIBAKE = re.compile(r"Ã[\u0080-\u00bf]|â€|Â[\u00a0-\u00bf]")
_PRIVATE_OR_CONTROL = re.compile(r"[\ue000-\uf8ff\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


# Anything text_problem could object to: one search settles the common, clean case.
_SUSPECT = re.compile(rf"\ufffd|\$\{{|{_MOJIBAKE.pattern}|{_PRIVATE_OR_CONTROL.pattern}")


def text_problem(value: str) -> str | None:
    """Why a text cannot be published as is (empty, damaged), or None."""
    if not value:
        return "texte vide. Écrivez le texte, ou retirez le champ s'il est facultatif."
    if not _SUSPECT.search(value):
        return None
    if "\ufffd" in value:
        return (
            "caractère abîmé « \ufffd » (souvent une lettre accentuée perdue lors d'une copie depuis un PDF). "
            "Retapez la lettre, par exemple « é »."
        )
    match = _MOJIBAKE.search(value)
    if match:
        return (
            f"caractères abîmés « {match[0]} » (texte mal décodé, par exemple « Ã© » au lieu de « é »). "
            "Retapez les lettres accentuées."
        )
    if _PRIVATE_OR_CONTROL.search(value):
        return "caractère invisible ou de police spéciale (puce copiée d'un PDF ou de Word). Retirez-le."
    if "${" in value:
        return "reste d'extraction « ${ » (par exemple « ${f 5}$ »). Remplacez-le par le texte voulu."
    return None


def _as_path(where: str | tuple[str | int, ...]) -> tuple[str | int, ...]:
    if isinstance(where, tuple):
        return where
    return (where,) if where else ()


def _descend(node: Node, where: str | tuple[str | int, ...]) -> Node:
    """The node at a relative path (keys and list indices), or the deepest one found."""
    for step in _as_path(where):
        if isinstance(step, int) and isinstance(node, SequenceNode) and step < len(node.value):
            node = node.value[step]
        elif isinstance(step, str) and isinstance(node, MappingNode):
            value = child(node, step)
            if value is node:
                break
            node = value
        else:
            break
    return node


@functools.cache
def yaml_fields(cls: type) -> tuple[dataclasses.Field, ...]:
    """The fields of a model that are YAML keys (not identifiers from the file name, not derived)."""
    return tuple(f for f in dataclasses.fields(cls) if "source" not in f.metadata)


class _Model(typing.NamedTuple):
    """What reading a model needs, computed once per class (hot when reading)."""

    hints: dict[str, Any]
    fields: dict[str, dataclasses.Field]
    refs: dict[str, str]  # field → catalogue its value must name
    required: tuple[str, ...]
    checked: bool  # has check()
    noticed: bool  # has notices()


@functools.cache
def _model(cls: type) -> _Model:
    fields = {f.name: f for f in yaml_fields(cls)}
    return _Model(
        get_type_hints(cls),
        fields,
        {name: f.metadata["ref"] for name, f in fields.items() if f.metadata.get("ref")},
        tuple(name for name, f in fields.items() if f.default is dataclasses.MISSING),
        hasattr(cls, "check"),
        hasattr(cls, "notices"),
    )


_SCALAR, _DATACLASS, _TUPLE, _CUSTOM = "scalar", "dataclass", "tuple", "custom"


@functools.cache
def _plan(hint: Any) -> tuple[bool, str, Any]:
    """(accepts an empty value, how to read, the type read): the dispatch of Reader.read, once per hint."""
    optional = is_union(hint) and type(None) in get_args(hint)
    inner = strip_optional(hint)
    if hasattr(inner, "from_yaml"):
        return optional, _CUSTOM, inner
    if dataclasses.is_dataclass(inner):
        return optional, _DATACLASS, inner
    if get_origin(inner) is tuple:
        return optional, _TUPLE, get_args(inner)[0]
    return optional, _SCALAR, inner


def child(node: MappingNode, key: str) -> Node:
    """The value of ``key`` in a mapping node, or the mapping itself when the key is absent."""
    for key_node, value_node in node.value:
        if isinstance(key_node, ScalarNode) and key_node.value == key:
            return value_node
    return node


def _unknown_key_message(key: str, fields: dict[str, Any]) -> str:
    hint = did_you_mean(key, fields)
    allowed = ", ".join(sorted(fields))
    return f"clé inconnue « {key} ».{hint} Clés permises ici\u00a0: {allowed}."


def parse_date(text: str) -> dt.date | None:
    match = _DATE.fullmatch(text)
    if not match:
        return None
    try:
        return dt.date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None


def parse_amount(text: str) -> Decimal | None:
    text = text.strip().removesuffix("$").strip()
    if not _AMOUNT.fullmatch(text):
        return None
    cleaned = re.sub(r"[ \u00a0\u202f]", "", text).replace(",", ".")
    try:
        return Decimal(cleaned)
    except InvalidOperation:  # pragma: no cover - the pattern already guarantees digits
        return None


def field_docs(cls: type) -> list[tuple[str, str, str, bool]]:
    """(name, expected, doc, required) for each YAML field of a model: feeds the guide and tests."""
    hints = get_type_hints(cls)
    rows = []
    for f in yaml_fields(cls):
        required = f.default is dataclasses.MISSING
        rows.append((f.name, describe(hints[f.name]), f.metadata.get("doc", ""), required))
    return rows
