"""plans-publics: turn Québec public plans and agreements (YAML) into a French static site.

The core (everything but :mod:`generator.mkdocs_plugin`) never imports MkDocs:
``load_site`` reads ``content/`` into frozen models, ``render_pages`` turns them
into ``{path: Markdown}``.

The names below are imported on first use: the MkDocs plugin only imports what it
needs in the build process (the rest runs in a child process where possible).
"""

from __future__ import annotations

import importlib
from typing import Any

_EXPORTS = {
    "ContentError": "generator.problems",
    "Problem": "generator.problems",
    "load_site": "generator.content",
    "render_pages": "generator.render",
}

__all__ = list(_EXPORTS)


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        return getattr(importlib.import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module 'generator' has no attribute {name!r}")
