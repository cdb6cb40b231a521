"""A programme's page (its objectives and axes, and the plans' enjeux that serve each), and its pages by region."""

from __future__ import annotations

from generator import typography as typo
from generator.content.loading import Site
from generator.content.models import (
    Enjeu,
    Piar,
    Programme,
)
from generator.pages import markdown as md
from generator.pages.addresses import (
    document_path,
    programme_path,
    programme_region_path,
)
from generator.pages.page import Page
from generator.pages.parts import (
    COLON,
    count_text,
    finish,
    plans_by_region,
    plans_of,
    programme_by_region,
    programme_name,
    region_name,
)

_STATEMENT_KINDS = (
    ("Objectifs généraux", "objectifs", "objectif", "Objectif", "objectifs_programme"),
    ("Axes d'intervention", "axes", "axe", "Axe", "axes_programme"),
)


def _serving(plans: list[Piar], field_name: str, number: int) -> list[tuple[Piar, list[Enjeu]]]:
    """Plans with the enjeux of each that serve one numbered statement."""
    result = []
    for plan in plans:
        enjeux = [e for e in plan.enjeux if number in e.renvois(field_name)]  # type: ignore[arg-type]
        if enjeux:
            result.append((plan, enjeux))
    return result


def programme_page(site: Site, programme: Programme) -> Page:
    path = programme_path(programme.identifiant)
    lines = [md.heading(1, md.text(programme_name(programme))), ""]
    if programme.responsable:
        responsible = site.organisations[programme.responsable].nom_avec_sigle
        lines += [f"Organisation responsable{COLON} {md.text(responsible)}.", ""]
    plans = plans_of(site, programme)
    by_region = programme_by_region(site, programme)
    regions = plans_by_region(site, programme) if by_region else {}
    lines += [
        f"{count_text(len(plans), 'plan publié sur ce site relève', 'plans publiés sur ce site relèvent')} de ce programme. "
        + (
            "Pour chaque objectif et chaque axe, voici combien d'enjeux le servent, et par région la liste des plans."
            if by_region
            else "Pour chaque objectif et chaque axe, voici les enjeux qui le servent."
        ),
        "",
    ]
    unserved: list[str] = []
    for title, anchor, kind, word, field_name in _STATEMENT_KINDS:
        lines += [md.heading(2, title, anchor), ""]
        for statement in getattr(programme, anchor):
            label = f"{word} {statement.numero}"
            lines += [md.heading(3, f"{label}{COLON} {md.text(statement.texte)}", f"{kind}-{statement.numero}"), ""]
            serving = _serving(plans, field_name, statement.numero)
            if not serving:
                lines += [f"Aucun enjeu publié ne sert cet {kind}.", ""]
                unserved.append(md.link(label, f"#{kind}-{statement.numero}"))
                continue
            if by_region:
                enjeux = sum(len(e) for _, e in serving)
                lines += [
                    f"Servi par {count_text(enjeux, 'enjeu', 'enjeux')} de {count_text(len(serving), 'plan', 'plans')}. Par région{COLON}",
                    "",
                ]
                for region_id, region_plans in regions.items():
                    count = sum(len(e) for _, e in _serving(region_plans, field_name, statement.numero))
                    if count:
                        target = md.relative(path, programme_region_path(programme.identifiant, region_id), f"{kind}-{statement.numero}")
                        lines.append(f"- {md.link(md.text(region_name(site, region_id)), target)}{COLON} {count_text(count, 'enjeu', 'enjeux')}")
            else:
                lines += [f"Enjeux qui servent cet {kind}{COLON}", ""]
                for plan, enjeux in serving:
                    org = site.organisations[plan.organisation].nom
                    for enjeu in enjeux:
                        target = md.relative(path, document_path(plan.identifiant), f"enjeu-{enjeu.numero}")
                        lines.append(f"- {md.text(org)}{COLON} " + md.link(f"enjeu {enjeu.numero}, {md.text(enjeu.titre)}", target))
            lines.append("")
    lines += [md.heading(2, "Objectifs et axes qu'aucun enjeu ne sert", "non-servis"), ""]
    if unserved:
        lines += md.bullets(unserved)
    else:
        lines.append("Chaque objectif et chaque axe est servi par au moins un enjeu publié.")
    lines.append("")
    if programme.piar:
        kind = site.info.types_de_documents.piar
        lines += [md.heading(2, md.text(typo.name_with_acronym(kind.nom, kind.sigle)), "piar"), ""]
        lines += md.bullets([md.text(p) for p in programme.piar.presentation]) + [""]
        if programme.piar.consignes:
            lines += [md.heading(3, "Consignes du gabarit, colonne par colonne", "consignes"), ""]
            for consigne in programme.piar.consignes:
                lines += [f"**{md.text(consigne.colonne)}**", ""]
                lines += md.bullets([md.text(t) for t in consigne.textes]) + [""]
    return Page(path, programme.nom, finish(lines))


def programme_region_page(site: Site, programme: Programme, region_id: str) -> Page:
    """The plans of one region, under each objective and axis of the programme they serve."""
    path = programme_region_path(programme.identifiant, region_id)
    region = region_name(site, region_id)
    plans = plans_by_region(site, programme)[region_id]
    lines = [md.heading(1, f"{md.text(programme.nom_court)}{COLON} {md.text(region)}"), ""]
    lines += [
        f"{count_text(len(plans), 'plan', 'plans')} de la région. "
        + md.link(f"Le programme {md.text(programme.nom_court)} dans tout le Québec", md.relative(path, programme_path(programme.identifiant)))
        + ".",
        "",
    ]
    for title, anchor, kind, word, field_name in _STATEMENT_KINDS:
        lines += [md.heading(2, title, anchor), ""]
        for statement in getattr(programme, anchor):
            lines += [md.heading(3, f"{word} {statement.numero}{COLON} {md.text(statement.texte)}", f"{kind}-{statement.numero}"), ""]
            serving = _serving(plans, field_name, statement.numero)
            if not serving:
                lines += [f"Aucun plan de la région ne sert cet {kind}.", ""]
                continue
            # One compact paragraph per statement, so that the page stays small in a large region.
            entries = []
            for plan, enjeux in serving:
                org = site.organisations[plan.organisation].nom
                target = md.relative(path, document_path(plan.identifiant), f"enjeu-{enjeux[0].numero}")
                numbers = typo.join(str(e.numero) for e in enjeux)
                entries.append(f"{md.link(md.text(org), target)} ({'enjeu' if len(enjeux) == 1 else 'enjeux'} {numbers})")
            lines += [f"{count_text(len(serving), 'plan', 'plans')}{COLON} " + "; ".join(entries) + ".", ""]
    return Page(path, f"{programme.nom_court} : {region}", finish(lines))
