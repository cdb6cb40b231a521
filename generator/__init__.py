"""plans-publics: turn Québec public plans and agreements (YAML) into a French static site.

The data flows one way, and the subpackages follow it:

- :mod:`generator.content`: read ``content/`` (YAML with line numbers), typed and
  frozen models, checks, loading (:func:`generator.content.loading.load_site`);
- :mod:`generator.pages`: the Markdown pages and the menu, one module per page family;
- :mod:`generator.opendata`: the downloads (CSV, JSON, DCAT, Atom), one module per format;
- :mod:`generator.build`: all of the above in one call, for any site engine;
- :mod:`generator.mkdocs_plugin`: the thin MkDocs adapter (the only module that imports MkDocs);
- :mod:`generator.authoring` and :mod:`generator.cli`: the staff's commands (Word import,
  skeletons, checking, export).
"""
