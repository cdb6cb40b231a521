"""JSON Schemas of the content files, generated from the models (never written by hand).

Editors (VS Code with the YAML extension) read them through the
``# yaml-language-server: $schema=...`` line at the top of each content file,
to complete and check fields while staff type. ``plans-publics schemas`` rewrites
them; a test fails when the committed ones are stale.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import os
from decimal import Decimal
from pathlib import Path
from collections.abc import Callable
from typing import Any, Iterator, Literal, get_args, get_origin, get_type_hints

from generator.content.models import Entente, Glossaire, Organisation, Piar, Programme, Regions, SiteInfo
from generator.content.typed_reader import describe, is_union, strip_optional, yaml_fields

# file name → (title, root models) ; documents accept either kind.
FILES: dict[str, tuple[str, tuple[type, ...]]] = {
    "site.schema.json": ("Fichier site.yml", (SiteInfo,)),
    "regions.schema.json": ("Fichier regions.yml", (Regions,)),
    "glossaire.schema.json": ("Fichier glossaire.yml", (Glossaire,)),
    "organisation.schema.json": ("Organisation (organisations/*.yml)", (Organisation,)),
    "programme.schema.json": ("Programme (programmes/*.yml)", (Programme,)),
    "document.schema.json": ("Document (documents/*.yml)", (Piar, Entente)),
}

# Which schema each content folder uses, relative to the content folder.
FOLDERS = {
    "site.yml": "site.schema.json",
    "regions.yml": "regions.schema.json",
    "glossaire.yml": "glossaire.schema.json",
    "organisations": "organisation.schema.json",
    "programmes": "programme.schema.json",
    "documents": "document.schema.json",
    "versions": "document.schema.json",  # versions/<id>/<date>.yml
}

SCALAR_TEXT = {"type": ["string", "number", "boolean"], "minLength": 1}


def schema_file(name: str) -> str:
    """The text of one committed schema file."""
    title, models = FILES[name]
    defs: dict[str, Any] = {}
    refs = [_type_schema(model, defs) for model in models]
    root: dict[str, Any] = {"$schema": "https://json-schema.org/draft/2020-12/schema", "title": title}
    root.update(refs[0] if len(refs) == 1 else {"oneOf": refs})
    root["$defs"] = dict(sorted(defs.items()))
    return json.dumps(root, ensure_ascii=False, indent=2) + "\n"


def all_schema_files() -> dict[str, str]:
    return {name: schema_file(name) for name in FILES}


def composite_schema(
    hint: Any, defs: dict[str, Any], item: Callable[[Any], dict[str, Any]], model: Callable[[type], dict[str, Any]]
) -> dict[str, Any] | None:
    """What every schema of the models shares: a model as a ``$ref`` (defined once in ``defs`` by
    ``model``), a tuple as an array of ``item``, a Literal as an enum; None for any other type."""
    if dataclasses.is_dataclass(hint):
        name = hint.__name__
        if name not in defs:
            defs[name] = {}  # placeholder against recursion
            defs[name] = model(hint)
        return {"$ref": f"#/$defs/{name}"}
    if get_origin(hint) is tuple:
        return {"type": "array", "items": item(get_args(hint)[0])}
    if get_origin(hint) is Literal:
        return {"enum": list(get_args(hint))}
    return None


# What staff may type for each scalar type (YAML is read by the models' types, not guessed).
_SCALARS: dict[Any, dict[str, Any]] = {
    str: SCALAR_TEXT,
    int: {"type": "integer"},
    bool: {"anyOf": [{"type": "boolean"}, {"enum": ["oui", "non"]}]},
    dt.date: {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$"},
    Decimal: {"anyOf": [{"type": "number", "minimum": 0}, {"type": "string", "pattern": r"^\d{1,3}([ \u00a0]?\d{3})*([.,]\d{1,2})?( ?\$)?$"}]},
}


def _type_schema(hint: Any, defs: dict[str, Any]) -> dict[str, Any]:
    if is_union(hint):
        inner = _type_schema(strip_optional(hint), defs)
        return {"anyOf": [inner, {"type": "null"}]}
    if hasattr(hint, "json_schema"):
        return hint.json_schema()
    composite = composite_schema(hint, defs, lambda h: _type_schema(h, defs), lambda c: _dataclass_schema(c, defs))
    if composite is not None:
        return composite
    return dict(_SCALARS[hint])


def _dataclass_schema(cls: type, defs: dict[str, Any]) -> dict[str, Any]:
    hints = get_type_hints(cls)
    properties: dict[str, Any] = {"$schema": {"type": "string"}}
    required = []
    for f in yaml_fields(cls):
        schema = _type_schema(hints[f.name], defs)
        schema = {**schema, "description": f.metadata.get("doc", ""), "markdownDescription": _markdown_doc(f, hints[f.name])}
        properties[f.name] = schema
        if f.default is dataclasses.MISSING:
            required.append(f.name)
    obj: dict[str, Any] = {
        "type": "object",
        "description": (cls.__doc__ or "").strip().splitlines()[0] if cls.__doc__ else cls.__name__,
        "properties": properties,
        "additionalProperties": False,
    }
    if required:
        obj["required"] = required
    shorthand = getattr(cls, "yaml_shorthand", None)
    if shorthand:
        return {"anyOf": [dict(SCALAR_TEXT), obj]}
    return obj


def _markdown_doc(f: dataclasses.Field, hint: Any) -> str:
    return f"{f.metadata.get('doc', '')}\n\nAttendu\u00a0: {describe(hint)}."


def content_files(content: Path) -> Iterator[tuple[Path, str]]:
    """Each content file with the name of its schema."""
    for entry, schema in FOLDERS.items():
        target = content / entry
        if target.is_file():
            yield target, schema
        elif target.is_dir():
            for path in sorted(target.glob("*/*.yml" if entry == "versions" else "*.yml")):
                yield path, schema


def modeline(path: Path, schema: Path) -> str:
    """The first line that points the YAML extension of VS Code at a file's schema."""
    relative = os.path.relpath(schema.resolve(), path.resolve().parent)
    return f"# yaml-language-server: $schema={Path(relative).as_posix()}"
