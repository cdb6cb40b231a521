"""A PIAR's schedule: its actions by deadline."""

from __future__ import annotations

from collections import defaultdict

from generator import typography as typo
from generator.content.loading import Site
from generator.content.models import (
    Action,
    Enjeu,
    Piar,
    Volet,
)
from generator.pages import markdown as md
from generator.pages.addresses import document_path, schedule_path
from generator.pages.page import Page
from generator.pages.parts import finish, updated_text
from generator.pages.piar import status_text
from generator.pages.progress import actions_of, average_progress, progress_bar, progress_text


def schedule_page(site: Site, piar: Piar) -> Page:
    path = schedule_path(piar.identifiant)
    org = site.organisations[piar.organisation]
    plan = md.link(md.text(piar.titre), md.relative(path, document_path(piar.identifiant)))
    lines = [md.heading(1, f"Échéancier des actions — {md.text(org.nom)}"), ""]
    lines += [f"{plan}, {md.text(org.nom)}. {md.text(updated_text(piar))}.", ""]
    lines += [progress_text(piar, piar.enjeux), ""]
    mean, _, _ = average_progress(piar.enjeux)
    if mean is not None:
        lines += progress_bar(mean, "Avancement moyen des actions du plan")
    groups: dict[tuple[int, int, int], list[tuple[Enjeu, Volet, Action]]] = defaultdict(list)
    labels: dict[tuple[int, int, int], str] = {}
    undated = []
    for enjeu, volet, action in actions_of(piar.enjeux):
        deadline = volet.deadline_of(action)
        if deadline is None:
            undated.append((enjeu, volet, action))
            continue
        groups[deadline.sort_key].append((enjeu, volet, action))
        labels[deadline.sort_key] = typo.month(deadline.annee, deadline.mois, deadline.jour)
    sections = [(labels[k], f"echeance-{k[0]}-{k[1]:02d}" + (f"-{k[2]:02d}" if k[2] != 32 else ""), groups[k]) for k in sorted(groups)]
    if undated:
        sections.append(("Sans échéance indiquée", "sans-echeance", undated))
    for label, anchor, items in sections:
        lines += [md.heading(2, label[0].upper() + label[1:], anchor), ""]
        for enjeu, volet, action in items:
            link = md.link(f"enjeu {enjeu.numero}", md.relative(path, document_path(piar.identifiant), f"enjeu-{enjeu.numero}"))
            status = status_text(piar, volet, action) or "Statut non publié."
            lines.append(f"- {md.text(action.texte)} ({link}). {status}")
        lines.append("")
    if len(piar.enjeux) and not (groups or undated):
        lines += ["Aucune action.", ""]
    return Page(path, "Échéancier", finish(lines), head_title=f"Échéancier — {piar.titre} — {org.nom}")
