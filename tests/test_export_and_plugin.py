"""The export command and the MkDocs plugin hand out the same pages."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

from generator import load_site, render_pages
from generator.cli import main
from tests.conftest import ROOT


def test_core_does_not_import_mkdocs() -> None:
    import ast

    for path in sorted((ROOT / "generator").glob("*.py")):
        if path.name == "mkdocs_plugin.py":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else []
            if isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            assert not any(n == "mkdocs" or n.startswith(("mkdocs.", "material")) for n in names), path.name
            if isinstance(node, ast.ImportFrom) and node.module == "generator":
                assert "mkdocs_plugin" not in [a.name for a in node.names], path.name
            if isinstance(node, ast.ImportFrom) and node.module == "generator.mkdocs_plugin":
                raise AssertionError(path.name)


def generated_files(config: MkDocsConfig, dirty: bool = False) -> dict[str, File]:
    """The files the plugin hands to MkDocs, by the events MkDocs calls up to copying them."""
    plugin = config.plugins["plans-publics"]
    plugin.on_startup(command="serve" if dirty else "build", dirty=dirty)
    plugin.on_config(config)
    plugin.on_pre_build(config)
    config.plugins._current_plugin = "plans-publics"
    files = plugin.on_files(Files([]), config)
    plugin.on_env(None, config, files)  # downloads are filled in just before MkDocs copies them
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


def test_verifier_reports_errors_without_traceback(mini: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    (mini / "organisations" / "me.yml").write_text("nom: X\nsigl: ME\n", encoding="utf-8")
    assert main(["--contenu", str(mini), "verifier"]) == 1
    err = capsys.readouterr().err
    assert "1 erreur dans le contenu" in err and "clé inconnue « sigl »" in err
    assert "Traceback" not in err


def test_render_is_stable_for_real_content() -> None:
    site = load_site(ROOT / "content")
    first = {k: v.markdown for k, v in render_pages(site).items()}
    second = {k: v.markdown for k, v in render_pages(load_site(ROOT / "content")).items()}
    assert first == second


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
