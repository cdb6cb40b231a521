"""Read a YAML file into a node tree that keeps line numbers.

We stop at PyYAML's *composed* nodes instead of constructed values: each field is
later read according to the type the model expects (:mod:`generator.content.typed_reader`), so
YAML 1.1 guesses (``no`` → false, ``08`` → string, ``12:30`` → 750, dates) never
silently change what staff typed.
"""

from __future__ import annotations

from pathlib import Path

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from generator.content.problems import Problem

_DEFAULT_TAGS = {
    ScalarNode: "tag:yaml.org,2002:str",
    SequenceNode: "tag:yaml.org,2002:seq",
    MappingNode: "tag:yaml.org,2002:map",
}


class _Loader(getattr(yaml, "CBaseLoader", yaml.BaseLoader)):  # type: ignore[misc]
    """libyaml's loader when PyYAML was built with it (much faster), else the pure Python one;
    both compose the same nodes with the same marks.

    No implicit resolvers: values are read by the models, never by YAML's guesses. With none
    registered, BaseResolver still walks its (empty) tables for every node: skip that walk.
    """

    def resolve(self, kind: type, value: object, implicit: object) -> str:
        return _DEFAULT_TAGS[kind]

    def descend_resolver(self, current_node: object, current_index: object) -> None:
        pass

    def ascend_resolver(self) -> None:
        pass


_LOADER = _Loader

__all__ = ["MappingNode", "Node", "ScalarNode", "SequenceNode", "load_yaml"]


def load_yaml(path: Path, display_name: str) -> tuple[Node | None, list[Problem]]:
    """Compose ``path``; return its root node (None if empty) and any problems."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return None, [Problem(display_name, None, None, "", f"lecture impossible ({exc.strerror}).")]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return None, [
            Problem(
                display_name,
                line,
                None,
                "",
                "le fichier n'est pas encodé en UTF-8. Enregistrez-le en UTF-8 "
                "(dans votre éditeur\u00a0: « Enregistrer avec l'encodage » → UTF-8).",
            )
        ]
    try:
        root = yaml.compose(text, Loader=_LOADER)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        column = mark.column + 1 if mark else None
        return None, [
            Problem(
                display_name,
                line,
                column,
                "",
                "syntaxe YAML invalide ("
                + _french_yaml_problem(exc.problem or "")
                + "). Vérifiez l'indentation (des espaces, pas de tabulations), "
                "les deux-points après chaque clé et les guillemets.",
            )
        ]
    except yaml.YAMLError as exc:  # pragma: no cover - defensive, PyYAML marks its errors
        return None, [Problem(display_name, None, None, "", f"syntaxe YAML invalide ({exc}).")]
    return root, _duplicate_keys(root, display_name)


_YAML_PROBLEMS = {
    "mapping values are not allowed here": "deux-points inattendu",
    "could not find expected ':'": "deux-points manquant",
    "found character '\\t' that cannot start any token": "tabulation interdite",
    "found undefined alias": "alias inconnu",
    "expected <block end>, but found '-'": "tiret mal aligné",
    "did not find expected key": "clé attendue à cette indentation",
    "found unexpected end of stream": "fin de fichier inattendue",
    "did not find expected '-' indicator": "tiret de liste attendu",
}


def _french_yaml_problem(problem: str) -> str:
    for english, french in _YAML_PROBLEMS.items():
        if problem.startswith(english.split("'")[0]) and english in problem:
            return french
    return problem or "erreur inconnue"


def _duplicate_keys(root: Node | None, display_name: str) -> list[Problem]:
    """Report repeated keys; on the way, give plain scalars the same style whichever loader read them."""
    problems: list[Problem] = []
    stack = [root] if root is not None else []
    while stack:
        node = stack.pop()
        if isinstance(node, ScalarNode) and node.style == "":
            node.style = None  # libyaml says '' where the Python loader says None (plain scalar)
        if isinstance(node, MappingNode):
            seen: dict[str, int] = {}
            for key, value in node.value:
                if isinstance(key, ScalarNode):
                    if key.value in seen:
                        problems.append(
                            Problem(
                                display_name,
                                key.start_mark.line + 1,
                                key.start_mark.column + 1,
                                key.value,
                                f"la clé « {key.value} » est répétée (déjà à la ligne "
                                f"{seen[key.value]}). Gardez-en une seule.",
                            )
                        )
                    else:
                        seen[key.value] = key.start_mark.line + 1
                stack.append(value)
        elif isinstance(node, SequenceNode):
            stack.extend(node.value)
    return problems
