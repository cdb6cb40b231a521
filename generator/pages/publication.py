"""The official publication of a document version: who adopted it, when it was filed and published,
the obligation it meets, the filed document with its fingerprint, and how to cite it."""

from __future__ import annotations

import html
from decimal import Decimal
from pathlib import Path

from generator import typography as typo
from generator.content.loading import Site
from generator.content.models import Document, Piar, version_date
from generator.content.models.publication import Obligation
from generator.pages import markdown as md
from generator.pages.addresses import attachment_path, version_path
from generator.pages.parts import COLON
from generator.pages.versions import history_section

FORMATS = {"pdf": "PDF", "docx": "Word", "doc": "Word 97-2003", "odt": "OpenDocument"}


def obligation_of(site: Site, document: Document) -> Obligation | None:
    """The rule that requires publishing ``document``: the programme's for a PIAR, else its type's."""
    if isinstance(document, Piar):
        template = site.programmes[document.programme].piar
        if template is not None and template.obligation is not None:
            return template.obligation
    return getattr(site.info.types_de_documents, document.type).obligation


def publication_lines(site: Site, document: Document, path: str) -> list[str]:
    """« Publication officielle »: nothing when the content says nothing of it."""
    record = document.publication
    obligation = obligation_of(site, document)
    attachment = site.attachments.get(document.source)
    if record is None and obligation is None:
        return []
    facts: list[str] = []
    if record is not None:
        if record.instance or record.date_adoption:
            sentence = "Adopté" + (f" par {md.text(record.instance)}" if record.instance else "")
            sentence += f" le {typo.date(record.date_adoption)}" if record.date_adoption else ""
            sentence += f" (résolution n°{typo.NBSP}{md.text(record.resolution)})" if record.resolution else ""
            facts.append(sentence + ".")
        if record.date_depot:
            facts.append(f"Déposé au ministère le {typo.date(record.date_depot)}.")
        if record.signataires:
            facts.append(f"Signé par{COLON} {md.text(typo.join(record.signataires))}.")
    published = f"Publié le {typo.date(record.date_publication)}" if record and record.date_publication else "Publié"
    if obligation is not None:
        source = md.text(obligation.source) if obligation.source else ""
        if source and obligation.adresse:
            source = md.link(source, obligation.adresse)
        rule = md.text(obligation.texte)
        rule += "" if rule.endswith((".", "!", "?")) else "."
        facts.append(f"{published} conformément à ce qui suit{COLON} {rule}" + (f" Source{COLON} {source}." if source else ""))
    elif record and record.date_publication:
        facts.append(f"{published}.")
    lines = [md.heading(2, "Publication officielle", "publication"), ""] + md.bullets(facts) + [""]
    if attachment is not None:
        target = attachment_path(document, attachment.extension)
        kind = FORMATS.get(attachment.extension, attachment.extension.upper())
        megabytes = attachment.size >= 1_000_000
        size = typo.number(Decimal(attachment.size) / (1_000_000 if megabytes else 1000), 1)
        unit = "Mo" if megabytes else "ko"
        lines += [
            f"**Document déposé{COLON}** {md.link(md.text(attachment.name), md.relative(path, target))} ({kind}, {size}{typo.NBSP}{unit}).",
            "",
            f"Empreinte SHA-256 du fichier{COLON} `{attachment.sha256}`",
            "",
            "Pour vérifier que le fichier téléchargé est bien le document déposé, calculez son empreinte "
            f"(Windows{COLON} `Get-FileHash` dans PowerShell; macOS et Linux{COLON} `sha256sum` ou `shasum -a 256`) "
            "et comparez-la à celle-ci.",
            "",
        ]
    return lines


def citation_lines(site: Site, document: Document, path: str, site_url: str) -> list[str]:
    """« Comment citer »: one line per version, with its permanent address."""
    date = version_date(document)
    if date is None:
        return []
    organisation = site.organisations[document.organisation].nom
    permanent = version_path(document.identifiant, date)
    if site_url:
        address = site_url.rstrip("/") + "/" + permanent.removesuffix(".md") + "/"
        shown = md.link(md.text(address), address)
    else:
        shown = md.link("adresse permanente de cette version", md.relative(path, permanent))
    return [
        md.heading(2, "Comment citer", "citer"),
        "",
        f"{md.text(organisation)}. ({date.year}). *{md.text(document.titre)}* (version du {typo.date(date)}). "
        f"{shown}. Consulté le \\[date de consultation\\].",
        "",
        "Cette adresse mène toujours à cette version, même après la publication d'une version plus récente.",
        "",
    ]


def permanent_addresses(site: Site) -> dict[str, str]:
    """The permanent address of each current version (``documents/<id>/versions/<date>/``) leads to the
    document's page until a newer version is published; then the archived version's page takes it
    over. A small redirecting file, not a page: no second copy of every document for the site engine."""
    stubs = {}
    for document in site.documents.values():
        date = version_date(document)
        if date is None or date in {d for d, _ in site.versions.get(document.identifiant, ())}:
            continue
        title = html.escape(f"{document.titre} (version du {typo.date(date)})", quote=False)
        stubs[f"documents/{document.identifiant}/versions/{date.isoformat()}/index.html"] = (
            '<!doctype html>\n<html lang="fr-CA">\n<meta charset="utf-8">\n'
            f"<title>{title}</title>\n"
            '<meta http-equiv="refresh" content="0; url=../../">\n'
            '<meta name="robots" content="noindex">\n'
            f'<p>Cette version est la version actuelle du document : <a href="../../">{title}</a>.</p>\n'
        )
    return stubs


def closing_lines(site: Site, document: Document, path: str, archived: bool, site_url: str) -> list[str]:
    """The end of every document page: how to cite it, then (the current version only) its history."""
    lines = citation_lines(site, document, path, site_url)
    if not archived:
        lines += history_section(site, document, path)
    return lines


def attachment_files(site: Site) -> dict[str, Path]:
    """Every filed document, by the path it is published at."""
    chains = [[*(v for _, v in site.versions.get(i, ())), d] for i, d in site.documents.items()]
    return {
        attachment_path(document, attachment.extension): attachment.path
        for chain in chains for document in chain if (attachment := site.attachments.get(document.source))
    }

