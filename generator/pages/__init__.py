"""Pages: a checked site turned into Markdown pages and a menu, with no site engine.

``addresses`` (where each page and download lives), ``markdown`` (escaping and
Markdown pieces), ``parts`` (pieces several page families share), one module per page
family (``home``, ``organisation``, ``piar``, ``entente``, ``programme``, ``schedule``,
``versions``, ``glossary``, ``data``), ``menu`` and ``site`` (every page, in order).
"""
