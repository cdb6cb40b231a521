"""An entente sectorielle: definition, objectives, governance, mandataire, contributions and contact."""

from __future__ import annotations

from decimal import Decimal

from generator import typography as typo
from generator.content.loading import Site
from generator.content.models import (
    Entente,
)
from generator.pages import markdown as md
from generator.pages.addresses import organisation_path, region_path
from generator.pages.page import Bar
from generator.pages.at_a_glance import entente_at_a_glance
from generator.pages.publication import closing_lines, publication_lines
from generator.pages.parts import (
    COLON,
    Archive,
    archive_banner,
    count_text,
    document_links,
    period_text,
    updated_text,
)
from generator.pages.piar import element_items
from generator.typography import NBSP

CHART_MARKER = "<!-- graphique-contributions -->"


NOT_COUNTED = "Non comptée"  # a contribution the declared total leaves out: the same words in the table and the chart


def contributions_chart(site: Site, entente: Entente) -> tuple[Bar, ...]:
    contributions = entente.contributions
    if not contributions or not contributions.parties:
        return ()
    largest = max(p.montant for p in contributions.parties) or Decimal(1)
    bars = []
    for part in contributions.parties:
        org = site.organisations.get(part.organisation or "")
        label = (org.sigle or org.nom) if org else part.libelle or ""
        share = contributions.share(part)
        bars.append(Bar(label, typo.amount(part.montant), typo.percent(share, 1) if share is not None else NOT_COUNTED,
                        float(part.montant / largest), part.nature == "non_monetaire",
                        float(part.en_nature / largest), typo.amount(part.en_nature) if part.en_nature else ""))
    return tuple(bars)


def entente_lines(site: Site, entente: Entente, path: str, archived: Archive | None, *, site_url: str = "") -> list[str]:
    kind = site.info.types_de_documents.entente_sectorielle
    org = site.organisations[entente.organisation]
    lines = [md.heading(1, md.text(entente.titre)), ""] + archive_banner(entente, path, archived)
    facts = [
        f"Type{COLON} {md.text(kind.nom)}",
        f"Période{COLON} {period_text(entente)}",
        f"Publiée par{COLON} " + md.link(md.text(org.nom), md.relative(path, organisation_path(org.identifiant))),
    ]
    region = site.region_of(entente)
    if region:
        facts.append(f"Région{COLON} " + md.link(md.text(region.nom), md.relative(path, region_path(region.identifiant))))
    facts.append(md.text(updated_text(entente)))
    lines += md.bullets(facts) + [""]
    lines += entente_at_a_glance(site, entente)
    if not archived:
        lines += document_links(site, entente, path)
    lines += publication_lines(site, entente, path)
    if kind.presentation:
        lines += [md.heading(2, md.text(kind.question or kind.nom), "definition"), ""]
        lines += [line for p in kind.presentation for line in (md.text(p), "")]
    lines += [md.heading(2, "Objectifs généraux", "objectifs-generaux"), ""] + element_items(entente.objectifs_generaux) + [""]
    if entente.objectifs_specifiques:
        lines += [md.heading(2, "Objectifs spécifiques", "objectifs-specifiques"), ""]
        for objective in entente.objectifs_specifiques:
            title = f"{objective.numero}. {md.text(objective.titre)}"
            lines += [md.heading(3, title, f"objectif-specifique-{objective.numero}"), ""]
            lines += element_items(objective.elements) + [""]
    if entente.gouvernance:
        gov = entente.gouvernance
        lines += [md.heading(2, "Gouvernance", "gouvernance"), ""]
        lines += [f"L'entente est pilotée par un {md.text(gov.instance)} composé des instances suivantes{COLON}", ""]
        members = [
            md.text(site.organisations[m.organisation].nom_avec_sigle if m.organisation else m.texte or "")
            for m in gov.membres
        ]
        lines += md.bullets(members) + [""]
    if entente.mandataire:
        mandate = entente.mandataire
        title = mandate.appellation.capitalize()
        name = site.organisations[mandate.organisation].nom
        lines += [md.heading(2, title, "mandataire"), ""]
        sentence = f"{md.text(name)} est le {mandate.appellation} de l'entente."
        if mandate.role:
            sentence += " " + md.text(mandate.role)
        lines += [sentence, ""]
    if entente.contributions:
        lines += _contributions(site, entente)
    if entente.contact:
        lines += _contact(site, entente)
    return lines + closing_lines(site, entente, path, archived is not None, site_url)


