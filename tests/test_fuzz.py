"""A fuzzer that knows the format: valid content, then one mutation (types, bounds, references,
markup, YAML syntax). One property: the generator either gives a site where every text is
escaped, or stops with French errors naming the file (and the line), in bounded time, with no
other exception; a real build that stops leaves the previous site byte-identical.

In the test suite it runs a bounded number of examples; the long mode runs many more:

    PLANS_PUBLICS_FUZZ=long python3 scripts/tester.py tests/test_fuzz.py
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from html.parser import HTMLParser
from pathlib import Path

import markdown
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.build import build_site
from generator.content.problems import ContentError
from generator.pages.addresses import is_inside_site
from tests.conftest import FIXTURES, ROOT

LONG = os.environ.get("PLANS_PUBLICS_FUZZ") == "long"
MINI = FIXTURES / "mini"
FILES = sorted(p.relative_to(MINI).as_posix() for p in MINI.rglob("*.yml"))
TEXTS = {name: (MINI / name).read_text(encoding="utf-8") for name in FILES}
MARK = "Zq"  # starts every hostile text, to find it in the output

HOSTILE = [
    f"{MARK}<script>alert(1)</script>", f"{MARK}<img src=x onerror=alert(2)>", f"{MARK}[l](javascript:alert(3))",
    f"{MARK}</title><b>x</b>", f'"{MARK}<a href=x>a</a>"', f"'{MARK}&amp; &lt;'", f"{MARK}**gras** _x_ `c`",
    f"={MARK}HYPERLINK(\"x\")", f"{MARK}\u202e\u200b", "../../../evasion", "A B", "/etc/passwd", "..",
]
VALUES = [
    "", "~", "null", "no", "yes", "08", "012", "12:30", "1e9", "-5", "-1", "0", "-0", "5 %", "-5 %", "150 %", "1.5",
    "2024-02-30", "0000-01-01", "99999999999999999999", "9" * 31, "1 000 000 000 000 000", "1-2-9", "0-0",
    "[]", "{}", "[1, [2]]", "{a: b}", "- x", "Co-cr\ufffder", "${f 5}$", "x" * 3000, "é" * 10,
]
SYNTAX = [":", ": ", "- ", "[", "]", "{", "}", "\t", "&a ", "*a", "!tag ", "!!binary ", "<<: ", "---\n", "%YAML 1.1\n",
          "'", '"', "#", "|", ">", "\\", "\x00", "\x1b", "\ufeff", "? ", "@", "`"]


@st.composite
def mutated(draw: st.DrawFn) -> tuple[str, str]:
    """One content file of the test fixture, changed once."""
    name = draw(st.sampled_from(FILES))
    lines = TEXTS[name].split("\n")
    index = draw(st.integers(0, len(lines) - 1))
    line = lines[index]
    kind = draw(st.sampled_from(["value", "hostile", "syntax", "delete", "duplicate", "indent", "key"]))
    if kind in ("value", "hostile") and ":" in line:
        key, _, _ = line.partition(":")
        value = draw(st.sampled_from(HOSTILE if kind == "hostile" else VALUES))
        lines[index] = f"{key}: {value}"
    elif kind == "syntax":
        at = draw(st.integers(0, len(line)))
        lines[index] = line[:at] + draw(st.sampled_from(SYNTAX)) + line[at:]
    elif kind == "delete":
        del lines[index]
    elif kind == "duplicate":
        lines.insert(index, line)
    elif kind == "indent":
        lines[index] = draw(st.sampled_from(["", " ", "   ", "\t"])) + line.lstrip() if line.strip() else line
    else:  # a key renamed or a reference changed to something hostile
        lines[index] = re.sub(r"^(\s*-?\s*)([\w_]+)", lambda m: m[1] + draw(st.sampled_from(["nom", "x", "Titre", "organisation", "region"])), line)
    return name, "\n".join(lines)


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "img", "iframe", "object", "embed", "style", "b"):
            self.found.append(tag)
        for name, value in attrs:
            if name.startswith("on") or (value or "").strip().lower().startswith("javascript:") or value == "x":
                self.found.append(f"{tag} {name}={value}")


def markup_from_content(html: str) -> list[str]:
    """Elements and attributes that only hostile content could have put in a page."""
    parser = _Tags()
    parser.feed(html)
    return parser.found


def check(content: Path, name: str) -> None:
    start = time.monotonic()
    try:
        built = build_site(content, "https://exemple.github.io/plans-publics/")
    except ContentError as error:
        assert error.problems
        for problem in error.problems:
            assert problem.file.startswith("content/") and problem.message, str(problem)
            assert not re.search(r"\b(expected|found|Error|None|Traceback|not allowed)\b", problem.message), str(problem)
        assert any(p.file == f"content/{name}" for p in error.problems) or len(error.problems) > 0
    else:
        for path, page in built.pages.items():
            assert is_inside_site(path)
            html = markdown.markdown(page.markdown, extensions=["attr_list", "tables", "toc", "abbr"])
            assert not markup_from_content(html), (path, markup_from_content(html))
            assert "<" not in page.json_ld  # schema.org data, put in the head by the theme
        for path, text in built.downloads.items():
            assert is_inside_site(path)
            if path.endswith(".xml"):
                assert f"{MARK}<" not in text, path
            if path.endswith(".csv"):
                assert "\n=" not in text and ";=" not in text, path
    assert time.monotonic() - start < 10


@settings(max_examples=2000 if LONG else 120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(mutation=mutated())
def test_any_mutation_gives_an_escaped_site_or_french_errors(tmp_path_factory: pytest.TempPathFactory, mutation: tuple[str, str]) -> None:
    name, text = mutation
    content = tmp_path_factory.mktemp("fuzz") / "content"
    shutil.copytree(MINI, content)
    (content / name).write_text(text, encoding="utf-8")
    check(content, name)


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = tmp_path_factory.mktemp("fuzz-build") / "projet"
    shutil.copytree(MINI, project / "content")
    shutil.copytree(ROOT / "theme_overrides", project / "theme_overrides")
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    assert _build(project).returncode == 0
    return project


def _build(project: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=project, capture_output=True,
                          text=True, env=dict(os.environ, NO_MKDOCS_2_WARNING="1"), timeout=120)


def _listing(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@settings(max_examples=150 if LONG else 6, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(mutation=mutated())
def test_a_real_build_of_any_mutation_keeps_or_replaces_the_whole_site(project: Path, mutation: tuple[str, str]) -> None:
    name, text = mutation
    target = project / "content" / name
    before = _listing(project / "site")
    try:
        target.write_text(text, encoding="utf-8")
        result = _build(project)
    finally:
        target.write_text(TEXTS[name], encoding="utf-8")
    assert "Traceback" not in result.stderr, result.stderr
    if result.returncode != 0:
        assert _listing(project / "site") == before
        assert "content/" in result.stderr
    assert sorted(p.name for p in project.iterdir()) == ["content", "mkdocs.yml", "site", "theme_overrides"]
    if result.returncode == 0:  # put the fixture's site back for the next example
        assert _build(project).returncode == 0
