"""The Atom feed: new documents and new versions, newest first."""

from __future__ import annotations

import datetime as dt
import html
from urllib.parse import urlsplit

from generator import typography as typo
from generator.content.loading import Site
from generator.content.models import feed_date, version_date
from generator.pages.versions import changes
from generator.pages.addresses import FEED_PATH, document_path, download_path, public_url, version_path



FEED_LIMIT = 50  # entries beyond each document's newest one
FEED_CHANGES = 10  # changes listed in an entry's summary; the page's history has them all


def escape(text: str) -> str:
    """XML character data (xml.sax.saxutils would import urllib.request, ssl and http: 20 ms per build)."""
    return html.escape(text, quote=False)


def quoteattr(text: str) -> str:
    """A quoted XML attribute value."""
    return '"' + html.escape(text, quote=True) + '"'


def entry_id(base: str, identifier: str, date: dt.date) -> str:
    """An entry's id, the same for a given version of a document whatever happens later (a newer
    version, the archiving of this one): a tag URI (RFC 4151) from the site's address, the
    version's date and the document's identifier."""
    parts = urlsplit(base)
    return f"tag:{parts.hostname or 'localhost'},{date.isoformat()}:{parts.path}documents/{identifier}"


DATA_LINKS = (("csv", "text/csv", "CSV"), ("json", "application/json", "JSON"))


def feed(site: Site, base: str) -> str:
    """New documents and new versions, newest first; undated versions are left out. Every
    document is there (its newest version at least), and each entry links to its data files."""
    entries = []
    for document in site.documents.values():
        org = site.organisations[document.organisation].nom
        chain = [*site.versions.get(document.identifiant, ()), (feed_date(document), document)]
        for index, (date, version) in enumerate(chain):
            if date is None:
                continue
            current = index == len(chain) - 1
            page = public_url(base, document_path(document.identifiant) if current else version_path(document.identifiant, date))
            title = ("Nouveau document" if index == 0 else "Nouvelle version") + f" : {version.titre} ({org})"
            kind = getattr(site.info.types_de_documents, document.type).nom
            summary = version.resume_des_changements or f"{kind}, version du {typo.date(date)}."
            if current and version_date(document) is None:  # dated by feed_date: say so rather than invent a version
                summary = (f"{kind} {document.periode.debut}-{document.periode.fin}. Date de mise à jour non indiquée "
                           "dans le document : cette entrée est datée du début de sa période.")
            if index:  # what changed since the previous version, follow-up included
                found = changes(site, chain[index - 1][1], version)
                summary += " " + (" ".join(found[:FEED_CHANGES]) + (" …" if len(found) > FEED_CHANGES else "") if found else "Aucun changement du contenu publié.")
            entries.append((date, document.identifiant, title, page, summary, org))
    entries.sort(key=lambda e: (-e[0].toordinal(), e[1]))
    newest = {}
    for entry in entries:
        newest.setdefault(entry[1], entry)
    kept = set(map(id, entries[:FEED_LIMIT])) | set(map(id, newest.values()))
    entries = [e for e in entries if id(e) in kept]
    updated = entries[0][0] if entries else dt.date(1970, 1, 1)
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="fr">',
        f"  <title>{escape(site.info.titre)}</title>",
        f"  <subtitle>{escape(site.info.description)}</subtitle>",
        f"  <id>{escape(base)}</id>",
        f'  <link rel="self" type="application/atom+xml" href={quoteattr(base + FEED_PATH)}/>',
        f"  <link rel=\"alternate\" type=\"text/html\" href={quoteattr(base)}/>",
        f"  <updated>{updated.isoformat()}T00:00:00Z</updated>",
        f"  <author><name>{escape(site.info.titre)}</name></author>",
        f"  <rights>{escape(site.info.licence.nom)}</rights>",
    ]
    for date, identifier, title, page, summary, org in entries:
        lines += [
            "  <entry>",
            f"    <title>{escape(title)}</title>",
            f"    <id>{escape(entry_id(base, identifier, date))}</id>",
            f'    <link rel="alternate" type="text/html" href={quoteattr(page)}/>',
            *(f'    <link rel="related" type="{media}" title="Données ({label})" '
              f"href={quoteattr(public_url(base, download_path(identifier, ext)))}/>"
              for ext, media, label in DATA_LINKS),
            f"    <updated>{date.isoformat()}T00:00:00Z</updated>",
            f"    <author><name>{escape(org)}</name></author>",
            f"    <summary>{escape(summary)}</summary>",
            "  </entry>",
        ]
    lines.append("</feed>")
    return "\n".join(lines) + "\n"
