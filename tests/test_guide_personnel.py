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
