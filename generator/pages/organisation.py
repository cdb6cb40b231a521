"""An organisation's page: its facts and its documents."""

from __future__ import annotations

from generator.content.loading import Site
from generator.pages import markdown as md
from generator.pages.addresses import organisation_path, region_path
from generator.pages.link_card import link_cards
from generator.pages.page import Page
from generator.pages.parts import COLON, document_summary, finish


def organisation_page(site: Site, org_id: str, site_url: str = "") -> Page:
    path = organisation_path(org_id)
    org = site.organisations[org_id]
    lines = [md.heading(1, md.text(org.nom)), ""]
    facts = []
    if org.sigle:
        facts.append(f"Sigle{COLON} {md.text(org.sigle)}")
    if org.region and org.region in site.regions:
        region = site.regions[org.region]
        facts.append(f"Région{COLON} " + md.link(md.text(region.nom), md.relative(path, region_path(region.identifiant))))
    if org.site_web:
        facts.append(f"Site Web{COLON} " + md.link(md.text(org.site_web), org.site_web))
    lines += md.bullets(facts) + ([""] if facts else [])
    lines += [md.heading(2, "Documents publiés", "documents"), ""]
    documents = sorted(
        (d for d in site.documents.values() if d.organisation == org_id), key=lambda d: (d.titre, d.identifiant)
    )
    for document in documents:
        lines += document_summary(site, document, path, with_org=False)
    lines += [""] + link_cards(site, documents, path, site_url)
    return Page(path, org.nom, finish(lines))
