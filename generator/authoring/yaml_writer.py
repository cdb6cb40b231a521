"""Writing content files by hand-written rules, in the style staff write them.

Shared by the Word import (:mod:`generator.authoring.piar_yaml`) and the skeletons
(:mod:`generator.authoring.skeleton`): block style, ``>-`` for long texts, comments
wrapped at 79 columns, never cut inside « », before « : » or after an apostrophe.
Each function returns lines (without their end of line), already indented.
"""

from __future__ import annotations

import re
import textwrap

import yaml

WIDTH = 100  # a line longer than this becomes a folded block (>-)
FOLD = 79  # longest line of a folded block or a comment


def plain_ok(text: str) -> bool:
    """Whether ``text`` can be written without quotes and reads back unchanged (no type is guessed)."""
    if not text or text != text.strip() or text in ("~", "null", "Null", "NULL") or "\n" in text:
        return False
    if text[0] in "-?:,[]{}#&*!|>'\"%@`" or ": " in text or " #" in text or text.endswith(":"):
        return False
    try:
        return yaml.load(f"k: {text}\n", Loader=yaml.BaseLoader) == {"k": text}
    except yaml.YAMLError:
        return False


def quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def plain_or_quoted(text: str) -> str:
    return text if plain_ok(text) else quoted(text)


def scalar(prefix: str, text: str, indent: int) -> list[str]:
    """``prefix`` (``key: `` or ``- ``, already indented) followed by ``text`` in the most readable style."""
    if len(prefix) + len(text) <= WIDTH:
        if plain_ok(text):
            return [prefix + text]
        if len(prefix) + len(text) + 2 <= WIDTH:
            return [prefix + quoted(text)]
    lines = textwrap.wrap(text, width=max(FOLD - indent, 30), break_long_words=False, break_on_hyphens=False)
    return [prefix + ">-"] + [" " * indent + line for line in lines]


def wrap(text: str, width: int) -> list[str]:
    """Lines of at most ``width`` characters, never cut inside « », before « : » or after an apostrophe."""
    glued = re.sub(r"« ", "«\0", text)
    glued = re.sub(r" (?=[»:;!?%$])", "\0", glued)
    lines = textwrap.wrap(glued, width=width, break_long_words=False, break_on_hyphens=False)
    return [line.replace("\0", " ") for line in lines] or [""]


def comment(text: str, indent: int) -> list[str]:
    """``text`` as ``# `` lines at ``indent``, wrapped to end by column 79."""
    return [" " * indent + "# " + part for part in wrap(text, max(FOLD - indent - 2, 40))]


def commented_out(lines: list[str], indent: int) -> list[str]:
    """Keys written as comments, ready to uncomment (their own comments left out)."""
    return [" " * indent + "# " + line[indent:] for line in lines if not line.strip().startswith("#")]


def mapping(entries: list[tuple[str, list[str]]], comments: list[tuple[str | None, list[str]]], indent: int) -> list[str]:
    """Key blocks in order, each comment (key, texts) just before its key (comments of absent keys at the end)."""
    keys = [key for key, _ in entries]
    lines: list[str] = []
    for key, block in entries:
        for where, texts in comments:
            if where == key:
                lines += [line for text in texts for line in comment(text, indent)]
        lines += block
    for where, texts in comments:
        if where not in keys:
            lines += [line for text in texts for line in comment(text, indent)]
    return lines


def sequence_item(lines: list[str], indent: int) -> list[str]:
    """A mapping written at ``indent + 2`` as an item of a list at ``indent``: its first key after the dash,
    the comments above that key above the dash."""
    for index, line in enumerate(lines):
        if not line.lstrip().startswith("#"):
            above = [" " * indent + text.lstrip() for text in lines[:index]]
            return above + [" " * indent + "- " + line[indent + 2:]] + lines[index + 1:]
    return lines  # pragma: no cover - a mapping always has keys


__all__ = ["comment", "commented_out", "mapping", "plain_ok", "plain_or_quoted", "quoted", "scalar", "sequence_item", "wrap"]
