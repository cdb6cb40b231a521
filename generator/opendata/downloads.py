"""Every download of the site, by its path: per document CSV and JSON, the whole site's
files, the DCAT catalogue and the Atom feed.

``render_downloads(site, site_url)`` returns ``{path: text}``; everything is sorted and
dated from the content, so the same content always gives the same bytes.
"""

from __future__ import annotations


from generator.content.loading import Site
from generator.content.models import Piar
from generator.pages.addresses import FEED_PATH, download_path
from generator.opendata.atom import feed
from generator.opendata.csv_tables import ACTION_COLUMNS, CONTRIBUTION_COLUMNS, action_rows, contribution_rows, csv_rows, csv_text
from generator.opendata.dcat import catalogue
from generator.opendata.json_data import compact_json, document_data, site_data


SITE_FILES = (
    ("donnees/plans-publics.json", "Tous les documents, organisations, régions et programmes (JSON)"),
    ("donnees/actions.csv", "Toutes les actions des PIAR, une ligne par action (CSV)"),
    ("donnees/contributions.csv", "Toutes les contributions des ententes, une ligne par contribution (CSV)"),
    ("donnees/catalogue.jsonld", "Catalogue des jeux de données, vocabulaire DCAT (JSON-LD)"),
    (FEED_PATH, "Flux Atom des nouveaux documents et des nouvelles versions"),
)


def render_downloads(site: Site, site_url: str) -> dict[str, str]:
    """Every download of the site, keyed by its path."""
    base = site_url if site_url.endswith("/") else site_url + "/"
    files: dict[str, str] = {}
    # Each document is serialised once; the whole site's files are assembled from those texts.
    documents_json: dict[str, str] = {}
    action_lines: dict[str, str] = {}
    contribution_lines: dict[str, str] = {}
    for identifier, document in site.documents.items():
        documents_json[identifier] = compact_json(document_data(site, document))
        files[download_path(identifier, "json")] = documents_json[identifier] + "\n"
        if isinstance(document, Piar):
            action_lines[identifier] = csv_rows(ACTION_COLUMNS, action_rows(site, document))
            files[download_path(identifier, "csv")] = csv_text(ACTION_COLUMNS, action_lines[identifier])
        else:
            contribution_lines[identifier] = csv_rows(CONTRIBUTION_COLUMNS, contribution_rows(site, document))
            files[download_path(identifier, "csv")] = csv_text(CONTRIBUTION_COLUMNS, contribution_lines[identifier])
    files["donnees/actions.csv"] = csv_text(ACTION_COLUMNS, "".join(action_lines[i] for i in sorted(action_lines)))
    files["donnees/contributions.csv"] = csv_text(
        CONTRIBUTION_COLUMNS, "".join(contribution_lines[i] for i in sorted(contribution_lines))
    )
    # The documents come last in the site's JSON object: its text ends with their list.
    site_json = compact_json(site_data(site))
    files["donnees/plans-publics.json"] = (
        site_json[:-1] + ',"documents":[' + ",".join(documents_json[i] for i in sorted(documents_json)) + "]}\n"
    )
    files["donnees/catalogue.jsonld"] = compact_json(catalogue(site, base)) + "\n"
    files[FEED_PATH] = feed(site, base)
    return dict(sorted(files.items()))
