from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SEEDS = ROOT.parent / "shared" / "seeds"

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


@pytest.fixture
def mini(tmp_path: Path) -> Path:
    """A writable copy of the small fixture content, to break on purpose."""
    target = tmp_path / "content"
    shutil.copytree(FIXTURES / "mini", target)
    return target