def _contributions(site: Site, entente: Entente) -> list[str]:
    contributions = entente.contributions
    assert contributions is not None
    total = contributions.total_declare
    in_kind = contributions.total_en_nature
    lines = [md.heading(2, "Contributions", "contributions"), ""]
    sentence = f"L'enveloppe totale de l'entente sectorielle est de {typo.amount(total)}"
    if in_kind and contributions.total_comprend_non_monetaire:
        sentence += f", dont {typo.amount(contributions.total_en_argent)} en argent et {typo.amount(in_kind)} en biens et services"
    elif in_kind:
        sentence += f" en argent; s'y ajoutent {typo.amount(in_kind)} en biens et services, que ce total ne compte pas"
    lines += [sentence + f". Elle se répartit entre {count_text(len(contributions.parties), 'partie', 'parties')}{COLON}", ""]
    rows = []
    for part in contributions.parties:
        name = site.organisations[part.organisation].nom_avec_sigle if part.organisation else part.libelle or ""
        label = md.text(name)
        if part.nature == "non_monetaire" and "non monétaire" not in name.casefold():  # staff may have written it
            label += " (contribution non monétaire)"
        share = contributions.share(part)
        amounts = [typo.amount(part.en_argent), typo.amount(part.en_nature)] if contributions.mixte else []
        rows.append([label, typo.amount(part.montant), *amounts, typo.percent(share, 1) if share is not None else NOT_COUNTED])
    if contributions.mixte:
        cash, kind = typo.amount(contributions.total_en_argent), typo.amount(in_kind)
        grand = typo.amount(sum((p.montant for p in contributions.parties), Decimal(0)))
        whole = f"**{typo.percent(100)}**" if contributions.total_comprend_non_monetaire else ""
        rows.append(["**Total des contributions**", f"**{grand}**", f"**{cash}**", f"**{kind}**", whole])
        if not contributions.total_comprend_non_monetaire:
            rows.append(["**Enveloppe totale (en argent)**", f"**{typo.amount(total)}**", "", "", f"**{typo.percent(100)}**"])
        headers = ["Partie", "Contribution totale", "En argent", "En biens et services", "Part de l'enveloppe"]
    else:
        rows.append(["**Total**", f"**{typo.amount(total)}**", f"**{typo.percent(100)}**"])
        headers = ["Partie", "Montant", "Part du total"]
    lines += md.table(headers, rows, "Contributions des parties à l'entente") + [""]
    # The theme draws the chart here (theme_overrides/partials/content.html), from Page.chart.
    lines += [CHART_MARKER, ""]
    return lines


def _contact(site: Site, entente: Entente) -> list[str]:
    contact = entente.contact
    assert contact is not None
    lines = [md.heading(2, "Pour nous joindre", "contact"), ""]
    lines += [f"Pour toute question relative à l'entente, communiquez avec{COLON}", ""]
    who = [f"**{md.text(contact.nom)}**"]
    if contact.fonction:
        who.append(md.text(contact.fonction))
    if contact.organisation:
        who.append(md.text(site.organisations[contact.organisation].nom))
    details = [", ".join(who)]
    if contact.telephone:
        phone = md.link(md.text(typo.phone_display(contact.telephone)), typo.phone_uri(contact.telephone))
        if contact.poste:
            phone += f", poste{NBSP}{md.text(contact.poste)}"
        details.append(f"Téléphone{COLON} {phone}")
    if contact.courriel:
        details.append(f"Courriel{COLON} " + md.link(md.text(contact.courriel), f"mailto:{contact.courriel}"))
    lines += md.bullets(details) + [""]
    return lines
