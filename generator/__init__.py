"""plans-publics: turn Québec public plans and agreements (YAML) into a French static site.

The core (everything but :mod:`generator.mkdocs_plugin`) never imports MkDocs:
``load_site`` reads ``content/`` into frozen models, ``render_pages`` turns them
into ``{path: Markdown}``.
"""

from generator.content import load_site
from generator.problems import ContentError, Problem
from generator.render import render_pages

__all__ = ["ContentError", "Problem", "load_site", "render_pages"]
