"""What changed between two versions of a document, in French sentences.

Pure functions over the models: enjeux, objectives, actions, indicators,
deadlines, amounts and parties added, removed or changed.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Iterable

from generator import typography as typo
from generator.content.loading import Site
from generator.content.models import (
    Action,
    Contribution,
    Document,
    Enjeu,
    Entente,
    Piar,
    version_date,
)
from generator.pages import markdown as md
from generator.pages.addresses import version_path
from generator.pages.parts import time_share_text


def changes(site: Site, old: Document, new: Document) -> list[str]:
    """Sentences describing how ``new`` differs from ``old`` (same document, same type)."""
    found: list[str] = []
    if old.titre != new.titre:
        found.append(f"Titre modifié\u00a0: « {new.titre} » (auparavant « {old.titre} »).")
    if isinstance(old, Piar) and isinstance(new, Piar):
        found += _piar(old, new)
    elif isinstance(old, Entente) and isinstance(new, Entente):
        found += _entente(site, old, new)
    return found


def _texts(items: Iterable[object]) -> list[str]:
    return [getattr(item, "texte") for item in items]


def _list_changes(label_added: str, label_removed: str, old: list[str], new: list[str]) -> list[str]:
    found = []
    for text in new:
        if text not in old:
            found.append(f"{label_added}\u00a0: « {text} ».")
    for text in old:
        if text not in new:
            found.append(f"{label_removed}\u00a0: « {text} ».")
    return found


def _piar(old: Piar, new: Piar) -> list[str]:
    found: list[str] = []
    old_enjeux = {e.numero: e for e in old.enjeux}
    new_enjeux = {e.numero: e for e in new.enjeux}
    for number, enjeu in new_enjeux.items():
        if number not in old_enjeux:
            found.append(f"Enjeu {number} ajouté\u00a0: « {enjeu.titre} ».")
    for number, enjeu in old_enjeux.items():
        if number not in new_enjeux:
            found.append(f"Enjeu {number} retiré\u00a0: « {enjeu.titre} ».")
    for number in sorted(set(old_enjeux) & set(new_enjeux)):
        found += [f"Enjeu {number}\u00a0: {c}" for c in _enjeu(old_enjeux[number], new_enjeux[number])]
    return found + _follow_up(old, new)


def _enjeu(old: Enjeu, new: Enjeu) -> list[str]:
    found = []
    if old.titre != new.titre:
        found.append(f"énoncé modifié, « {new.titre} » (auparavant « {old.titre} »).")
    if old.temps_imparti != new.temps_imparti:
        found.append(f"temps imparti modifié, {_share(new)} (auparavant {_share(old)}).")
    for kind, word in (("objectifs_programme", "objectifs du programme"), ("axes_programme", "axes du programme")):
        if old.renvois(kind) != new.renvois(kind):  # type: ignore[arg-type]
            found.append(
                f"{word} modifiés, {typo.join(map(str, new.renvois(kind))) or 'aucun'} "  # type: ignore[arg-type]
                f"(auparavant {typo.join(map(str, old.renvois(kind))) or 'aucun'})."  # type: ignore[arg-type]
            )
    pairs = (
        ("objectif à atteindre ajouté", "objectif à atteindre retiré", "objectifs"),
        ("action ajoutée", "action retirée", "actions"),
        ("ressource ajoutée", "ressource retirée", "ressources"),
        ("indicateur ajouté", "indicateur retiré", "indicateurs"),
    )
    for added, removed, field_name in pairs:
        old_texts = [t for v in old.volets for t in _texts(getattr(v, field_name))]
        new_texts = [t for v in new.volets for t in _texts(getattr(v, field_name))]
        found += [c[0].lower() + c[1:] for c in _list_changes(added.capitalize(), removed.capitalize(), old_texts, new_texts)]
    old_deadlines = _deadlines(old)
    new_deadlines = _deadlines(new)
    if old_deadlines != new_deadlines:
        found.append(
            f"échéances modifiées, {typo.join(new_deadlines) or 'aucune'} (auparavant {typo.join(old_deadlines) or 'aucune'})."
        )
    return found


def _follow_up(old: Piar, new: Piar) -> list[str]:
    """Follow-up changes, action by action and indicator by indicator (matched by their text within
    their enjeu): states, progress, targets and results. « Action 3.2 » is the 2nd action of enjeu 3."""
    found: list[str] = []
    old_enjeux = {e.numero: e for e in old.enjeux}
    for enjeu in new.enjeux:
        before = old_enjeux.get(enjeu.numero)
        if before is None:
            continue
        old_actions = {a.texte: a for v in before.volets for a in v.actions}
        for index, action in enumerate((a for v in enjeu.volets for a in v.actions), start=1):
            previous = old_actions.get(action.texte)
            if previous is not None:
                found += [f"Action {enjeu.numero}.{index} ({_short(action.texte)})\u00a0: {c}" for c in _status_changes(previous, action)]
        old_indicators = {i.texte: i for v in before.volets for i in v.indicateurs}
        for index, indicator in enumerate((i for v in enjeu.volets for i in v.indicateurs), start=1):
            previous = old_indicators.get(indicator.texte)
            if previous is None:
                continue
            label = f"Indicateur {enjeu.numero}.{index} ({_short(indicator.texte)})"
            if previous.cible != indicator.cible:
                found.append(f"{label}\u00a0: cible {_quoted(previous.cible, 'aucune')} → {_quoted(indicator.cible, 'aucune')}.")
            if previous.resultat != indicator.resultat or previous.date_resultat != indicator.date_resultat:
                when = f" (mesuré le {typo.date(indicator.date_resultat)})" if indicator.resultat and indicator.date_resultat else ""
                found.append(f"{label}\u00a0: résultat {_quoted(previous.resultat)} → {_quoted(indicator.resultat)}{when}.")
    return found


def _status_changes(old: Action, new: Action) -> list[str]:
    before, after = old.statut, new.statut
    if before == after:
        return []
    if after is None:
        return ["statut retiré."]
    when = f" ({typo.date(after.date)})"
    found = []
    if before is None or before.etat != after.etat:
        found.append(f"{before.etat if before else 'statut non publié'} → {after.etat}{when}.")
    old_progress = before.avancement.pourcentage if before and before.avancement else None
    new_progress = after.avancement.pourcentage if after.avancement else None
    if old_progress != new_progress and after.etat != "réalisée":
        shown = [typo.percent(p) if p is not None else "non publié" for p in (old_progress, new_progress)]
        found.append(f"avancement {shown[0]} → {shown[1]}{when}.")
    if not found:  # same state and progress: a new date or justification
        found.append(f"{after.etat}, constaté le {typo.date(after.date)}" + (f" ({after.justification.rstrip('.')})" if after.justification else "") + ".")
    return found


def _short(text: str, limit: int = 60) -> str:
    """« the text », cut at a word before ``limit`` characters."""
    if len(text) > limit:
        text = text[:limit].rsplit(" ", 1)[0].rstrip(",;:") + "…"
    return f"« {text} »"


def _quoted(value: str | None, none: str = "aucun") -> str:
    return f"« {value} »" if value else none


def _deadlines(enjeu: Enjeu) -> list[str]:
    """The enjeu's deadlines (volets' and actions' own), in date order."""
    found = {e for v in enjeu.volets for e in v.echeances} | {a.echeance for v in enjeu.volets for a in v.actions if a.echeance}
    return [typo.month(e.annee, e.mois, e.jour) for e in sorted(found, key=lambda e: e.sort_key)]


