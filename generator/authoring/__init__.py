"""Authoring: what staff use to write content (Word import, skeletons, the ``nouveau`` and ``importer`` commands)."""
