"""Every YAML example of the staff's documentation passes the project's own checker, where it goes.

Each ```yaml block of README.md, the staff guide and the format guide is preceded by a comment
that says where the example goes in a copy of content/:

    <!-- exemple : {"fichier": "organisations/cpat.yml"} -->
        the block is the whole file;
    <!-- exemple : {"fichier": "documents/x.yml", "cles": "enjeux/0/volets/0"} -->
        the block's keys replace those of the same name in the group at that place (list
        items counted from 0; without a place, the file's top level), or are added to it;
    <!-- exemple : {"fichier": "documents/x.yml", "element": "enjeux/3"} -->
        the block (a list item, « - … ») replaces the item at that place;
    <!-- exemple : {"fichier": "documents/x.yml", "remplacer": "texte exact du fichier"} -->
        the block replaces that text, found once in the file, at its indentation.

The file is then checked as ``plans-publics verifier FICHIER`` checks it: no error allowed.
"""

from __future__ import annotations

import json
import re
import shutil
import textwrap
from pathlib import Path

import pytest
import yaml

from generator.content.loading import check_files
from tests.conftest import ROOT

DOCS = ("README.md", "documentation/guide-du-personnel.md", "documentation/format-du-contenu.md")
BLOCK = re.compile(r"^( *)```yaml\n(.*?)^\1```", re.S | re.M)
PLACE = re.compile(r"<!-- exemple : (\{.*?\}) -->\n[ \t]*\Z")


def _examples() -> list[tuple[str, int, dict, str]]:
    found = []
    for name in DOCS:
        text = (ROOT / name).read_text(encoding="utf-8")
        for match in BLOCK.finditer(text):
            line = text.count("\n", 0, match.start()) + 1
            place = PLACE.search(text[:match.start()])
            spec = json.loads(place[1]) if place else None
            block = textwrap.dedent("".join(l[len(match[1]):] if l.startswith(match[1]) else l
                                            for l in match[2].splitlines(keepends=True)))
            found.append((name, line, spec, block))
    return found


EXAMPLES = _examples()


def test_every_yaml_example_says_where_it_goes() -> None:
    assert len(EXAMPLES) >= 29
    assert [f"{name}, ligne {line}" for name, line, spec, _ in EXAMPLES if spec is None] == []


def _indent(block: str, column: int) -> str:
    return "".join(" " * column + line if line.strip() else line for line in block.splitlines(keepends=True))


def _node_at(root: yaml.Node, place: str) -> yaml.MappingNode:
    node = root
    for step in filter(None, place.split("/")):
        if isinstance(node, yaml.SequenceNode):
            node = node.value[int(step)]
        else:
            node = next(v for k, v in node.value if k.value == step)
    assert isinstance(node, yaml.MappingNode), place
    return node


def _with_keys(text: str, block: str, place: str) -> str:
    """``text`` with the keys of ``block`` put in the group at ``place``."""
    group = _node_at(yaml.compose(text), place)
    keys = [k.value for k, _ in yaml.compose(block).value]
    lines = text.splitlines(keepends=True)
    column = group.value[0][0].start_mark.column
    starts = [k.start_mark.line for k, _ in group.value] + [group.end_mark.line if place else len(lines)]
    ranges = [(starts[i], starts[i + 1]) for i, (k, _) in enumerate(group.value) if k.value in keys]
    at = ranges[0][0] if ranges else starts[-1]
    for first, end in reversed(ranges):
        while end > first + 1 and not lines[end - 1].strip():
            end -= 1  # keep the blank line after the group
        del lines[first:end]
    lines.insert(at, _indent(block, column))
    return "".join(lines)


def _with_item(text: str, block: str, place: str) -> str:
    """``text`` with the list item at ``place`` replaced by ``block``."""
    item = _node_at(yaml.compose(text), place)
    lines = text.splitlines(keepends=True)
    end = item.end_mark.line
    while end > item.start_mark.line + 1 and not lines[end - 1].strip():
        end -= 1
    lines[item.start_mark.line:end] = [_indent(block, item.start_mark.column - 2)]
    return "".join(lines)


def _put(content: Path, spec: dict, block: str) -> Path:
    target = content / spec["fichier"]
    if "cles" in spec:
        text = _with_keys(target.read_text(encoding="utf-8"), block, spec["cles"])
    elif "element" in spec:
        text = _with_item(target.read_text(encoding="utf-8"), block, spec["element"])
    elif "remplacer" in spec:
        text = target.read_text(encoding="utf-8")
        old = spec["remplacer"]
        assert text.count(old) == 1, old
        start = text.index(old)
        column = start - (text.rfind("\n", 0, start) + 1)
        text = text.replace(old, _indent(block.rstrip("\n"), column)[column:])
    else:
        text = block
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    return target


@pytest.mark.parametrize(("name", "line", "spec", "block"), EXAMPLES, ids=[f"{n}:{l}" for n, l, _, _ in EXAMPLES])
def test_the_example_passes_the_checker_where_it_goes(name: str, line: int, spec: dict | None, block: str,
                                                      tmp_path: Path) -> None:
    if spec is None:
        pytest.skip("sans indication de place (voir le test précédent)")
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    target = _put(content, spec, block)
    errors, _ = check_files(content, [target])
    assert [str(p) for p in errors] == [], target.read_text(encoding="utf-8")
    assert all(line.strip() in target.read_text(encoding="utf-8") for line in block.splitlines())
