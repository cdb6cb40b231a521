"""Typed, frozen models of the content. Field names are the YAML keys (French).

Every field carries its French documentation (``doc(...)``): it is the source of
the format guide and of the JSON Schema used by editors. One module per kind of file:

- :mod:`.base`: the ``model`` decorator, list items, checks shared by every kind;
- :mod:`.catalogues`: regions, organisations, programmes (and their PIAR template), glossary, site;
- :mod:`.piar` and :mod:`.entente`: the two kinds of documents.

Import the models from here (``from generator.content.models import Piar``).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from generator.content.models.base import Element, model
from generator.content.models.catalogues import (
    CC_BY_4,
    ColonnesDuGabarit,
    Consigne,
    EnonceNumerote,
    GabaritPiar,
    Glossaire,
    Licence,
    NombreDEnjeux,
    Organisation,
    Programme,
    Region,
    Regions,
    Sigle,
    SiteInfo,
    TypeDeDocument,
    TypesDeDocuments,
)
from generator.content.models.entente import (
    Contact,
    Contribution,
    Contributions,
    Entente,
    Gouvernance,
    Mandataire,
    Membre,
    ObjectifSpecifique,
    Periode,
)
from generator.content.models.piar import (
    ETATS,
    Action,
    Echeance,
    Enjeu,
    Etat,
    Indicateur,
    Piar,
    Renvois,
    Statut,
    Avancement,
    TempsImparti,
    Volet,
)

Document = Piar | Entente
DOCUMENT_TYPES: dict[str, type] = {"piar": Piar, "entente_sectorielle": Entente}

# A version is known by the first of these dates it gives: its update date, else a plan's date.
VERSION_DATE_FIELDS = ("mise_a_jour", "date_du_plan")


def version_date(document: Any) -> dt.date | None:
    """The date a version is known by (see ``VERSION_DATE_FIELDS``); also works on raw values read from YAML."""
    return next((value for name in VERSION_DATE_FIELDS if (value := getattr(document, name, None))), None)


def feed_date(document: Any) -> dt.date:
    """The date the Atom feed gives the current version of a document: its version date, else the
    first day of its period (an entente without ``mise_a_jour``). The check says so in a notice."""
    return version_date(document) or dt.date(document.periode.debut, 1, 1)


__all__ = [
    "feed_date", "CC_BY_4", "DOCUMENT_TYPES", "ETATS", "VERSION_DATE_FIELDS", "Action", "ColonnesDuGabarit", "Consigne", "Contact",
    "Contribution", "Contributions", "Document", "Echeance", "Element", "EnonceNumerote", "Enjeu", "Entente", "Etat",
    "GabaritPiar", "Glossaire", "Gouvernance", "Indicateur", "Licence", "Mandataire", "Membre", "NombreDEnjeux",
    "ObjectifSpecifique", "Organisation", "Periode", "Piar", "Programme", "Region", "Regions", "Renvois", "Sigle",
    "SiteInfo", "Statut", "TempsImparti", "Avancement", "TypeDeDocument", "TypesDeDocuments", "Volet", "model", "version_date",
]
