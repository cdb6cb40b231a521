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


def prepare_npm() -> None:
    """Install the npm test tools (axe-core, vnu-jar) when npm is there and they are missing or stale."""
    import shutil

    lock = ROOT / "package-lock.json"
    installed = ROOT / "node_modules" / ".package-lock.json"
    npm = shutil.which("npm")
    if not npm or not lock.exists():
        return
    if installed.exists() and installed.stat().st_mtime >= lock.stat().st_mtime:
        return
    print("Installation des outils de test (npm ci)…", flush=True)
    subprocess.run([npm, "ci", "--no-audit", "--no-fund", "--loglevel=error"], cwd=ROOT, check=True)
