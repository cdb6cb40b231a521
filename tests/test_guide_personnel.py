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
    used = re.findall(r"plans-publics (\w+)([^`\n]*)", guide)
    assert {"verifier", "nouveau", "importer"} <= {name for name, _ in used}
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
EXAMPLE = re.compile(r"<!-- essai : (\{.*?\}) -->\n```text\n(.*?)```", re.S)


def _apply(content: Path, spec: dict) -> None:
    """The mistake an example describes, made in a copy of content/."""
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


def test_the_guides_error_messages_are_what_the_tool_prints(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    guide = GUIDE.read_text(encoding="utf-8")
    examples = EXAMPLE.findall(guide)
    assert len(examples) >= 20
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
        GUIDE.write_text(guide, encoding="utf-8")