def _share(enjeu: Enjeu) -> str:
    text = time_share_text(enjeu)
    return text if enjeu.temps_imparti is None or enjeu.temps_imparti.pourcentage is not None else f"« {text} »"


def _party(site: Site, part: Contribution) -> str:
    if part.organisation:
        return site.organisations[part.organisation].nom_avec_sigle
    return part.libelle or ""


def _entente(site: Site, old: Entente, new: Entente) -> list[str]:
    found: list[str] = []
    if old.periode != new.periode:
        found.append(
            f"Période modifiée\u00a0: {new.periode.debut}-{new.periode.fin} (auparavant {old.periode.debut}-{old.periode.fin})."
        )
    found += _list_changes("Objectif général ajouté", "Objectif général retiré", _texts(old.objectifs_generaux), _texts(new.objectifs_generaux))
    old_specific = {o.numero: o for o in old.objectifs_specifiques}
    new_specific = {o.numero: o for o in new.objectifs_specifiques}
    for number, objective in new_specific.items():
        before = old_specific.get(number)
        if before is None:
            found.append(f"Objectif spécifique {number} ajouté\u00a0: « {objective.titre} ».")
        elif before != objective:
            found.append(f"Objectif spécifique {number} modifié\u00a0: « {objective.titre} ».")
    for number, objective in old_specific.items():
        if number not in new_specific:
            found.append(f"Objectif spécifique {number} retiré\u00a0: « {objective.titre} ».")
    old_members = [site.organisations[m.organisation].nom_avec_sigle if m.organisation else m.texte or "" for m in (old.gouvernance.membres if old.gouvernance else ())]
    new_members = [site.organisations[m.organisation].nom_avec_sigle if m.organisation else m.texte or "" for m in (new.gouvernance.membres if new.gouvernance else ())]
    found += _list_changes("Membre de la gouvernance ajouté", "Membre de la gouvernance retiré", old_members, new_members)
    before = old.mandataire.organisation if old.mandataire else None
    after = new.mandataire.organisation if new.mandataire else None
    if before != after:
        if after is None:
            found.append("Mandataire retiré.")
        else:
            verb = "désigné" if before is None else "modifié"
            found.append(f"Mandataire {verb}\u00a0: {site.organisations[after].nom}.")
    found += _contributions(site, old, new)
    if old.contact != new.contact and new.contact:
        found.append(f"Coordonnées du contact modifiées ({new.contact.nom}).")
    return found


