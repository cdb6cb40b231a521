"""Shared by the set-up scripts: create .venv and install the project in it, once.

Pure standard library, so that a fresh machine (Windows included) needs only Python.
The install is redone only when pyproject.toml (or, for the npm tools, package-lock.json)
or the version of Python changed since the last one that succeeded: a stamp file beside
the installed packages records what it was made from. Every failure is told in French,
with what to do, never as a traceback.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import venv
from collections.abc import Callable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv"
STAMP_NAME = ".plans-publics-installation.json"

# Runs a command in the project folder, its output captured: the fake one in the tests needs no network.
Runner = Callable[[Sequence[str]], "subprocess.CompletedProcess[str]"]

# Words in pip's or npm's output that mean the network could not be reached.
_OFFLINE = (
    "NewConnectionError", "Failed to establish a new connection", "Temporary failure in name resolution",
    "Name or service not known", "getaddrinfo failed", "Max retries exceeded", "ProxyError",
    "No matching distribution found", "Could not find a version that satisfies", "ENOTFOUND",
    "EAI_AGAIN", "ECONNREFUSED", "ETIMEDOUT", "network",
)


class SetupError(Exception):
    """The set-up failed; the message (French) says what to do."""


def venv_python(venv_dir: Path = VENV) -> Path:
    if os.name == "nt":
        return venv_dir / "Scripts" / "python.exe"
    return venv_dir / "bin" / "python"


def _run(command: Sequence[str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        list(command), cwd=ROOT, capture_output=True, text=True, encoding="utf-8", errors="replace",
    )


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.exists() else ""


def _python_version() -> str:
    return f"{sys.version_info.major}.{sys.version_info.minor}"


def read_stamp(stamp: Path) -> dict[str, object]:
    try:
        data = json.loads(stamp.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def install_needed(stamp: Path, source: Path, extras: str = "", python: str | None = None) -> bool:
    """Whether the install recorded in ``stamp`` is missing or was made from another ``source``
    file, another Python, or without the ``extras`` now asked for."""
    data = read_stamp(stamp)
    installed = data.get("extras", [])
    return (
        data.get("source") != _digest(source)
        or data.get("python") != (python or _python_version())
        or not isinstance(installed, list)
        or any(extra not in installed for extra in _extras(extras))
    )


def write_stamp(stamp: Path, source: Path, extras: str = "", python: str | None = None) -> None:
    data = {"source": _digest(source), "python": python or _python_version(), "extras": sorted(_extras(extras))}
    stamp.parent.mkdir(parents=True, exist_ok=True)
    stamp.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")


def _extras(extras: str) -> set[str]:
    return {e.strip() for e in extras.split(",") if e.strip()}


def failure_message(what: str, output: str, *, then: str = "") -> str:
    """French explanation of a failed install, with the tool's own last lines for whoever helps."""
    offline = any(word.lower() in output.lower() for word in _OFFLINE)
    if offline:
        cause = (
            f"{what} a échoué\u00a0: Internet semble inaccessible. "
            "L'installation télécharge les outils du projet une seule fois; "
            "connectez l'ordinateur à Internet (ou vérifiez le serveur mandataire, « proxy »), "
            "puis relancez la même commande."
        )
    else:
        cause = (
            f"{what} a échoué. Relancez la même commande; si l'erreur revient, "
            "transmettez le message ci-dessous à la personne qui s'occupe du projet."
        )
    if then:
        cause += "\n" + then
    tail = "\n".join(line for line in output.strip().splitlines()[-12:])
    return f"{cause}\n\nMessage de l'outil (en anglais)\u00a0:\n{tail}" if tail else cause


