"""Authoring: what staff use to write content.

- :mod:`.commands`: the ``nouveau`` and ``importer`` subcommands;
- :mod:`.skeleton`: commented skeletons of new documents, written from the models;
- the Word import, one step per module: :mod:`.docx_reader` (what Word shows), :mod:`.template`
  (what the programme's file says of its template), :mod:`.piar_table` (the table into a
  :mod:`.plan`), :mod:`.french` (dates, numbers, time shares as written), :mod:`.piar_yaml`
  (the plan as a content file);
- :mod:`.yaml_writer`: the one YAML writer of the skeletons and the import.
"""
