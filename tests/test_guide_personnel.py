"""The staff guide's examples stay true: YAML that parses, commands and options that exist."""

from __future__ import annotations

import re

import pytest
import yaml

from generator.cli import main
from tests.conftest import ROOT

GUIDE = ROOT / "documentation" / "guide-du-personnel.md"


def _help(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    with pytest.raises(SystemExit):
        main([*args, "--help"])
    return capsys.readouterr().out


def test_the_guides_yaml_examples_parse() -> None:
    blocks = re.findall(r"```yaml\n(.*?)```", GUIDE.read_text(encoding="utf-8"), re.S)
    assert len(blocks) >= 3
    for block in blocks:
        yaml.safe_load(block)


def test_the_guides_commands_and_options_exist(capsys: pytest.CaptureFixture[str]) -> None:
    guide = GUIDE.read_text(encoding="utf-8")
    commands = set(re.findall(r"^    (\S+)\s", _help(capsys), re.M))
    used = re.findall(r"plans-publics (\w[\w-]*)([^`\n]*)", guide)
    assert {"verifier", "nouveau", "importer", "nouvelle-version"} <= {name for name, _ in used}
    for name, rest in used:
        assert name in commands, name
        options = set(re.findall(r"--[a-z-]+", _help(capsys, name)))
        for option in re.findall(r"(?<!\w)--[a-z-]+", rest):
            assert option in options, (name, option)
    for script in re.findall(r"py scripts\\(\w+\.py)", guide):
        assert (ROOT / "scripts" / script).is_file(), script


# --- section 9.1: each quoted message is what the tool prints for the mistake described ----

import json  # noqa: E402
import os  # noqa: E402
import shutil  # noqa: E402
from pathlib import Path  # noqa: E402

WRITE = os.environ.get("PLANS_PUBLICS_GOLDEN") == "ecrire"  # rewrite the quoted messages from the tool
EXAMPLE = re.compile(r"<!-- essai : (\{.*?\}|\[.*?\]) -->\n```text\n(.*?)```", re.S)
FORMAT = ROOT / "documentation" / "format-du-contenu.md"  # its section 7 quotes messages the same way


def _apply(content: Path, spec: dict | list) -> None:
    """The mistake an example describes, made in a copy of content/ (a list: mistakes in several files)."""
    if isinstance(spec, list):
        for part in spec:
            _apply(content, part)
        return
    target = content / spec["fichier"]
    text = target.read_text(encoding="utf-8")
    for before, after in spec.get("remplacer", []):
        assert text.count(before) == 1, before
        text = text.replace(before, after)
    if spec.get("ansi"):
        target.write_bytes(text.encode("cp1252"))  # as the Windows Notepad saves in "ANSI"
    else:
        target.write_text(text, encoding="utf-8")
    if "copier" in spec:
        (content / spec["copier"]).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(target, content / spec["copier"])
    if "renommer" in spec:
        target.rename(content / spec["renommer"])


@pytest.mark.parametrize(("document", "count"), [(GUIDE, 20), (FORMAT, 5)], ids=["guide", "format"])
def test_the_guides_error_messages_are_what_the_tool_prints(document: Path, count: int, tmp_path: Path,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    guide = document.read_text(encoding="utf-8")
    examples = EXAMPLE.findall(guide)
    assert len(examples) >= count
    for index, (spec_text, quoted) in enumerate(examples):
        spec = json.loads(spec_text)
        content = tmp_path / f"essai-{index}" / "content"
        shutil.copytree(ROOT / "content", content)
        _apply(content, spec)
        assert main(["--contenu", str(content), "verifier"]) == 1
        printed = capsys.readouterr().err.replace("\u00a0", " ")
        lines = [line for line in printed.splitlines() if line.startswith("- ")]
        if WRITE:
            guide = guide.replace(f"{spec_text} -->\n```text\n{quoted}```", f"{spec_text} -->\n```text\n" + "\n".join(lines) + "\n```", 1)
            continue
        assert quoted.strip().splitlines() == lines, spec
    if WRITE:
        document.write_text(guide, encoding="utf-8")


# --- what the commands print: each block marked « sortie » is produced by the tool ------------------------

from tests.gabarit_docx import HEADER, SEED_PIAR, Table, build  # noqa: E402

OUTPUT = re.compile(r"^( *)<!-- sortie : ([\w-]+)( \(extrait\))? -->\n\1```text\n(.*?)^\1```", re.S | re.M)
ROW = ["1. Attirer des entreprises", "1", "2", "Objectif A", "Action A", "Mars 2024", "Indicateur A", "20%"]
MATANIE = "nom: MRC de La Matanie\nregion: bas-saint-laurent\n"


def _plans_publics(*args: str) -> None:
    main(["--contenu", "content", *args])


def _scenario(name: str, project: Path) -> None:
    """Run, in ``project`` (the current folder, with a copy of content/), what the guide's block ``name`` shows."""
    content = project / "content"
    if name in ("importer", "importer-nouvelle-version", "points-a-verifier", "pas-encore-valide"):
        (content / "organisations" / "mrc-de-la-matanie.yml").write_text(MATANIE, encoding="utf-8")
    fjord = ["--organisation", "mrc-du-fjord-du-saguenay"]
    seed = build(SEED_PIAR, project / "PIAR 2024.docx")
    if name == "importer":
        _plans_publics("importer", str(build(SEED_PIAR, project / "PIAR MRC de La Matanie 2024.docx").name),
                       "--organisation", "mrc-de-la-matanie")
    elif name == "importer-nouvelle-version":
        _plans_publics("importer", seed.name, "--organisation", "mrc-de-la-matanie")
        updated = [b.replace("2 octobre 2024", "15 avril 2025") if isinstance(b, str) else b for b in SEED_PIAR]
        _plans_publics("importer", build(updated, project / "PIAR 2025.docx").name, "--organisation",
                       "mrc-de-la-matanie", "--nouvelle-version")
    elif name == "points-a-verifier":
        rows = [[*ROW[:5], "Printemps 2025", *ROW[6:]], ["", "Tous", "", "Objectif B", "Action B", "2025-03", "", ""]]
        plan = build(["Date du plan : 11 mai 2021", Table(HEADER, rows)], project / "PIAR 2024.docx")
        _plans_publics("importer", plan.name, "--organisation", "mrc-de-la-matanie")
    elif name == "existe-deja":
        _plans_publics("importer", seed.name, *fjord)
    elif name == "organisation":
        _plans_publics("importer", seed.name, "--organisation", "mrc-fjord")
        _plans_publics("importer", seed.name)
    elif name == "pas-une-mise-a-jour":
        _plans_publics("importer", seed.name, *fjord, "--nouvelle-version")
    elif name == "fichier-word":
        (project / "vieux.doc").write_bytes(b"\xd0\xcf\x11\xe0")
        (project / "abime.docx").write_bytes(b"pas un zip")
        for path in ("C:/Documents/PIAR 2024.docx", "vieux.doc", "abime.docx"):
            _plans_publics("importer", path, *fjord)
    elif name == "dossier":
        shutil.rmtree(content)
        _plans_publics("importer", seed.name, *fjord)
    elif name == "nouveau":
        _plans_publics("nouveau", "plan")
        _plans_publics("nouveau", "piar", "content/documents/PIAR Matanie.yml")
    elif name == "colonne-manquante":
        header = [*HEADER[:4], "Mesures prévues", *HEADER[5:]]
        _plans_publics("importer", build(["Date du plan : 11 mai 2021", Table(header, [ROW])], seed).name, *fjord)
    elif name == "sans-action":
        _plans_publics("importer", build(["Date du plan : 11 mai 2021", Table(HEADER, [[*ROW[:4], "", *ROW[5:]]])],
                                         seed).name, *fjord)
    elif name == "nouvelle-version":
        _plans_publics("nouvelle-version", "mrc-du-fjord-du-saguenay-piar")
    elif name == "nouvelle-version-refus":
        _plans_publics("nouvelle-version", "mrc-du-fjord-du-saguenay-piar")
        _plans_publics("nouvelle-version", "mrc-du-fjord-du-saguenay-piar")
        _plans_publics("nouvelle-version", "entente-attraction-abitibi-temiscamingue-2023-2027")
    elif name == "pas-encore-valide":
        undated = [b for b in SEED_PIAR if not (isinstance(b, str) and "Date du plan" in b)]
        _plans_publics("importer", build(undated, project / "PIAR 2024.docx").name, "--organisation", "mrc-de-la-matanie")
    else:
        raise AssertionError(f"scénario inconnu : {name}")


def test_the_guides_command_outputs_are_what_the_tool_prints(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    guide = GUIDE.read_text(encoding="utf-8")
    blocks = OUTPUT.findall(guide)
    assert len(blocks) >= 14
    for indent, name, excerpt, quoted in blocks:
        project = tmp_path / name
        shutil.copytree(ROOT / "content", project / "content")
        monkeypatch.chdir(project)
        capsys.readouterr()
        _scenario(name, project)
        captured = capsys.readouterr()
        printed = [line.replace("\u00a0", " ") for line in (captured.out + captured.err).splitlines()]
        if name == "nouvelle-version-refus":
            printed = printed[5:]  # the first run keeps the version
        shown = [line[len(indent):] for line in quoted.splitlines()]
        if WRITE and not excerpt:
            new = "".join(f"{indent}{line}\n" for line in printed)
            guide = guide.replace(f"{name} -->\n{indent}```text\n{quoted}", f"{name} -->\n{indent}```text\n{new}", 1)
            continue
        if excerpt:
            assert [line for line in shown if line not in printed] == [], (name, printed)
        else:
            assert shown == printed, name
    if WRITE:
        GUIDE.write_text(guide, encoding="utf-8")


def test_the_required_columns_listed_are_the_programmes() -> None:
    from generator.authoring.template import Template
    from generator.content.loading import load_catalogues

    template = Template.of(load_catalogues(ROOT / "content").programmes["aeq"])
    table = GUIDE.read_text(encoding="utf-8").split("<!-- colonnes obligatoires : aeq -->\n", 1)[1].split("\n\n", 1)[0]
    listed = [row.split("|")[1].strip() for row in table.splitlines()[2:]]
    assert listed == [template.column(name) for name in template.required]


def test_the_preview_address_is_the_one_mkdocs_serve_prints() -> None:
    """``mkdocs serve`` serves the site under the path of its site_url (https://exemple.github.io/plans-publics/)."""
    from urllib.parse import urlparse

    site_url = re.search(r'site_url: !ENV \[SITE_URL, "(.*?)"\]', (ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    assert site_url
    expected = "http://127.0.0.1:8000" + urlparse(site_url[1]).path
    for name in ("README.md", "documentation/guide-du-personnel.md", "documentation/format-du-contenu.md"):
        addresses = re.findall(r"http://127\.0\.0\.1:8000[^\s>`)]*", (ROOT / name).read_text(encoding="utf-8"))
        assert addresses and set(addresses) == {expected}, name