def prepare(
    extras: str = "",
    *,
    root: Path = ROOT,
    venv_dir: Path = VENV,
    runner: Runner = _run,
    create: Callable[[Path], None] | None = None,
) -> Path:
    """Create ``venv_dir`` if needed and install the project (with ``extras``) in it, unless the
    last install was made from the same pyproject.toml and Python. The venv's Python."""
    if sys.version_info < (3, 10):
        raise SetupError("Python 3.10 ou plus récent est requis (https://www.python.org/downloads/).")
    python, stamp, pyproject = venv_python(venv_dir), venv_dir / STAMP_NAME, root / "pyproject.toml"
    if python.exists() and not install_needed(stamp, pyproject, extras):
        return python
    before = read_stamp(stamp)
    if not python.exists() or before.get("python") not in (None, _python_version()):
        # No environment, or one made by another version of Python: (re)made from scratch.
        print("Création de l'environnement Python .venv…", flush=True)
        try:
            (create or _create_venv)(venv_dir)
        except (OSError, subprocess.CalledProcessError) as error:
            shutil.rmtree(venv_dir, ignore_errors=True)  # half made: made again next time
            raise SetupError(
                "Impossible de créer l'environnement Python .venv "
                f"({error.__class__.__name__}). Sous Debian ou Ubuntu, installez d'abord le paquet "
                "python3-venv (sudo apt install python3-venv); sous Windows, réinstallez Python "
                "depuis https://www.python.org/downloads/ en cochant « pip »."
            ) from None
        before = {}
    wanted = ",".join(sorted(_extras(extras) | set(before.get("extras") or []))) if before else extras
    target = f".[{wanted}]" if wanted else "."
    print("Installation des dépendances (une connexion Internet est nécessaire; la première fois, "
          "quelques minutes)…", flush=True)
    result = runner([str(python), "-m", "pip", "install", "--disable-pip-version-check", "-q", "-e", target])
    if result.returncode != 0:
        continuing = "La commande continue avec les outils déjà installés; la mise à jour sera retentée la prochaine fois."
        message = failure_message("L'installation des dépendances", (result.stdout or "") + (result.stderr or ""),
                                  then=continuing if before else "")
        if not before:
            raise SetupError(message)
        print(message, file=sys.stderr, flush=True)
        return python
    write_stamp(stamp, pyproject, wanted)
    return python


def _create_venv(venv_dir: Path) -> None:
    venv.create(venv_dir, with_pip=True, clear=True)


def run(python: Path, *args: str) -> int:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONUTF8="1")
    return subprocess.run([str(python), *args], cwd=ROOT, env=env).returncode


def prepare_npm(*, root: Path = ROOT, runner: Runner = _run, npm: str | None = None) -> None:
    """Install the npm test tools (axe-core, vnu-jar) when npm is there and package-lock.json changed
    since their last install. A failure is told in French; the tests that need them then skip."""
    lock, modules = root / "package-lock.json", root / "node_modules"
    stamp = modules / STAMP_NAME
    npm = npm or shutil.which("npm")
    if not npm or not lock.exists() or not install_needed(stamp, lock, python="npm"):
        return
    installed = modules / ".package-lock.json"
    if not stamp.exists() and installed.exists() and installed.stat().st_mtime >= lock.stat().st_mtime:
        write_stamp(stamp, lock, python="npm")  # installed before stamps existed: trusted once
        return
    print("Installation des outils de test (npm ci)…", flush=True)
    result = runner([npm, "ci", "--no-audit", "--no-fund", "--loglevel=error"])
    if result.returncode != 0:
        skipped = "Les tests qui en ont besoin (navigateur, validation HTML) seront sautés ou échoueront en CI."
        print(failure_message("L'installation des outils de test (npm)", (result.stdout or "") + (result.stderr or ""),
                              then=skipped), file=sys.stderr, flush=True)
        return
    write_stamp(stamp, lock, python="npm")


def main(prepare_and_run: Callable[[], int]) -> None:
    """Run a script's body; a set-up failure or Ctrl+C ends it with a French message, no traceback."""
    try:
        code = prepare_and_run()
    except SetupError as error:
        print(f"\n{error}", file=sys.stderr, flush=True)
        code = 1
    except KeyboardInterrupt:
        code = 130
    sys.exit(code)
