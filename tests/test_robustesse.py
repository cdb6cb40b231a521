"""Bad content never breaks the site silently.

- a corpus of broken files (tests/corpus_erreurs.yml), one per kind of mistake;
- property-based mutations of valid content: a valid site or a clean error, never a traceback;
- markup typed into any field never reaches a page as markup;
- two builds of the same content are byte-identical.
"""

from __future__ import annotations

import copy
import csv
import filecmp
import gzip
import io
import json
import xml.etree.ElementTree as ET
import re
import shutil
from pathlib import Path

import markdown
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.content.loading import load_site

from generator.content.problems import ContentError

from generator.pages.site import render_pages
from generator.cli import main
from tests.conftest import FIXTURES, ROOT
from tests.test_build import build

CORPUS = yaml.safe_load((Path(__file__).parent / "corpus_erreurs.yml").read_text(encoding="utf-8"))


def apply_case(content: Path, case: dict) -> None:
    target = content / case["fichier"]
    if "contenu" in case:
        target.write_text(case["contenu"], encoding="utf-8")
    elif "latin1" in case:
        target.write_bytes(case["latin1"].encode("latin-1"))
    else:
        before, after = case["remplacer"]
        text = target.read_text(encoding="utf-8")
        assert before in text, case["nom"]
        target.write_text(text.replace(before, after, 1), encoding="utf-8")


@pytest.mark.parametrize("case", CORPUS, ids=[c["nom"] for c in CORPUS])
def test_each_mistake_gets_a_located_french_message(mini: Path, case: dict, capsys: pytest.CaptureFixture[str]) -> None:
    apply_case(mini, case)
    with pytest.raises(ContentError) as info:
        load_site(mini)
    problems = info.value.problems
    matching = [p for p in problems if case["message"] in p.message]
    assert matching, [str(p) for p in problems]
    problem = matching[0]
    assert problem.file == f"content/{case['fichier']}"
    assert problem.line == case.get("ligne"), str(problem)
    if "champ" in case:
        assert problem.field == case["champ"], str(problem)
    # The command prints it, exits non-zero, and shows no traceback.
    assert main(["--contenu", str(mini), "verifier"]) == 1
    err = capsys.readouterr().err
    assert case["message"] in err and "Traceback" not in err


def test_corpus_covers_the_kinds_of_mistakes() -> None:
    assert len(CORPUS) >= 25
    assert len({c["nom"] for c in CORPUS}) == len(CORPUS)


# --- property-based: mutate valid content --------------------------------------------

FILES = sorted(p.relative_to(FIXTURES / "mini").as_posix() for p in (FIXTURES / "mini").rglob("*.yml"))
TREES = {name: yaml.load((FIXTURES / "mini" / name).read_text(encoding="utf-8"), Loader=yaml.BaseLoader) for name in FILES}


def paths(tree: object, prefix: tuple = ()) -> list[tuple]:
    found = [prefix]
    if isinstance(tree, dict):
        for key, value in tree.items():
            found += paths(value, (*prefix, key))
    elif isinstance(tree, list):
        for i, value in enumerate(tree):
            found += paths(value, (*prefix, i))
    return found


scalars = st.one_of(
    st.text(max_size=30),
    st.sampled_from(["", "no", "08", "12:30", "2024-02-30", "1-2-9", "<script>alert(1)</script>", "~", "null",
                     "[x](javascript:alert(1))", "-5", "100 %", "Co-cr\ufffder", "1e9", "&amp;"]),
    st.integers(-10, 10**9),
    st.booleans(),
    st.none(),
)
values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3), max_leaves=6)


@st.composite
def mutations(draw: st.DrawFn) -> tuple[str, object]:
    name = draw(st.sampled_from(FILES))
    tree = copy.deepcopy(TREES[name])
    path = draw(st.sampled_from(paths(tree)))
    action = draw(st.sampled_from(["replace", "delete", "rename", "add"]))
    if not path:
        return name, draw(values)
    parent = tree
    for step in path[:-1]:
        parent = parent[step]
    last = path[-1]
    if action == "replace":
        parent[last] = draw(values)
    elif action == "delete":
        del parent[last]
    elif action == "rename" and isinstance(parent, dict):
        parent[draw(st.text(min_size=1, max_size=12))] = parent.pop(last)
    elif isinstance(parent, dict):
        parent[draw(st.text(min_size=1, max_size=12))] = draw(values)
    else:
        parent.insert(last, draw(values))
    return name, tree


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(mutation=mutations())
def test_mutated_content_gives_a_site_or_a_clean_error(tmp_path_factory: pytest.TempPathFactory, mutation: tuple[str, object]) -> None:
    name, tree = mutation
    content = tmp_path_factory.mktemp("mut") / "content"
    shutil.copytree(FIXTURES / "mini", content)
    (content / name).write_text(yaml.safe_dump(tree, allow_unicode=True), encoding="utf-8")
    try:
        site = load_site(content)
    except ContentError as error:
        assert error.problems
        for problem in error.problems:
            assert problem.file.startswith("content/") and problem.message
        return
    for page in render_pages(site).values():
        html = markdown.markdown(page.markdown, extensions=["abbr", "attr_list", "tables", "toc"])  # as the site
        assert not re.search(r"<script|<img|\son\w+=|href=\"javascript:", html, re.I), page.path


# --- markup in every field ------------------------------------------------------------

HOSTILE = ' </title><script>alert(1)</script> <img src=x onerror="alert(2)"> [lien](javascript:alert(3)) **gras** <a href="x">a</a>'
NOT_FREE_TEXT = {
    "type", "organisation", "programme", "region", "identifiant", "nature", "appellation", "date_du_plan",
    "mise_a_jour", "echeances", "objectifs_programme", "axes_programme", "telephone", "courriel", "site_web",
    "code", "montant", "total_declare", "temps_imparti", "debut", "fin", "numero", "poste",
    "total_comprend_non_monetaire", "par_defaut", "minimum", "maximum", "objectif_et_axe_par_enjeu",
    "adresse", "spdx",  # the licence's canonical address and SPDX identifier (site.yml)
}


