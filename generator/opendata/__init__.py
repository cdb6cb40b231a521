"""Open data: the downloads of a checked site, one module per format.

``json_data``, ``csv_tables``, ``dcat`` (JSON-LD catalogue), ``atom`` (feed), and
``downloads``, which lists every file by its path.
"""
