"""Read a YAML file into a node tree that keeps line numbers.

We stop at PyYAML's *composed* nodes instead of constructed values: each field is
later read according to the type the model expects (:mod:`generator.content.typed_reader`), so
YAML 1.1 guesses (``no`` → false, ``08`` → string, ``12:30`` → 750, dates) never
silently change what staff typed.
"""

from __future__ import annotations

import re
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

__all__ = ["MAX_BYTES", "MappingNode", "Node", "ScalarNode", "SequenceNode", "french_yaml_problem", "load_yaml"]


MAX_BYTES = 2_000_000  # a content file above this size is refused before it is read (documented)

_FIX = "Vérifiez l'indentation (des espaces, pas de tabulations), les deux-points après chaque clé et les guillemets."


def load_yaml(path: Path, display_name: str, loader: type = _Loader) -> tuple[Node | None, list[Problem]]:
    """Compose ``path``; return its root node (None if empty or unreadable) and any problems.

    Bounded: a file over :data:`MAX_BYTES` is refused unread; anchors, aliases and tags
    (which staff never need, and which a hostile file uses to blow up) are refused
    before any node is built, merge keys after. Every message is French, with a line
    where the reader gives one.
    """
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            return None, [Problem(display_name, None, None, "", (
                f"fichier trop volumineux ({_megabytes(size)}\u00a0Mo; au plus {_megabytes(MAX_BYTES)}\u00a0Mo). "
                "Un fichier de contenu décrit un seul document : découpez-le, ou retirez ce qui n'y a pas sa place."
            ))]
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
        refused = _refused_constructs(text, display_name, loader) if _MAY_HAVE_CONSTRUCTS.search(text) else []
        if refused:
            return None, refused
        root = yaml.compose(text, Loader=loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        column = mark.column + 1 if mark else None
        problem = exc.problem or ""
        if exc.problem_mark is not None and text[exc.problem_mark.index : exc.problem_mark.index + 1] == "\t":
            problem = "tab character"  # libyaml does not say which character cannot start a token
        message = f"syntaxe YAML invalide ({french_yaml_problem(problem)}). {_FIX}"
        return None, [Problem(display_name, line, column, "", message)]
    except yaml.reader.ReaderError as exc:  # a character YAML refuses; it gives a position, not a line
        line, column = _line_and_column(text, exc.position, in_bytes=_is_libyaml(loader))
        code = f"U+{exc.character:04X}" if isinstance(exc.character, int) else "inconnu"
        return None, [Problem(display_name, line, column, "", (
            f"caractère invisible interdit (code {code}). Supprimez-le : il vient souvent d'un copier-coller."
        ))]
    except RecursionError:  # the pure-Python reader, on thousands of nested brackets
        return None, [Problem(display_name, None, None, "", f"syntaxe YAML invalide (imbrication trop profonde). {_FIX}")]
    except yaml.YAMLError:  # pragma: no cover - PyYAML marks its errors; French all the same
        return None, [Problem(display_name, None, None, "", f"syntaxe YAML invalide. {_FIX}")]
    return root, _duplicate_keys(root, display_name)


def _megabytes(size: int) -> str:
    return f"{size / 1_000_000:.1f}".replace(".", ",")


def _is_libyaml(loader: type) -> bool:
    from yaml import cyaml

    return issubclass(loader, getattr(cyaml, "CParser", ()))


def _line_and_column(text: str, position: int, *, in_bytes: bool) -> tuple[int, int]:
    """1-based line and column of a position in ``text``: libyaml counts UTF-8 bytes, the Python reader characters."""
    before = text.encode("utf-8")[:position].decode("utf-8", "ignore") if in_bytes else text[:position]
    return before.count("\n") + 1, len(before) - (before.rfind("\n") + 1) + 1


# A file without these characters holds no anchor (&), alias (*) or tag (!).
_MAY_HAVE_CONSTRUCTS = re.compile(r"[&*!]")


def _refused_constructs(text: str, display_name: str, loader: type) -> list[Problem]:
    """Anchors, aliases and tags, each with its line, read from the events (no node is built)."""
    problems: list[Problem] = []
    parser = loader(text)
    try:
        while parser.check_event():
            event = parser.get_event()
            mark = event.start_mark
            where = (display_name, mark.line + 1, mark.column + 1, "")
            if isinstance(event, yaml.AliasEvent):
                problems.append(Problem(*where, f"alias « *{event.anchor} » refusé : recopiez la valeur elle-même "
                                                "(les ancres & et les alias * ne sont pas acceptés)."))
                continue
            anchor = getattr(event, "anchor", None)
            if anchor:
                problems.append(Problem(*where, f"ancre « &{anchor} » refusée : retirez-la "
                                                "(les ancres & et les alias * ne sont pas acceptés)."))
            tag = getattr(event, "tag", None)
            if tag:
                shown = "!!" + tag[len("tag:yaml.org,2002:"):] if tag.startswith("tag:yaml.org,2002:") else tag
                problems.append(Problem(*where, f"étiquette YAML « {shown} » refusée : retirez-la; si la valeur "
                                                "commence par « ! », mettez-la entre guillemets."))
    finally:
        parser.dispose()
    return problems


# What PyYAML's readers (libyaml in C, or pure Python) can say, in French. Each pattern is
# searched in the English problem; the first that matches gives the French words.
_YAML_PROBLEMS: tuple[tuple[str, str], ...] = (
    (r"mapping values are not allowed|found unexpected ':'",
     "deux-points inattendu : une valeur qui contient « : » suivi d'une espace doit être entre guillemets"),
    (r"mapping keys are not allowed", "« ? » inattendu : une valeur qui commence par « ? » doit être entre guillemets"),
    (r"block sequence entries are not allowed",
     "tiret de liste inattendu : une liste commence à la ligne qui suit sa clé, en retrait"),
    (r"tab character|character '\\t' that cannot start", "tabulation dans l'indentation : indentez avec des espaces"),
    (r"that cannot start any token",
     "caractère qui ne peut pas commencer une valeur (tabulation, @ ou `) : mettez la valeur entre guillemets"),
    (r"',' or '\]'", "liste entre crochets mal fermée : virgule ou « ] » manquant"),
    (r"',' or '\}'", "accolades mal fermées : virgule ou « } » manquante"),
    (r"could not find expected ':'", "deux-points manquant après une clé"),
    (r"did not find expected key", "clé attendue à cette indentation : alignez la ligne avec les clés de son bloc"),
    (r"expected '-' indicator|expected <block end>",
     "ligne mal alignée : les tirets d'une même liste, et les clés d'un même bloc, commencent à la même colonne"),
    (r"unexpected end of stream", "fin de fichier inattendue : un guillemet, un crochet ou une accolade n'est pas refermé"),
    (r"another document|single document|document indicator|document separator",
     "un seul document par fichier : retirez la ligne « --- » ou « ... » au milieu du fichier"),
    (r"nesting depth", "imbrication trop profonde"),
    (r"control characters|special characters|unacceptable character", "caractère invisible interdit"),
    (r"unknown escape character|escape code|escape sequence|hexdecimal number",
     "séquence inconnue après une barre oblique inverse entre guillemets doubles : écrivez la valeur entre "
     "guillemets simples"),
    (r"indentation indicator", "indicateur d'indentation invalide après « | » ou « > »"),
    (r"chomping", "indicateur invalide après « | » ou « > »"),
    (r"incompatible YAML document|directive|version number|digit or '\.'|expected a digit",
     "directive YAML (ligne qui commence par %) non prise en charge : retirez-la"),
    (r"non-alphabetical character", "caractère inattendu dans une ancre, une étiquette ou une directive (non acceptées)"),
    (r"alias|anchor|alphabetic or numeric character",
     "ancre ou alias invalide (les ancres & et les alias * ne sont pas acceptés)"),
    (r"tag|URI|expected '!'|expected '>'", "étiquette YAML (« ! ») refusée : retirez-la ou mettez la valeur entre guillemets"),
    (r"node content", "valeur attendue"),
    (r"comment or (a )?line break", "texte inattendu après une valeur : mettez toute la valeur entre guillemets"),
    (r"whitespace|expected ' '", "espace attendue"),
    (r"UTF-8|Unicode|surrogate", "caractère invalide"),
    (r"document start|stream-start|STREAM|DOCUMENT|SCALAR", "structure du fichier invalide"),
)
_COMPILED = tuple((re.compile(pattern), french) for pattern, french in _YAML_PROBLEMS)


def french_yaml_problem(problem: str) -> str:
    """French words for an English problem of PyYAML's readers; a French phrase in every case."""
    for pattern, french in _COMPILED:
        if pattern.search(problem):
            return french
    return "erreur de syntaxe"


def _duplicate_keys(root: Node | None, display_name: str) -> list[Problem]:
    """Report repeated keys and merge keys; on the way, give plain scalars the same style whichever loader read them."""
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
                    if key.value == "<<" and key.style in (None, ""):
                        problems.append(
                            Problem(display_name, key.start_mark.line + 1, key.start_mark.column + 1, "<<",
                                    "clé de fusion « << » refusée : recopiez les clés elles-mêmes.")
                        )
                    elif key.value in seen:
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
