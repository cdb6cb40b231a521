"""Content: YAML read with line numbers, typed frozen models, checks, and the whole folder loaded.

``yaml_reader`` (nodes and positions) → ``typed_reader`` (nodes read by the models'
type hints) → ``models`` (the format, with its checks) → ``loading`` (the folder, its
references, its versions). Every mistake is a :class:`~generator.content.problems.Problem`
in French, with file and line.
"""
