"""Markdown building blocks: text from content files is always text.

``text()`` escapes everything Markdown or HTML could interpret, so a data file can
never inject markup into a page.
"""

from __future__ import annotations

import functools
import posixpath
import re
import urllib.parse

from generator.typography import typeset

_LEADING_LIST = re.compile(r"^(\d+)([.)])")


# One pass: HTML's three characters as entities, Markdown's specials backslashed.
_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", **{c: "\\" + c for c in "\\`*_{}[]()#+!|"}})


@functools.lru_cache(maxsize=65536)
def text(value: str) -> str:
    """Escape a plain-text value for inline use in Markdown, with OQLF spacing."""
    value = " ".join(value.split()).translate(_ESCAPES)
    if value[:1].isdigit():
        value = _LEADING_LIST.sub(r"\1\\\2", value)
    elif value.startswith("-"):
        value = "\\" + value
    return typeset(value)


# What may stay as is in a link target: RFC 3986's characters, less those Markdown or HTML
# could read ( ( ) ' [ ] ); the rest (spaces, < > " ` and non-ASCII) is percent-encoded.
_URL_SAFE = "/:#?&=%@+.,;~!$*-_"


def link(label: str, target: str) -> str:
    """A link whose label is already Markdown; ``target`` (a path or URI, from content or not)
    is percent-encoded where it could break out of the link."""
    return f"[{label}]({urllib.parse.quote(target, safe=_URL_SAFE)})"


def relative(from_page: str, to_page: str, anchor: str = "") -> str:
    """Relative link between two generated pages (``a/b.md`` → ``../c.md#x``)."""
    if to_page == from_page:
        return f"#{anchor}" if anchor else posixpath.basename(to_page)
    rel = _relative(_directory(from_page), to_page)
    return f"{rel}#{anchor}" if anchor else rel


@functools.lru_cache(maxsize=4096)
def _directory(page: str) -> str:
    return posixpath.dirname(page)


@functools.lru_cache(maxsize=65536)
def _relative(from_dir: str, to_page: str) -> str:
    """posixpath.relpath for site paths, without touching the file system (hot when rendering)."""
    start = from_dir.split("/") if from_dir else []
    target = to_page.split("/")
    common = 0
    while common < len(start) and common < len(target) - 1 and start[common] == target[common]:
        common += 1
    return "/".join([".."] * (len(start) - common) + target[common:])


def heading(level: int, label: str, anchor: str | None = None) -> str:
    suffix = f" {{#{anchor}}}" if anchor else ""
    return f"{'#' * level} {label}{suffix}"


def bullets(items: list[str], indent: int = 0) -> list[str]:
    pad = " " * indent
    return [f"{pad}- {item}" for item in items]


def table(headers: list[str], rows: list[list[str]], caption: str) -> list[str]:
    """A table with its caption (``generator.table_captions`` turns the paragraph into <caption>)."""
    lines = [caption, "{: .pp-legende }", ""]
    lines += ["| " + " | ".join(headers) + " |", "|" + "|".join(" --- " for _ in headers) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return lines
