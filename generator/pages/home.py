"""The home page and the region pages."""

from __future__ import annotations

import datetime as dt

from generator.content.loading import Site
from generator.content.models import (
    Document,
)
from generator.pages import markdown as md
from generator.pages.addresses import (
    home_path,
    organisation_path,
    programme_path,
    region_path,
)
from generator.pages.page import Page
from generator.pages.parts import (
    COLON,
    HOME_FULL_LIST,
    LATEST_UPDATES,
    count_text,
    document_summary,
    documents_by_region,
    finish,
    programme_name,
    region_name,
)


def home_page(site: Site) -> Page:
    path = home_path()
    lines = [md.heading(1, md.text(site.info.titre)), "", md.text(site.info.description), ""]
    lines += [md.heading(2, "Documents publiés", "documents"), ""]
    if site.single_organisation:  # one organisation's site opens on its own documents
        own = site.single_organisation
        if site.organisations[own].site_web:
            back = md.link(f"Retour au site de {md.text(site.organisations[own].nom)}", site.organisations[own].site_web)
            lines[2:2] = [back, ""]
        for document in sorted(site.documents.values(), key=lambda d: (d.organisation != own, d.titre, d.identifiant)):
            lines += document_summary(site, document, path, with_org=document.organisation != own)
        lines.append("")
        lines += _programmes(site, path)
        return Page(path, "Accueil", finish(lines), head_title=site.info.titre)
    grouped = documents_by_region(site)
    if len(site.documents) <= HOME_FULL_LIST:
        for region_id, organisations in grouped.items():
            region_link = md.link(md.text(region_name(site, region_id)), md.relative(path, region_path(region_id)))
            lines += [md.heading(3, region_link), ""]
            for org_id, documents in organisations.items():
                org_link = md.link(md.text(site.organisations[org_id].nom), md.relative(path, organisation_path(org_id)))
                lines += [md.heading(4, org_link), ""]
                for document in documents:
                    lines += document_summary(site, document, path, with_org=False)
                lines.append("")
    else:
        total = count_text(len(site.documents), "document publié", "documents publiés")
        lines += [f"{total} par {count_text(len({d.organisation for d in site.documents.values()}), 'organisation', 'organisations')}, par région{COLON}", ""]
        for region_id, organisations in grouped.items():
            count = sum(len(d) for d in organisations.values())
            region_link = md.link(md.text(region_name(site, region_id)), md.relative(path, region_path(region_id)))
            lines.append(
                f"- {region_link}{COLON} {count_text(count, 'document', 'documents')}, "
                f"{count_text(len(organisations), 'organisation', 'organisations')}"
            )
        lines += ["", md.heading(2, "Dernières mises à jour", "mises-a-jour"), ""]
        recent = sorted(
            site.documents.values(),
            key=lambda d: (-(d.mise_a_jour or dt.date.min).toordinal(), d.titre, d.identifiant),
        )[:LATEST_UPDATES]
        for document in recent:
            lines += document_summary(site, document, path, with_org=True)
        lines.append("")
    lines += _programmes(site, path)
    return Page(path, "Accueil", finish(lines), head_title=site.info.titre)


def _programmes(site: Site, path: str) -> list[str]:
    if not site.programmes:
        return []
    lines = [md.heading(2, "Programmes", "programmes"), ""]
    for programme in site.programmes.values():
        lines.append("- " + md.link(md.text(programme_name(programme)), md.relative(path, programme_path(programme.identifiant))))
    return lines + [""]


def region_page(site: Site, region_id: str, organisations: dict[str, list[Document]]) -> Page:
    path = region_path(region_id)
    name = region_name(site, region_id)
    lines = [md.heading(1, md.text(name)), ""]
    count = sum(len(d) for d in organisations.values())
    lines += [f"{count_text(count, 'document publié', 'documents publiés')} pour cette région.", ""]
    for org_id, documents in organisations.items():
        org = site.organisations[org_id]
        lines += [md.heading(2, md.link(md.text(org.nom), md.relative(path, organisation_path(org_id)))), ""]
        for document in documents:
            lines += document_summary(site, document, path, with_org=False)
        lines.append("")
    return Page(path, name, finish(lines))