def _contributions(site: Site, old: Entente, new: Entente) -> list[str]:
    found: list[str] = []
    old_parts = {_party(site, p): p for p in (old.contributions.parties if old.contributions else ())}
    new_parts = {_party(site, p): p for p in (new.contributions.parties if new.contributions else ())}
    for name, part in new_parts.items():
        before = old_parts.get(name)
        if before is None:
            found.append(f"Partie ajoutée\u00a0: {name}, {typo.amount(part.montant)}.")
        elif before.montant != part.montant or before.nature != part.nature:
            found.append(f"Contribution modifiée\u00a0: {name}, {typo.amount(part.montant)} (auparavant {typo.amount(before.montant)}).")
    for name, part in old_parts.items():
        if name not in new_parts:
            found.append(f"Partie retirée\u00a0: {name} (contribuait {typo.amount(part.montant)}).")
    old_total = old.contributions.total_declare if old.contributions else Decimal(0)
    new_total = new.contributions.total_declare if new.contributions else Decimal(0)
    if old_total != new_total:
        found.append(f"Enveloppe totale modifiée\u00a0: {typo.amount(new_total)} (auparavant {typo.amount(old_total)}).")
    return found


def history_section(site: Site, document: Document, path: str) -> list[str]:
    versions = site.versions.get(document.identifiant, ())
    lines = [md.heading(2, "Historique des versions", "versions"), ""]
    if not versions:
        return lines + ["Aucune version antérieure n'est publiée sur ce site.", ""]
    chain: list[tuple[dt.date | None, Document]] = [*versions, (version_date(document), document)]
    for index in range(len(chain) - 1, -1, -1):
        date, version = chain[index]
        when = typo.date(date) if date else "date non indiquée"
        if index == len(chain) - 1:
            lines += [md.heading(3, f"Version du {when} (version actuelle)", "version-actuelle"), ""]
        else:
            label = md.link(f"Version du {when}", md.relative(path, version_path(document.identifiant, date)))  # type: ignore[arg-type]
            lines += [md.heading(3, label, f"version-{date.isoformat()}"), ""]  # type: ignore[union-attr]
        if version.resume_des_changements:
            lines += [md.text(version.resume_des_changements), ""]
        if index == 0:
            lines += ["Première version publiée sur ce site.", ""]
            continue
        found = changes(site, chain[index - 1][1], version)
        lines += (md.bullets([md.text(c) for c in found]) if found else ["Aucun changement du contenu publié."]) + [""]
    return lines