def inject(tree: object, key: object = None) -> object:
    if isinstance(tree, dict):
        return {k: inject(v, k) for k, v in tree.items()}
    if isinstance(tree, list):
        return [inject(v, key) for v in tree]
    if isinstance(tree, str) and key not in NOT_FREE_TEXT and not str(key).startswith("$"):
        return tree + HOSTILE
    return tree


def test_markup_in_any_field_never_reaches_a_page(tmp_path: Path) -> None:
    project = tmp_path / "projet"
    shutil.copytree(ROOT / "theme_overrides", project / "theme_overrides")
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    injected = 0
    for path in sorted((ROOT / "content").rglob("*.yml")):
        target = project / "content" / path.relative_to(ROOT / "content")
        target.parent.mkdir(parents=True, exist_ok=True)
        tree = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
        new = inject(tree)
        injected += yaml.safe_dump(new, allow_unicode=True).count("<script>")
        target.write_text(yaml.safe_dump(new, allow_unicode=True), encoding="utf-8")
    assert injected > 100
    result = build(project / "mkdocs.yml", project / "site", cwd=project)
    assert result.returncode == 0, result.stderr
    pages = list((project / "site").rglob("*.html"))
    shown = 0
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert "<script>alert" not in text and not re.search(r"<img src=x|<[a-z][^<>]*\son\w+=", text), page
        assert 'href="javascript:' not in text and '<a href="x">' not in text, page
        assert "<strong>gras</strong>" not in text, page
        shown += text.count("&lt;script&gt;alert(1)&lt;/script&gt;")
        for title in re.findall(r"<title>(.*?)</title>", text, re.S):
            assert "<" not in title, page
    assert shown >= injected  # every injected text is shown, escaped
    # The search index (Pagefind) holds each page's text as JSON data, the injected markup as text;
    # the search page shows it escaped (Pagefind's excerpts) or as textContent (recherche.js).
    fragments = [gzip.decompress(f.read_bytes()) for f in (project / "site" / "pagefind" / "fragment").glob("*.pf_fragment")]
    texts = [json.loads(data[data.index(b"{"):])["content"] for data in fragments]
    assert any("<script>alert(1)</script>" in text for text in texts)
    # The feed is XML: escaped there too. JSON and CSV carry the text as data, parseable, never as formulas.
    feed = (project / "site" / "flux.xml").read_text(encoding="utf-8")
    assert "<script" not in feed and "&lt;script&gt;alert(1)&lt;/script&gt;" in feed
    ET.fromstring(feed.encode("utf-8"))
    for download in (project / "site").rglob("*.json*"):
        json.loads(download.read_text(encoding="utf-8"))
    for download in (project / "site").rglob("*.csv"):
        rows = list(csv.reader(io.StringIO(download.read_text(encoding="utf-8-sig")), delimiter=";"))
        assert not any(cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row), download


_MINI_TEXT = "\n".join(p.read_text(encoding="utf-8") for p in sorted((FIXTURES / "mini").rglob("*.yml")))
FORMATTED = sorted(k for k in NOT_FREE_TEXT - {"type", "nature", "appellation"} if re.search(rf"\b{k}:", _MINI_TEXT))


@pytest.mark.parametrize("key", FORMATTED)
def test_markup_in_a_formatted_field_is_refused_or_escaped(mini: Path, key: str) -> None:
    """Identifiers, dates, amounts, phones, e-mails, addresses…: markup there is refused with a
    French message, or (where the field accepts text) published escaped."""
    from generator.build import build_site

    changed = 0
    for path in sorted(mini.rglob("*.yml")):
        text = path.read_text(encoding="utf-8")
        new = re.sub(rf"(?m)^(\s*(?:- )?{key}:) .*$", lambda m: m[1] + " '<script>alert(1)</script>'", text)
        new = re.sub(rf"([{{,] ?{key}:) [^,}}]+", lambda m: m[1] + " '<script>alert(1)</script>'", new)
        if new != text:
            path.write_text(new, encoding="utf-8")
            changed += 1
    assert changed
    try:
        built = build_site(mini, "https://exemple.github.io/plans-publics/")
    except ContentError as error:
        assert all(p.file.startswith("content/") for p in error.problems)
        return
    for page in built.pages.values():
        assert "<script" not in page.markdown
        assert "<" not in page.json_ld  # schema.org JSON-LD, put in the head by the theme: escaped, nothing can close it
    assert "<script" not in built.downloads["flux.xml"]


def test_two_builds_are_byte_identical(tmp_path: Path) -> None:
    first, second = tmp_path / "a", tmp_path / "b"
    assert build(ROOT / "mkdocs.yml", first).returncode == 0
    assert build(ROOT / "mkdocs.yml", second).returncode == 0
    # Pagefind 1.5 writes its filters in a hash map's order, changing from run to run (its issue 638),
    # and names them by their hash: the same filters, other bytes (see tests/test_recherche.py).
    unstable = re.compile(r"pagefind/(filter/|[^/]*\.pf_meta$|pagefind-entry\.json$)")
    names = sorted(n for p in first.rglob("*") if p.is_file() and not unstable.match(n := p.relative_to(first).as_posix()))
    assert names == sorted(n for p in second.rglob("*") if p.is_file() and not unstable.match(n := p.relative_to(second).as_posix()))
    _, mismatch, errors = filecmp.cmpfiles(first, second, names, shallow=False)
    assert not mismatch and not errors
