"""The export command and the MkDocs plugin hand out the same pages."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

from generator.cli import main
from tests.conftest import FIXTURES, ROOT

FIXTURES_MINI = FIXTURES / "mini"


def _imports(path: Path) -> list[str]:
    """Every module ``path`` imports, at the top or inside a function."""
    import ast

    names = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names += [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.append(node.module)
            names += [f"{node.module}.{a.name}" for a in node.names]
    return names


def _module(path: Path) -> str:
    return ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")


GENERATOR = sorted((ROOT / "generator").rglob("*.py"))


def test_core_does_not_import_mkdocs() -> None:
    for path in GENERATOR:
        if path.name == "mkdocs_plugin.py":
            continue
        for name in _imports(path):
            assert name.split(".")[0] not in ("mkdocs", "material"), (path, name)
            assert not name.startswith("generator.mkdocs_plugin"), (path, name)


def test_no_import_cycle_in_the_generator() -> None:
    modules = {_module(p): p for p in GENERATOR}
    graph = {m: sorted({n for n in _imports(p) if n in modules and n != m}) for m, p in modules.items()}
    state: dict[str, int] = {}

    def visit(module: str, trail: list[str]) -> None:
        state[module] = 1
        for other in graph[module]:
            if state.get(other) == 1:
                raise AssertionError("cycle : " + " → ".join(trail[trail.index(other):] + [module, other]))
            if other not in state:
                visit(other, trail + [module])
        state[module] = 2

    for module in graph:
        if module not in state:
            visit(module, [])


def test_one_process_and_public_mkdocs_api_only() -> None:
    """No fork, pipe, thread or pool in the generator; the adapter touches no private attribute of MkDocs."""
    import ast

    for path in GENERATOR:
        for name in _imports(path):
            assert name.split(".")[0] not in ("multiprocessing", "threading", "concurrent", "subprocess"), (path, name)
        text = path.read_text(encoding="utf-8")
        assert "os.fork" not in text and "os.pipe" not in text, path
    plugin = ast.parse((ROOT / "generator" / "mkdocs_plugin.py").read_text(encoding="utf-8"))
    for node in ast.walk(plugin):
        if isinstance(node, ast.Attribute) and node.attr.startswith("_") and not node.attr.startswith("__"):
            assert isinstance(node.value, ast.Name) and node.value.id == "self", ast.unparse(node)
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("mkdocs"):
            assert not any(a.name.startswith("_") for a in node.names), ast.unparse(node)


def test_no_module_to_scroll_for_long() -> None:
    long = {p.relative_to(ROOT).as_posix(): n for p in GENERATOR if (n := len(p.read_text(encoding="utf-8").splitlines())) > 500}
    assert not long


def generated_files(config: MkDocsConfig, dirty: bool = False) -> dict[str, File]:
    """The files the plugin hands to MkDocs, by the events MkDocs calls up to copying them."""
    plugins = config.plugins  # MkDocs' own dispatch of the events, as in a build
    plugins.on_startup(command="serve" if dirty else "build", dirty=dirty)
    config = plugins.on_config(config)
    try:
        plugins.on_pre_build(config=config)
        files = plugins.on_files(Files([]), config=config)
    finally:
        plugins.on_build_error(error=RuntimeError("arrêt du test"))  # nothing is published
    return {f.src_uri: f for f in files}


def test_export_writes_the_pages_the_plugin_serves(tmp_path: Path) -> None:
    out = tmp_path / "export"
    assert main(["--contenu", str(ROOT / "content"), "exporter", str(out), "--adresse", "https://exemple.github.io/plans-publics/"]) == 0

    config = load_config(str(ROOT / "mkdocs.yml"), site_dir=str(tmp_path / "site"), site_url="https://exemple.github.io/plans-publics/")
    served = {path: f.content_bytes for path, f in generated_files(config).items()}

    exported = {
        p.relative_to(out).as_posix(): p.read_bytes()
        for p in out.rglob("*")
        if p.is_file() and p.name != "navigation.yml"
    }
    assert served == exported
    assert len([p for p in served if p.endswith(".md")]) == 11
    assert "donnees/catalogue.jsonld" in served and "flux.xml" in served
    assert (out / "navigation.yml").is_file()
    # The content folder is watched by `mkdocs serve`.
    assert str((ROOT / "content").resolve()) in config.watch


def test_verifier_command(capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["--contenu", str(ROOT / "content"), "verifier"]) == 0
    assert "Contenu valide" in capsys.readouterr().out


def test_verifier_checks_the_given_files_against_the_folder(mini: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    import shutil

    piar = mini / "documents" / "mrc-de-test-piar.yml"
    assert main(["--contenu", str(mini), "verifier", str(piar)]) == 0
    assert f"Fichier valide\u00a0: {piar.as_posix()}." in capsys.readouterr().out
    # Only the given file is checked: another broken document is not named, nor copied anywhere.
    (mini / "documents" / "casse.yml").write_text("type: piar\n", encoding="utf-8")
    assert main(["--contenu", str(mini), "verifier", str(piar)]) == 0
    capsys.readouterr()
    # Its references are resolved against the folder's catalogues, with the line.
    piar.write_text(piar.read_text(encoding="utf-8").replace("organisation: mrc-de-test", "organisation: mrc-de-tst"),
                    encoding="utf-8")
    assert main(["--contenu", str(mini), "verifier", str(piar), str(mini / "documents" / "casse.yml")]) == 1
    err = capsys.readouterr().err
    assert "content/documents/mrc-de-test-piar.yml, ligne" in err and "Vouliez-vous dire « mrc-de-test »?" in err
    assert "content/documents/casse.yml" in err and "Traceback" not in err
    # A draft outside the folder is checked as one of its documents; a missing file is named.
    shutil.copy(FIXTURES_MINI / "documents" / "mrc-de-test-piar.yml", mini.parent / "brouillon.yml")
    assert main(["--contenu", str(mini), "verifier", str(mini.parent / "brouillon.yml")]) == 0
    capsys.readouterr()
    assert main(["--contenu", str(mini), "verifier", str(mini / "documents" / "absent.yml")]) == 1
    assert "content/documents/absent.yml\u00a0: fichier introuvable." in capsys.readouterr().err


def test_verifier_reports_errors_without_traceback(mini: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    (mini / "organisations" / "me.yml").write_text("nom: X\nsigl: ME\n", encoding="utf-8")
    assert main(["--contenu", str(mini), "verifier"]) == 1
    err = capsys.readouterr().err
    assert "1 erreur dans le contenu" in err and "clé inconnue « sigl »" in err
    assert "Traceback" not in err


def test_separate_processes_give_the_same_bytes(tmp_path: Path) -> None:
    """Same content, same bytes: two exports in two processes, with different hash seeds (set order)."""
    import os
    import subprocess
    import sys

    outputs = []
    for seed in ("1", "2"):
        out = tmp_path / f"export-{seed}"
        env = dict(os.environ, PYTHONHASHSEED=seed)
        subprocess.run([sys.executable, "-m", "generator", "--contenu", str(ROOT / "content"), "exporter", str(out)],
                       check=True, env=env, cwd=ROOT, capture_output=True)
        outputs.append({p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()})
    assert outputs[0] == outputs[1]
    assert len(outputs[0]) > 20


def test_the_command_speaks_french(capsys) -> None:  # type: ignore[no-untyped-def]
    import pytest

    with pytest.raises(SystemExit) as info:
        main(["--help"])
    assert info.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith("utilisation\u00a0: plans-publics") and "affiche cette aide et quitte" in out
    assert "usage" not in out and "show this help" not in out
    with pytest.raises(SystemExit) as info:
        main(["exporter"])
    assert info.value.code == 2
    assert "erreur\u00a0: ces arguments sont obligatoires\u00a0: dossier" in capsys.readouterr().err
    errors = {
        ("verfier",): "erreur\u00a0: commande inconnue « verfier ». Vouliez-vous dire « verifier »? Commandes possibles",
        (): "erreur\u00a0: ces arguments sont obligatoires\u00a0: COMMANDE",
        ("verifier", "--tout"): "erreur\u00a0: arguments inconnus\u00a0: --tout",
        ("importer", "x.docx", "--programme"): "erreur\u00a0: argument --programme\u00a0: une valeur est attendue",
    }
    for argv, expected in errors.items():
        with pytest.raises(SystemExit) as info:
            main(list(argv))
        assert info.value.code == 2
        err = capsys.readouterr().err
        assert err.startswith("utilisation\u00a0: plans-publics") and expected in err, err
        assert "usage" not in err and "error" not in err and "invalid" not in err
    for argv in (["importer", "--help"], ["verifier", "-h"]):
        with pytest.raises(SystemExit):
            main(argv)
        out = capsys.readouterr().out
        assert "arguments:" in out and "options:" in out and "positional" not in out and "show this help" not in out


def test_the_command_line_uses_no_private_argparse() -> None:
    """French by subclassing: no patched argparse._ and no private attribute of argparse (``_…``)."""
    import ast

    for path in (ROOT / "generator" / "cli.py", ROOT / "generator" / "authoring" / "commands.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "argparse":
                assert not node.attr.startswith("_"), (path.name, ast.unparse(node))
            if isinstance(node, ast.Attribute) and node.attr in ("_positionals", "_optionals", "_actions", "_action_groups"):
                raise AssertionError((path.name, ast.unparse(node)))


def test_preview_rebuilds_only_changed_pages(tmp_path: Path, mini: Path) -> None:
    """`mkdocs serve --dirty` (scripts/apercu.py) skips generated files whose content did not change."""
    config = load_config(str(ROOT / "mkdocs.yml"), site_dir=str(tmp_path / "site"), docs_dir=str(mini))

    first = generated_files(config, dirty=True)
    assert all(f.is_modified() for f in first.values())
    for f in first.values():  # as if the first build had written every file
        Path(f.abs_dest_path).parent.mkdir(parents=True, exist_ok=True)
        Path(f.abs_dest_path).write_text("x", encoding="utf-8")
    piar = mini / "documents" / "mrc-de-test-piar.yml"
    piar.write_text(piar.read_text(encoding="utf-8").replace("Deuxième enjeu", "Deuxième enjeu modifié"), encoding="utf-8")
    second = generated_files(config, dirty=True)
    changed = sorted(path for path, f in second.items() if f.is_modified())
    assert "documents/mrc-de-test-piar/index.md" in changed
    assert "documents/nordique-entente/index.md" not in changed and "glossaire.md" not in changed
    assert len(changed) < len(second) / 2


def test_edit_links_point_at_the_yaml_file(tmp_path: Path) -> None:
    config = load_config(
        str(ROOT / "mkdocs.yml"), site_dir=str(tmp_path / "site"),
        repo_url="https://github.com/exemple/plans", edit_uri="edit/main/content/",
    )
    files = generated_files(config)
    piar = files["documents/mrc-du-fjord-du-saguenay-piar/index.md"]
    assert piar.edit_uri == "documents/mrc-du-fjord-du-saguenay-piar.yml"
    assert files["index.md"].edit_uri == "site.yml"
    assert files["organisations/mrc-du-fjord-du-saguenay/index.md"].edit_uri == "organisations/mrc-du-fjord-du-saguenay.yml"


def test_preview_shows_content_errors_instead_of_stopping(tmp_path: Path, mini: Path) -> None:
    """`mkdocs serve` keeps the last good pages and a banner of the errors; `mkdocs build` stops."""
    import pytest
    from mkdocs.exceptions import PluginError

    piar = mini / "documents" / "mrc-de-test-piar.yml"
    good = piar.read_text(encoding="utf-8")
    piar.write_text(good + "<i>cle</i>: 1\n", encoding="utf-8")
    config = load_config(str(ROOT / "mkdocs.yml"), site_dir=str(tmp_path / "site"), docs_dir=str(mini))
    plugins, plugin = config.plugins, config.plugins["plans-publics"]
    plugins.on_startup(command="serve", dirty=True)  # once, as `mkdocs serve` does; then a build per change

    def rebuild() -> dict[str, File]:
        on_config = plugins.on_config(config)
        plugins.on_pre_build(config=on_config)
        files = {f.src_uri: f for f in plugins.on_files(Files([]), config=on_config)}
        plugins.on_post_build(config=on_config)
        return files

    assert list(rebuild()) == ["index.md"]  # broken from the start: a home page that says so
    banner = (plugin.banner() or b"").decode("utf-8")
    assert "1 erreur dans le contenu" in banner and "&lt;i&gt;cle&lt;/i&gt;" in banner and "<i>" not in banner
    assert "content/documents/mrc-de-test-piar.yml</code>, ligne" in banner

    piar.write_text(good, encoding="utf-8")
    pages = rebuild()
    assert "documents/mrc-de-test-piar/index.md" in pages and plugin.banner() is None
    for f in pages.values():  # as if the build had written every file
        Path(f.abs_dest_path).parent.mkdir(parents=True, exist_ok=True)
        Path(f.abs_dest_path).write_text("x", encoding="utf-8")
    piar.write_text(good + "<i>cle</i>: 1\n", encoding="utf-8")
    broken = rebuild()
    assert broken.keys() == pages.keys() and not any(f.is_modified() for f in broken.values())  # last good, kept
    assert plugin.banner() is not None

    build = load_config(str(ROOT / "mkdocs.yml"), site_dir=str(tmp_path / "site2"), docs_dir=str(mini))
    with pytest.raises(PluginError, match="1 erreur dans le contenu"):
        generated_files(build)


def test_preview_does_not_hang_on_a_fault_of_the_generator(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import pytest

    import generator.mkdocs_plugin as adapter

    def fault(*args: object) -> None:
        raise RuntimeError("panne <simulée>")

    monkeypatch.setattr(adapter, "build_site", fault)
    config = load_config(str(ROOT / "mkdocs.yml"), site_dir=str(tmp_path / "site"))
    assert list(generated_files(config, dirty=True)) == ["index.md"]
    banner = (config.plugins["plans-publics"].banner() or b"").decode("utf-8")
    assert "erreur inattendue du générateur (RuntimeError\u00a0: panne &lt;simulée&gt;)" in banner
    with pytest.raises(RuntimeError):  # `mkdocs build` stops on it, as before
        generated_files(load_config(str(ROOT / "mkdocs.yml"), site_dir=str(tmp_path / "site2")))
