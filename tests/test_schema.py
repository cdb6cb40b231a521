"""The committed JSON Schemas match the models, and every content file points at its schema."""

from __future__ import annotations

import re
from pathlib import Path

import jsonschema
import pytest
import yaml

from generator.content.json_schema import FILES, all_schema_files, content_files, modeline
from tests.conftest import FIXTURES, ROOT

SCHEMAS = ROOT / "schemas"


class Yaml12Loader(yaml.SafeLoader):
    """What VS Code's YAML extension sees: no YAML 1.1 dates."""


Yaml12Loader.yaml_implicit_resolvers = {
    key: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def validator(name: str) -> jsonschema.Draft202012Validator:
    import json

    schema = json.loads((SCHEMAS / name).read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def test_committed_schemas_are_up_to_date() -> None:
    expected = all_schema_files()
    on_disk = {p.name for p in SCHEMAS.glob("*.json")}
    assert on_disk == set(expected)
    for name, text in expected.items():
        assert (SCHEMAS / name).read_text(encoding="utf-8") == text, (
            f"schemas/{name} est périmé : lancez « plans-publics schemas » et validez le résultat."
        )


@pytest.mark.parametrize("content", [ROOT / "content", FIXTURES / "mini", FIXTURES / "suivi"], ids=["content", "mini", "suivi"])
def test_every_content_file_is_valid_against_its_schema(content: Path) -> None:
    files = list(content_files(content))
    assert len(files) >= 6
    for path, schema in files:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=Yaml12Loader)
        errors = [e.message for e in validator(schema).iter_errors(data)]
        assert not errors, (path.name, errors)


def test_every_real_content_file_names_its_schema() -> None:
    for path, schema in content_files(ROOT / "content"):
        first = path.read_text(encoding="utf-8").split("\n", 1)[0]
        assert first == modeline(path, SCHEMAS / schema), path
        target = re.sub(r"^# yaml-language-server: \$schema=", "", first)
        assert (path.parent / target).resolve() == (SCHEMAS / schema).resolve()


@pytest.mark.parametrize(
    ("schema", "document", "expected"),
    [
        ("organisation.schema.json", {"nom": "X", "sigl": "Y"}, "Additional properties"),
        ("organisation.schema.json", {"sigle": "Y"}, "'nom' is a required property"),
        ("document.schema.json", {"type": "piar", "titre": "T", "organisation": "o", "programme": "p",
                                  "date_du_plan": "11 mai 2021", "enjeux": []}, "does not match"),
    ],
)
def test_schema_catches_typos(schema: str, document: dict, expected: str) -> None:
    errors = " ".join(e.message for e in validator(schema).iter_errors(document))
    errors += " ".join(s.message for e in validator(schema).iter_errors(document) for s in (e.context or []))
    assert expected in errors


def test_schema_files_cover_every_kind() -> None:
    assert set(FILES) == {"site.schema.json", "regions.schema.json", "glossaire.schema.json", "organisation.schema.json",
                          "programme.schema.json", "document.schema.json"}


def test_schemas_command_is_idempotent(tmp_path: Path) -> None:
    import shutil

    from generator.cli import main

    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    before = {p: p.read_bytes() for p in content.rglob("*.yml")}
    assert main(["--contenu", str(content), "schemas", "--dossier", str(tmp_path / "schemas")]) == 0
    assert {p: p.read_bytes() for p in content.rglob("*.yml")} == before  # same relative layout
    new = content / "organisations" / "nouvelle.yml"
    new.write_text("nom: Nouvelle\n", encoding="utf-8")
    assert main(["--contenu", str(content), "schemas", "--dossier", str(tmp_path / "schemas")]) == 0
    assert new.read_text(encoding="utf-8").startswith("# yaml-language-server: $schema=../../schemas/organisation.schema.json\n")
