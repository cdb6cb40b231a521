"""The README's commands (scripts/) install once, then start in seconds; a failed install is told
in French with what to do. No network needed: pip and npm are replaced by fakes, or pointed at a
closed port."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType

import pytest

from tests.conftest import ROOT


def _load() -> ModuleType:
    spec = importlib.util.spec_from_file_location("_environnement", ROOT / "scripts" / "_environnement.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


env = _load()

OFFLINE_PIP = """\
WARNING: Retrying (Retry(total=0, connect=None, read=None, redirect=None, status=None)) after connection broken by 'NewConnectionError('<pip._vendor.urllib3.connection.HTTPSConnection object>: Failed to establish a new connection: [Errno -3] Temporary failure in name resolution')': /simple/setuptools/
ERROR: Could not find a version that satisfies the requirement setuptools>=77 (from versions: none)
ERROR: No matching distribution found for setuptools>=77
"""


class FakeTool:
    """Stands for pip or npm: records each command, answers with the given exit code and output."""

    def __init__(self, code: int = 0, output: str = "") -> None:
        self.code, self.output = code, output
        self.commands: list[list[str]] = []

    def __call__(self, command: Sequence[str]) -> subprocess.CompletedProcess[str]:
        self.commands.append(list(command))
        return subprocess.CompletedProcess(list(command), self.code, "", self.output)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "essai"\n', encoding="utf-8")
    return tmp_path


def fake_create(made: list[Path]):  # type: ignore[no-untyped-def]
    def create(venv_dir: Path) -> None:
        python = env.venv_python(venv_dir)
        python.parent.mkdir(parents=True, exist_ok=True)
        python.write_text("", encoding="utf-8")
        made.append(venv_dir)

    return create


def prepare(project: Path, pip: FakeTool, made: list[Path], extras: str = "") -> Path:
    return env.prepare(extras, root=project, venv_dir=project / ".venv", runner=pip, create=fake_create(made))


def test_the_stamp_says_when_to_install_again(tmp_path: Path) -> None:
    stamp, source = tmp_path / "stamp.json", tmp_path / "pyproject.toml"
    source.write_text("a", encoding="utf-8")
    assert env.install_needed(stamp, source)
    env.write_stamp(stamp, source, "test")
    assert not env.install_needed(stamp, source)
    assert not env.install_needed(stamp, source, "test")
    assert env.install_needed(stamp, source, "test,docs")  # an extra never installed
    assert env.install_needed(stamp, source, python="2.7")  # another Python
    source.write_text("b", encoding="utf-8")
    assert env.install_needed(stamp, source)
    stamp.write_text("pas du JSON", encoding="utf-8")  # damaged: install again, no error
    assert env.install_needed(stamp, source)


def test_installs_once_then_only_when_pyproject_changes(project: Path) -> None:
    pip, made = FakeTool(), []
    python = prepare(project, pip, made, "test")
    assert made == [project / ".venv"] and len(pip.commands) == 1
    assert pip.commands[0][-3:] == ["install", "--disable-pip-version-check", "-q", "-e", ".[test]"][-3:]
    assert pip.commands[0][0] == str(python)

    assert prepare(project, pip, made, "test") == python
    assert prepare(project, pip, made) == python  # "test" includes what the build needs
    assert len(pip.commands) == 1 and len(made) == 1

    (project / "pyproject.toml").write_text('[project]\nname = "essai"\nversion = "2"\n', encoding="utf-8")
    prepare(project, pip, made)
    assert len(pip.commands) == 2 and len(made) == 1  # reinstalled in the same environment
    assert pip.commands[1][-1] == ".[test]"  # keeps the extras installed before
    prepare(project, pip, made, "test")
    assert len(pip.commands) == 2


def test_the_build_then_the_tests_install_the_test_tools_once(project: Path) -> None:
    pip, made = FakeTool(), []
    prepare(project, pip, made)
    assert pip.commands[-1][-1] == "."
    prepare(project, pip, made, "test")
    prepare(project, pip, made, "test")
    prepare(project, pip, made)
    assert [c[-1] for c in pip.commands] == [".", ".[test]"]


def test_another_python_makes_the_environment_again(project: Path) -> None:
    pip, made = FakeTool(), []
    prepare(project, pip, made)
    stamp = project / ".venv" / env.STAMP_NAME
    stamp.write_text(stamp.read_text(encoding="utf-8").replace(env._python_version(), "3.9"), encoding="utf-8")
    prepare(project, pip, made)
    assert len(made) == 2 and len(pip.commands) == 2


def test_no_network_and_nothing_installed_says_what_to_do(project: Path) -> None:
    pip, made = FakeTool(1, OFFLINE_PIP), []
    with pytest.raises(env.SetupError) as error:
        prepare(project, pip, made)
    message = str(error.value)
    assert "Internet semble inaccessible" in message and "relancez la même commande" in message
    assert "No matching distribution" in message  # pip's own words, for whoever helps
    assert not (project / ".venv" / env.STAMP_NAME).exists()
    with pytest.raises(env.SetupError):
        prepare(project, pip, made)
    assert len(pip.commands) == 2  # tried again next time


def test_no_network_with_an_older_install_goes_on(project: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    prepare(project, FakeTool(), [])
    stamp = (project / ".venv" / env.STAMP_NAME).read_text(encoding="utf-8")
    (project / "pyproject.toml").write_text('[project]\nname = "autre"\n', encoding="utf-8")
    pip = FakeTool(1, OFFLINE_PIP)
    assert prepare(project, pip, []) == env.venv_python(project / ".venv")
    assert "continue avec les outils déjà installés" in capsys.readouterr().err
    assert (project / ".venv" / env.STAMP_NAME).read_text(encoding="utf-8") == stamp  # retried next time
    prepare(project, pip, [])
    assert len(pip.commands) == 2


def test_another_pip_failure_is_told_in_french(project: Path) -> None:
    pip = FakeTool(1, "ERROR: Could not install packages due to an OSError: [Errno 28] No space left on device\n")
    with pytest.raises(env.SetupError) as error:
        prepare(project, pip, [])
    message = str(error.value)
    assert message.startswith("L'installation des dépendances a échoué. Relancez la même commande")
    assert "No space left on device" in message and "Internet" not in message


def test_an_environment_that_cannot_be_made_is_told_in_french(project: Path) -> None:
    def broken(venv_dir: Path) -> None:
        venv_dir.mkdir()
        raise subprocess.CalledProcessError(1, ["python", "-m", "ensurepip"])

    with pytest.raises(env.SetupError) as error:
        env.prepare(root=project, venv_dir=project / ".venv", runner=FakeTool(), create=broken)
    assert "python3-venv" in str(error.value)
    assert not (project / ".venv").exists()  # made again from scratch next time


def test_npm_tools_install_once_per_lock_file(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    lock = tmp_path / "package-lock.json"
    lock.write_text("{}", encoding="utf-8")
    npm = FakeTool()
    env.prepare_npm(root=tmp_path, runner=npm, npm="npm")
    assert npm.commands == [["npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"]]
    env.prepare_npm(root=tmp_path, runner=npm, npm="npm")
    assert len(npm.commands) == 1
    lock.write_text('{"v": 2}', encoding="utf-8")
    npm.code, npm.output = 1, "npm ERR! code ENOTFOUND\nnpm ERR! network request failed"
    env.prepare_npm(root=tmp_path, runner=npm, npm="npm")  # told, not raised: the tests that need them skip
    assert "Internet semble inaccessible" in capsys.readouterr().err
    env.prepare_npm(root=tmp_path, runner=npm, npm="npm")
    assert len(npm.commands) == 3


def test_the_script_without_network_ends_in_french_without_traceback(tmp_path: Path) -> None:
    """The real scripts/construire.py in a fresh copy of the project: a real .venv, a real pip
    pointed at a closed port."""
    project = tmp_path / "projet"
    (project / "scripts").mkdir(parents=True)
    for name in ("_environnement.py", "construire.py"):
        (project / "scripts" / name).write_bytes((ROOT / "scripts" / name).read_bytes())
    (project / "pyproject.toml").write_bytes((ROOT / "pyproject.toml").read_bytes())
    variables = dict(
        os.environ, PIP_INDEX_URL="http://127.0.0.1:9/simple/", PIP_RETRIES="0", PIP_TIMEOUT="2",
        PIP_NO_CACHE_DIR="1", PIP_CONFIG_FILE=os.devnull, PYTHONUTF8="1",  # no local wheelhouse from pip.conf
    )
    for name in ("PIP_EXTRA_INDEX_URL", "PIP_FIND_LINKS", "PIP_NO_INDEX"):
        variables.pop(name, None)
    result = subprocess.run(
        [sys.executable, "scripts/construire.py"], cwd=project, env=variables,
        capture_output=True, text=True, encoding="utf-8", timeout=300,
    )
    assert result.returncode == 1, result
    assert "Internet semble inaccessible" in result.stderr, result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert not (project / ".venv" / env.STAMP_NAME).exists()
