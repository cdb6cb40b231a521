"""The menu: regions → organisations → documents (a single organisation's site: its documents),
then programmes, data and glossary."""

from __future__ import annotations

from generator.content.loading import Site
from generator.pages.addresses import (
    DATA_PATH,
    GLOSSARY_PATH,
    document_path,
    home_path,
    organisation_path,
    programme_path,
    programme_region_path,
    region_path,
)
from generator.pages.page import NavItem
from generator.pages.parts import (
    documents_by_region,
    plans_by_region,
    programme_by_region,
    region_name,
    short_title,
)


def build_nav(site: Site) -> list[NavItem]:
    """MkDocs-style navigation: regions → organisations → documents, then programmes."""
    nav: list[NavItem] = [{"Accueil": home_path()}]
    if site.single_organisation:  # one organisation's site: its documents, no region level
        own = site.single_organisation
        ordered = sorted(site.documents.values(), key=lambda d: (d.organisation != own, d.titre, d.identifiant))
        nav += [{short_title(site, d): document_path(d.identifiant)} for d in ordered]
    for region_id, organisations in ({} if site.single_organisation else documents_by_region(site)).items():
        children: list[NavItem] = [{region_name(site, region_id): region_path(region_id)}]
        for org_id, documents in organisations.items():
            org_children: list[NavItem] = [{site.organisations[org_id].nom: organisation_path(org_id)}]
            org_children += [{short_title(site, d): document_path(d.identifiant)} for d in documents]
            children.append({site.organisations[org_id].nom: org_children})
        nav.append({region_name(site, region_id): children})
    # Each programme at the top level: a page, or a section whose first page is the programme's.
    for p in site.programmes.values():
        if programme_by_region(site, p):
            children: list[NavItem] = [{p.nom: programme_path(p.identifiant)}]
            children += [{region_name(site, r): programme_region_path(p.identifiant, r)} for r in plans_by_region(site, p)]
            nav.append({p.nom: children})
        else:
            nav.append({p.nom: programme_path(p.identifiant)})
    nav.append({"Données ouvertes": DATA_PATH})
    if site.glossary:
        nav.append({"Glossaire des sigles": GLOSSARY_PATH})
    return nav
