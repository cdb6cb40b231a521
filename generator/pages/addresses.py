"""Where each page and download lives in the site (paths relative to the site's root)."""

from __future__ import annotations

import datetime as dt
import posixpath
import re

from generator.content.models import Document, feed_date

GLOSSARY_PATH = "glossaire.md"


def home_path() -> str:
    return "index.md"


def region_path(identifier: str) -> str:
    return f"regions/{identifier}/index.md"


def organisation_path(identifier: str) -> str:
    return f"organisations/{identifier}/index.md"


def document_path(identifier: str) -> str:
    return f"documents/{identifier}/index.md"


def indicators_path(identifier: str) -> str:
    return f"documents/{identifier}/{identifier}-indicateurs.csv"


def document_package_path(identifier: str) -> str:
    return f"documents/{identifier}/datapackage.json"


def schedule_path(identifier: str) -> str:
    return f"documents/{identifier}/echeancier.md"


def version_path(identifier: str, date: dt.date) -> str:
    return f"documents/{identifier}/versions/{date.isoformat()}.md"


def download_path(identifier: str, extension: str) -> str:
    return f"documents/{identifier}/{identifier}.{extension}"


DATA_PATH = "donnees/index.md"


def programme_path(identifier: str) -> str:
    return f"programmes/{identifier}.md"


def programme_region_path(identifier: str, region_id: str) -> str:
    return f"programmes/{identifier}/{region_id}.md"


FEED_PATH = "flux.xml"  # the Atom feed, which every page's head links to


def public_url(base: str, page: str) -> str:
    """Public address of a generated file (directory URLs for pages)."""
    if page.endswith("index.md"):
        page = page[: -len("index.md")]
    elif page.endswith(".md"):
        page = page[: -len(".md")] + "/"
    return base + page


_SAFE_PATH = re.compile(r"[a-z0-9][a-z0-9._-]*(?:/[a-z0-9][a-z0-9._-]*)*")


def is_inside_site(path: str) -> bool:
    """True for a relative path that stays in the output folder once joined to it (no "..",
    no absolute path, no drive, nothing but lower-case letters, digits, ".", "-", "_" and "/")."""
    return bool(_SAFE_PATH.fullmatch(path)) and posixpath.normpath(path) == path and ".." not in path.split("/")


def attachment_path(document: Document, extension: str) -> str:
    """The filed document of a version, at an address that never changes, archived or not."""
    return f"documents/{document.identifiant}/depots/{feed_date(document).isoformat()}.{extension}"