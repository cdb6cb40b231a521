"""The staff guide documents every field of every model, spelled as in the models."""

from __future__ import annotations

import dataclasses
import re

from generator.content import models
from generator.content.typed_reader import field_docs
from tests.conftest import ROOT

GUIDE = ROOT / "documentation" / "format-du-contenu.md"


def test_the_guide_names_every_field() -> None:
    guide = GUIDE.read_text(encoding="utf-8")
    missing = []
    for cls in vars(models).values():
        # Types with their own YAML spelling (from_yaml) have no YAML keys.
        if isinstance(cls, type) and dataclasses.is_dataclass(cls) and cls.__module__.startswith(models.__name__) and not hasattr(cls, "from_yaml"):
            for name, _, _, _ in field_docs(cls):
                if f"`{name}`" not in guide:
                    missing.append(f"{cls.__name__}.{name}")
    assert not missing


def test_the_guides_yaml_examples_are_valid_yaml() -> None:
    import yaml

    guide = GUIDE.read_text(encoding="utf-8")
    blocks = re.findall(r"```yaml\n(.*?)```", guide, re.S)
    assert len(blocks) >= 8
    for block in blocks:
        yaml.safe_load(block)
