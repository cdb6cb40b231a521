"""Shared by the set-up scripts: create .venv and install the project in it.

Pure standard library, so that a fresh machine (Windows included) needs only Python.
"""

from __future__ import annotations

import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv"


def venv_python() -> Path:
    if os.name == "nt":
        return VENV / "Scripts" / "python.exe"
    return VENV / "bin" / "python"


def prepare(extras: str = "") -> Path:
    """Create .venv if needed, install (or update) plans-publics and its dependencies in it."""
    if sys.version_info < (3, 10):
        sys.exit("Python 3.10 ou plus récent est requis (https://www.python.org/downloads/).")
    python = venv_python()
    if not python.exists():
        print("Création de l'environnement Python .venv…", flush=True)
        venv.create(VENV, with_pip=True)
    target = f".[{extras}]" if extras else "."
    print("Installation des dépendances…", flush=True)
    subprocess.run(
        [str(python), "-m", "pip", "install", "--disable-pip-version-check", "-q", "-e", target],
        cwd=ROOT,
        check=True,
    )
    return python


def run(python: Path, *args: str) -> int:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONUTF8="1")
    return subprocess.run([str(python), *args], cwd=ROOT, env=env).returncode
