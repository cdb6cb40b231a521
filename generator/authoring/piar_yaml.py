"""Writing an imported :class:`~generator.authoring.plan.Plan` as a PIAR content file.

Deterministic, in the style of the hand-written files (see :mod:`generator.authoring.yaml_writer`):
what the import could not place is written as « À VÉRIFIER » comments next to its key.
"""

from __future__ import annotations

from generator.authoring.plan import NUMBER_FIELDS, ImportedVolet, Item, Note, Plan
from generator.authoring.yaml_writer import mapping, plain_or_quoted, quoted, scalar, sequence_item
from generator.typography import NBSP


def _comments(notes: list[Note]) -> list[tuple[str | None, list[str]]]:
    return [(note.champ, note.lignes) for note in notes]


def _items(key: str, items: list[Item], indent: int) -> list[str]:
    pad = " " * indent
    lines = [f"{pad}{key}:"]
    for item in items:
        if item.elements:
            lines += scalar(f"{pad}  - texte: ", item.texte, indent + 6)
            lines.append(f"{pad}    elements:")
            for element in item.elements:
                lines += scalar(f"{pad}      - ", element, indent + 8)
        else:
            lines += scalar(f"{pad}  - ", item.texte, indent + 4)
    return lines


def _renvois(groups: list[str]) -> str:
    if len(groups) == 1:
        return plain_or_quoted(groups[0])
    return "[" + ", ".join(quoted(g) for g in groups) + "]"



_VOLET_ORDER = ("objectifs_programme", "axes_programme", "objectifs", "actions", "ressources", "echeances", "indicateurs")


def _volet(volet: ImportedVolet, indent: int) -> list[str]:
    pad = " " * indent
    entries: list[tuple[str, list[str]]] = []
    for key in _VOLET_ORDER:
        value = getattr(volet, key)
        if key in NUMBER_FIELDS:
            if value:
                entries.append((key, [f"{pad}{key}: {_renvois(value)}"]))
        elif key == "echeances":
            if value:
                entries.append((key, [f"{pad}echeances: [{', '.join(value)}]"]))
        elif key in ("objectifs", "actions"):
            entries.append((key, _items(key, value, indent) if value else [f"{pad}{key}: []"]))
        elif value:
            entries.append((key, _items(key, value, indent)))
    for key in _VOLET_ORDER:  # notes about an absent key go where the key would be
        if key not in [k for k, _ in entries] and any(n.champ == key for n in volet.notes):
            position = next((i for i, (k, _) in enumerate(entries) if _VOLET_ORDER.index(k) > _VOLET_ORDER.index(key)), len(entries))
            entries.insert(position, (key, []))
    return mapping(entries, _comments(volet.notes), indent)


def to_yaml(plan: Plan, *, organisation: str, programme: str, source: str | None = None,
            modeline: str | None = None) -> str:
    """The content file for ``plan``, deterministic and in the style of the hand-written ones."""
    lines: list[str] = []
    if modeline:
        lines.append(modeline)
    origin = f"du fichier Word « {source} »" if source else "d'un fichier Word"
    lines += [
        f"# PIAR importé {origin} par « plans-publics importer ».",
        "# Chaque élément de « volets » est une ligne du tableau du gabarit.",
    ]
    if plan.reports:
        count = len(plan.reports)
        lines.append(f"# {count} point{'s' if count > 1 else ''} à vérifier{NBSP}: cherchez « À VÉRIFIER » dans ce fichier.")
    entries: list[tuple[str, list[str]]] = [
        ("type", ["type: piar"]),
        ("titre", ["titre: Plan d'intervention et d'affectation des ressources"]),
        ("titre_court", ["titre_court: PIAR"]),
        ("organisation", [f"organisation: {organisation}"]),
        ("programme", [f"programme: {programme}"]),
        ("date_du_plan", [f"date_du_plan: {plan.date_du_plan.isoformat() if plan.date_du_plan else ''}".rstrip()]),
    ]
    if plan.mise_a_jour or any(n.champ == "mise_a_jour" for n in plan.notes):
        entries.append(("mise_a_jour", [f"mise_a_jour: {plan.mise_a_jour.isoformat()}" if plan.mise_a_jour else "mise_a_jour:"]))
    enjeux = ["enjeux:"] if plan.enjeux else ["enjeux: []"]
    for index, enjeu in enumerate(plan.enjeux):
        if index:
            enjeux.append("")
        block: list[tuple[str, list[str]]] = [("numero", [f"    numero: {enjeu.numero}"])]
        block.append(("titre", scalar("    titre: ", enjeu.titre, 6)))
        if enjeu.temps_imparti is not None:
            block.append(("temps_imparti", scalar("    temps_imparti: ", enjeu.temps_imparti, 6)))
        volets = ["    volets:"]
        for volet in enjeu.volets:
            volets += sequence_item(_volet(volet, 8), 6)
        if not enjeu.volets:
            volets = ["    volets: []"]
        block.append(("volets", volets))
        enjeux += sequence_item(mapping(block, _comments(enjeu.notes), 4), 2)
    entries.append(("enjeux", enjeux))
    lines += mapping(entries, _comments(plan.notes), 0)
    return "\n".join(lines) + "\n"



__all__ = ["to_yaml"]
