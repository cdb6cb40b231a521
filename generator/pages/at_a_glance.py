"""« En bref », at the top of each document: the few figures a citizen wants first, from the data."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from generator import typography as typo
from generator.content.loading import Site
from generator.content.models import Entente, Piar
from generator.pages import markdown as md
from generator.pages.addresses import schedule_path
from generator.pages.parts import COLON, count_text, period_text, time_share_text
from generator.pages.progress import DONE, actions_of, average_progress

NEXT_DEADLINES = 3


def piar_at_a_glance(piar: Piar, path: str) -> list[str]:
    actions = actions_of(piar.enjeux)
    facts = [f"{count_text(len(piar.enjeux), 'enjeu', 'enjeux')} et {count_text(len(actions), 'action', 'actions')}."]
    mean, counted, _ = average_progress(piar.enjeux)
    if mean is not None:
        facts.append(f"Avancement moyen{COLON} {typo.percent(mean, 0)} ({count_text(counted, 'action comptée', 'actions comptées')}).")
    upcoming = _next_deadlines(piar)
    if upcoming:
        link = md.link("l'échéancier", md.relative(path, schedule_path(piar.identifiant)))
        facts.append(f"Prochaines échéances{COLON} {typo.join(upcoming)} (voir {link}).")
    lines = [md.heading(2, "En bref", "en-bref"), ""] + md.bullets(facts) + [""]
    if any(e.temps_imparti and e.temps_imparti.pourcentage is not None for e in piar.enjeux):
        lines += [f"**Temps imparti par enjeu{COLON}**", ""]
        for enjeu in piar.enjeux:
            share = enjeu.temps_imparti.pourcentage if enjeu.temps_imparti else None
            width = f"{min(share, Decimal(100)):.0f}" if share is not None else "0"
            lines += [
                f"- [{enjeu.numero}. {md.text(_short(enjeu.titre))}](#enjeu-{enjeu.numero}){COLON} {md.text(time_share_text(enjeu))}",
                f'{{: .pp-part style="--pp-valeur: {width}%" }}',
            ]
        lines.append("")
    return lines


def entente_at_a_glance(site: Site, entente: Entente) -> list[str]:
    facts = [f"Période{COLON} {period_text(entente)}."]
    contributions = entente.contributions
    if contributions:
        total = typo.amount(contributions.total_declare)
        if contributions.total_en_nature:
            facts.append(f"Enveloppe totale{COLON} {total}, dont {typo.amount(contributions.total_en_argent)} en argent "
                         f"et {typo.amount(contributions.total_en_nature)} en biens et services.")
        else:
            facts.append(f"Enveloppe totale{COLON} {total}.")
        names = [site.organisations[p.organisation].sigle or site.organisations[p.organisation].nom if p.organisation else p.libelle or ""
                 for p in contributions.parties]
        facts.append(f"{count_text(len(names), 'partenaire', 'partenaires')}{COLON} {md.text(typo.join(names))}.")
    return [md.heading(2, "En bref", "en-bref"), ""] + md.bullets(facts) + [""]


def _next_deadlines(piar: Piar) -> list[str]:
    """The next deadlines of actions not done, from the plan's update date (never the build date)."""
    reference = piar.mise_a_jour or piar.date_du_plan
    found = set()
    for _, volet, action in actions_of(piar.enjeux):
        if action.statut and action.statut.etat in DONE:
            continue
        deadline = volet.deadline_of(action)
        if deadline and dt.date(deadline.annee, deadline.mois, deadline.jour or 28) >= reference:
            found.add(deadline)
    return [typo.month(e.annee, e.mois, e.jour) for e in sorted(found, key=lambda e: e.sort_key)[:NEXT_DEADLINES]]


def _short(text: str, limit: int = 70) -> str:
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0].rstrip(",;:") + "…"
