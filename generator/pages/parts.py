"""Pieces that several page families share: grouping by region, names, counts, document summaries."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from generator import typography as typo
from generator.content.loading import Site
from generator.content.models import (
    Document,
    Enjeu,
    Entente,
    Piar,
    Programme,
)
from generator.content.models.base import NO_REGION, NO_REGION_NAME
from generator.pages import markdown as md
from generator.pages.addresses import (
    DATA_PATH,
    document_path,
    download_path,
    document_package_path,
    indicators_path,
    organisation_path,
    schedule_path,
)
from generator.typography import NBSP

COLON = NBSP + ":"




# Above these sizes, pages that would list every document list by region instead,
# so that no page grows with the number of organisations (a provincial portal).
HOME_FULL_LIST = 40


PROGRAMME_FULL_LIST = 20


LATEST_UPDATES = 20


def latest_date(documents) -> dt.date | None:  # type: ignore[no-untyped-def]
    dates = [d.mise_a_jour or getattr(d, "date_du_plan", None) for d in documents]
    dates = [d for d in dates if d is not None]
    return max(dates) if dates else None


def documents_by_region(site: Site) -> dict[str, dict[str, list[Document]]]:
    """region id → organisation id → documents, regions by name, organisations by name."""
    grouped: dict[str, dict[str, list[Document]]] = defaultdict(lambda: defaultdict(list))
    for document in site.documents.values():
        region = site.region_of(document)
        grouped[region.identifiant if region else NO_REGION][document.organisation].append(document)
    ordered = {}
    for region_id in sorted(grouped, key=lambda r: (r == NO_REGION, region_name(site, r))):
        organisations = grouped[region_id]
        ordered[region_id] = {
            org: sorted(organisations[org], key=lambda d: (d.titre, d.identifiant))
            for org in sorted(organisations, key=lambda o: site.organisations[o].nom)
        }
    return ordered


def region_name(site: Site, region_id: str) -> str:
    return site.regions[region_id].nom if region_id in site.regions else NO_REGION_NAME


def short_title(site: Site, document: Document) -> str:
    return document.titre_court or document.titre


def _kind(site: Site, document: Document) -> str:
    kind = getattr(site.info.types_de_documents, document.type)
    return typo.name_with_acronym(kind.nom, kind.sigle)


def updated_text(document: Document) -> str:
    if document.mise_a_jour:
        return f"À jour le {typo.date(document.mise_a_jour)}"
    return "Date de mise à jour non indiquée dans le document"


def document_summary(site: Site, document: Document, from_page: str, *, with_org: bool) -> list[str]:
    label = md.link(md.text(document.titre), md.relative(from_page, document_path(document.identifiant)))
    facts = [f"Type{COLON} {md.text(_kind(site, document))}"]
    if with_org:
        facts.append(f"organisation{COLON} {md.text(site.organisations[document.organisation].nom)}")
    if isinstance(document, Entente):
        facts.append(f"période{COLON} {period_text(document)}")
    facts.append(md.text(updated_text(document)[0].lower() + updated_text(document)[1:]))
    return [f"- {label}  ", f"  {'; '.join(facts)}."]


Archive = tuple[dt.date, "dt.date | None"]  # a former version's date, and the next version's


def archive_banner(document: Document, path: str, archived: Archive | None) -> list[str]:
    if not archived:
        return []
    date, newer = archived
    current_link = md.link("la version actuelle", md.relative(path, document_path(document.identifiant)))
    replaced = f", remplacée le {typo.date(newer)}" if newer else ""
    return [f"**Ancienne version du {typo.date(date)}{replaced}.** Consultez {current_link}.", ""]


def document_links(site: Site, document: Document, path: str) -> list[str]:
    """Downloads, and a plan's schedule."""
    links = []
    if isinstance(document, Piar):
        links.append(md.link("Échéancier des actions", md.relative(path, schedule_path(document.identifiant))))
    identifier = document.identifiant
    tables = [md.link("CSV", md.relative(path, download_path(identifier, "csv")))]
    if isinstance(document, Piar):
        tables.append(md.link("indicateurs en CSV", md.relative(path, indicators_path(identifier))))
    links.append(
        f"Données du document{COLON} " + ", ".join(tables)
        + ", " + md.link("JSON", md.relative(path, download_path(identifier, "json")))
        + ", " + md.link("paquet de données", md.relative(path, document_package_path(identifier)))
        + " (" + md.link("dictionnaire des données", md.relative(path, DATA_PATH)) + ")"
    )
    links.append(md.link("Lien à coller sur le site de l'organisation",
                         md.relative(path, organisation_path(document.organisation), "liens")))
    return [f"**Voir aussi{COLON}**", ""] + md.bullets(links) + [""]  # a paragraph first: never one list with the one above


def time_share_text(enjeu: Enjeu) -> str:
    """The enjeu's share of staff time as plain text: a percentage, the document's note, or none."""
    share = enjeu.temps_imparti
    if share is None:
        return "Non indiqué"
    if share.pourcentage is not None:
        return typo.percent(share.pourcentage)
    return share.note or ""


def time_share(enjeu: Enjeu) -> str:
    return md.text(time_share_text(enjeu))


def programme_name(programme: Programme) -> str:
    return typo.name_with_acronym(programme.nom, programme.sigle)


def plans_of(site: Site, programme: Programme) -> list[Piar]:
    return [d for d in site.documents.values() if isinstance(d, Piar) and d.programme == programme.identifiant]


def programme_by_region(site: Site, programme: Programme) -> bool:
    return len(plans_of(site, programme)) > PROGRAMME_FULL_LIST


def plans_by_region(site: Site, programme: Programme) -> dict[str, list[Piar]]:
    grouped: dict[str, list[Piar]] = defaultdict(list)
    for plan in plans_of(site, programme):
        region = site.region_of(plan)
        grouped[region.identifiant if region else NO_REGION].append(plan)
    return {r: grouped[r] for r in sorted(grouped, key=lambda r: (r == NO_REGION, region_name(site, r)))}


def period_text(entente: Entente) -> str:
    return f"{entente.periode.debut}-{entente.periode.fin}"


def plural_label(items: tuple[int, ...], word: str) -> str:
    return word if len(items) <= 1 else word + "s"


def count_text(number: int, singular: str, plural: str) -> str:
    return f"{number}{NBSP}{singular if number <= 1 else plural}"


def finish(lines: list[str]) -> str:
    text = "\n".join(lines).rstrip("\n") + "\n"
    while "\n\n\n" in text:
        text = text.replace("\n\n\n", "\n\n")
    return text
