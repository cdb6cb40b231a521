"""Catalogues: regions, organisations, programmes (with the facts of their PIAR template), glossary, site."""

from __future__ import annotations

import re
from typing import Any

from generator.content.models.base import IDENTIFIER, IDENTIFIER_HELP, NO_REGION, NO_REGION_NAME, duplicates, model, unique_numbers, web_address
from generator.content.models.publication import Obligation
from generator.content.typed_reader import FROM_FILE, doc
from generator.typography import name_with_acronym


@model
class Region:
    identifiant: str = doc("Identifiant court, en minuscules avec des tirets, par exemple « abitibi-temiscamingue ».")
    nom: str = doc("Nom officiel de la région administrative.")
    code: str | None = doc("Numéro officiel de la région, entre guillemets (« 08 »).", None)

    def check(self) -> list[tuple[Any, str]]:
        if not IDENTIFIER.fullmatch(self.identifiant):
            return [("identifiant", f"identifiant « {self.identifiant} » invalide\u00a0: {IDENTIFIER_HELP}, par exemple « bas-saint-laurent ».")]
        if self.identifiant == NO_REGION or " ".join(self.nom.split()).casefold() == NO_REGION_NAME.casefold():
            return [("", f"« {NO_REGION_NAME} » ({NO_REGION}) est réservé aux organisations sans région; "
                         "donnez un autre nom et un autre identifiant à cette région.")]
        return []


@model
class Regions:
    regions: tuple[Region, ...] = doc("Les régions administratives auxquelles les organisations appartiennent.")

    def check(self) -> list[tuple[Any, str]]:
        return duplicates(self.regions, "identifiant", "regions", "l'identifiant « {} » est utilisé deux fois.")


@model
class Organisation:
    identifiant: str = doc("Nom du fichier, sans « .yml ».", source=FROM_FILE)
    nom: str = doc("Nom complet, par exemple « Ministère de l'Immigration, de la Francisation et de l'Inclusion ».")
    sigle: str | None = doc("Sigle usuel, par exemple « MIFI ».", None)
    region: str | None = doc("Identifiant de la région (voir regions.yml); vide pour un organisme provincial.", None, ref="region")
    site_web: str | None = doc("Adresse du site Web, commençant par https://.", None)

    def check(self) -> list[tuple[str, str]]:
        return web_address("site_web", self.site_web)

    @property
    def nom_avec_sigle(self) -> str:
        return name_with_acronym(self.nom, self.sigle)


@model
class EnonceNumerote:
    numero: int = doc("Numéro de l'énoncé dans le programme (1, 2, 3…).")
    texte: str = doc("Texte complet de l'énoncé.")


@model
class Consigne:
    colonne: str = doc("Titre de la colonne du gabarit, tel qu'il y figure.")
    textes: tuple[str, ...] = doc("Consignes du gabarit pour cette colonne.")


@model
class NombreDEnjeux:
    minimum: int | None = doc("En deçà de ce nombre d'enjeux, un plan reçoit un avis.", None)
    maximum: int | None = doc("Au-delà de ce nombre d'enjeux, un plan reçoit un avis.", None)

    def check(self) -> list[tuple[str, str]]:
        if self.minimum is not None and self.maximum is not None and self.maximum < self.minimum:
            return [("maximum", f"le maximum ({self.maximum}) est plus petit que le minimum ({self.minimum}).")]
        return []


@model
class ColonnesDuGabarit:
    """Short names of the template's columns, as the Word import names them to staff."""

    enjeux: str | None = doc("La colonne des enjeux, par exemple « Enjeux ».", None)
    objectifs_programme: str | None = doc("La colonne des numéros d'objectifs du programme.", None)
    axes_programme: str | None = doc("La colonne des numéros d'axes du programme.", None)
    objectifs: str | None = doc("La colonne des objectifs à atteindre.", None)
    actions: str | None = doc("La colonne des actions.", None)
    ressources: str | None = doc("La colonne des ressources.", None)
    echeances: str | None = doc("La colonne des échéances.", None)
    indicateurs: str | None = doc("La colonne des indicateurs de performance.", None)
    temps_imparti: str | None = doc("La colonne du temps imparti.", None)

    def name(self, key: str) -> str:
        """The column's name, or the content file's key it fills when the programme does not name it."""
        return getattr(self, key) or key


@model
class GabaritPiar:
    titre: str | None = doc(
        "Titre du gabarit Word, par exemple « Plan d'intervention et d'affectation des ressources ». "
        "L'importation d'un fichier Word ignore un tableau qui ne contient que ce titre.",
        None,
    )
    presentation: tuple[str, ...] = doc("Ce que le programme dit du PIAR (un paragraphe par élément).")
    consignes: tuple[Consigne, ...] = doc(
        "Consignes du gabarit, colonne par colonne. L'importation d'un fichier Word reconnaît ces textes "
        "(leurs premiers mots) dans le tableau et ne les prend pas pour le plan.",
        (),
    )
    colonnes: ColonnesDuGabarit | None = doc(
        "Nom court de chaque colonne du tableau, tel que l'importation d'un fichier Word le cite dans ce qu'elle "
        "signale. Une colonne sans nom est désignée par sa clé (par exemple « objectifs_programme »).",
        None,
    )
    nombre_d_enjeux: NombreDEnjeux | None = doc(
        "Nombre d'enjeux que le gabarit juge raisonnable; un plan qui en compte moins ou plus reçoit un avis.", None
    )
    objectif_et_axe_par_enjeu: bool = doc(
        "oui si le gabarit demande d'associer chaque enjeu à au moins un objectif et un axe du programme; "
        "un PIAR qui ne le fait pas est alors refusé. Par défaut : non.",
        False,
    )
    obligation: Obligation | None = doc("L'obligation de publier le PIAR, et sa source : la page de chaque PIAR la cite.", None)


@model
class Programme:
    identifiant: str = doc("Nom du fichier, sans « .yml ».", source=FROM_FILE)
    nom: str = doc("Nom du programme, par exemple « Accès Entreprise Québec ».")
    sigle: str | None = doc("Sigle du programme, par exemple « AEQ ».", None)
    par_defaut: bool = doc(
        "oui pour le programme proposé par défaut aux nouveaux PIAR (commandes « nouveau » et « importer »); "
        "un seul programme peut l'être. Sans lui, le programme proposé est le seul du dossier, s'il est seul.",
        False,
    )
    responsable: str | None = doc("Identifiant de l'organisation qui administre le programme.", None, ref="organisation")
    objectifs: tuple[EnonceNumerote, ...] = doc("Objectifs généraux du programme, numérotés.")
    axes: tuple[EnonceNumerote, ...] = doc("Axes d'intervention du programme, numérotés.")
    piar: GabaritPiar | None = doc("Le gabarit du PIAR : présentation, consignes et règles.", None)

    def check(self) -> list[tuple[str, str]]:
        return unique_numbers(self.objectifs, "objectifs") + unique_numbers(self.axes, "axes")

    @property
    def nom_court(self) -> str:
        return self.sigle or self.nom


@model
class Sigle:
    sigle: str = doc("Le sigle tel qu'il figure dans les documents, par exemple « MRC ».")
    forme_longue: str | None = doc(
        "Sa forme longue, par exemple « municipalité régionale de comté »; vide si les documents ne la donnent pas.", None
    )


@model
class Glossaire:
    sigles: tuple[Sigle, ...] = doc("Les sigles employés dans les documents, avec leur forme longue.")

    def check(self) -> list[tuple[Any, str]]:
        return duplicates(self.sigles, "sigle", "sigles", "le sigle « {} » figure deux fois.")


@model
class TypeDeDocument:
    nom: str = doc("Nom du type de document, par exemple « Entente sectorielle de développement ».")
    sigle: str | None = doc("Sigle, par exemple « PIAR ».", None)
    question: str | None = doc("Titre de la présentation, par exemple « Une entente sectorielle, c'est quoi? ».", None)
    presentation: tuple[str, ...] = doc("Explication pour le public (un paragraphe par élément).", ())
    obligation: Obligation | None = doc(
        "L'obligation de publier ce type de document, et sa source (pour un PIAR, celle du programme prime).", None
    )


@model
class TypesDeDocuments:
    piar: TypeDeDocument = doc("Le plan d'intervention et d'affectation des ressources.")
    entente_sectorielle: TypeDeDocument = doc("L'entente sectorielle de développement.")


@model
class Licence:
    nom: str = doc("Titre de la licence des données, par exemple « Creative Commons Attribution 4.0 International (CC BY 4.0) ».")
    adresse: str = doc(
        "Adresse canonique de la licence, celle que les portails de données reconnaissent, par exemple "
        "« https://creativecommons.org/licenses/by/4.0/ » (sans « deed.fr »)."
    )
    spdx: str | None = doc(
        "Identifiant SPDX de la licence (liste de spdx.org/licenses), par exemple « CC-BY-4.0 »; "
        "vide pour une licence qui n'en a pas.",
        None,
    )

    def check(self) -> list[tuple[Any, str]]:
        problems = web_address("adresse", self.adresse)
        if self.spdx is not None and not _SPDX.fullmatch(self.spdx):
            problems.append(("spdx", f"identifiant SPDX « {self.spdx} » invalide; attendu\u00a0: lettres, chiffres, "
                                     "points et tirets, par exemple « CC-BY-4.0 »."))
        return problems


_SPDX = re.compile(r"[A-Za-z0-9][A-Za-z0-9.+-]*")

CC_BY_4 = Licence(
    nom="Creative Commons Attribution 4.0 International (CC BY 4.0)",
    adresse="https://creativecommons.org/licenses/by/4.0/",
    spdx="CC-BY-4.0",
)


_COLOUR = re.compile(r"#[0-9a-fA-F]{6}")
_SITE_FILE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*\.(png|svg|jpg|jpeg|webp|ico)")


def contrast(first: str, second: str) -> float:
    """WCAG contrast ratio of two #rrggbb colours (1 to 21)."""

    def luminance(colour: str) -> float:
        channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
        r, g, b = (c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    light, dark = sorted((luminance(first), luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


@model
class SiteDUneOrganisation:
    """A site that publishes one organisation's documents, on its own website's look."""

    organisation: str = doc("Identifiant de l'organisation dont c'est le site.", ref="organisation")
    logo: str | None = doc("Le logo de l'organisation, fichier placé dans le dossier de contenu (par exemple « logo.png »).", None)
    favicon: str | None = doc("L'icône de l'onglet du navigateur, fichier placé dans le dossier de contenu.", None)
    couleur_principale: str | None = doc(
        "Couleur de l'en-tête, #rrggbb; le texte blanc doit s'y lire (contraste d'au moins 4,5 pour 1).", None
    )
    couleur_accent: str | None = doc(
        "Couleur des liens survolés, #rrggbb; elle doit se lire sur le fond blanc (contraste d'au moins 4,5 pour 1).", None
    )

    def check(self) -> list[tuple[Any, str]]:
        problems: list[tuple[Any, str]] = []
        for name in ("logo", "favicon"):
            value = getattr(self, name)
            if value is not None and not _SITE_FILE.fullmatch(value):
                problems.append((name, f"nom de fichier « {value} » invalide : lettres minuscules sans accents, chiffres et "
                                       "tirets, puis .png, .svg, .jpg, .webp ou .ico; le fichier est dans le dossier de contenu."))
        for name in ("couleur_principale", "couleur_accent"):
            value = getattr(self, name)
            if value is None:
                continue
            if not _COLOUR.fullmatch(value):
                problems.append((name, f"couleur « {value} » invalide; attendu : #rrggbb, par exemple #1a5f7a."))
            elif (ratio := contrast(value, "#ffffff")) < 4.5:
                shown = f"{ratio:.2f}".replace(".", ",")
                where = "le texte blanc de l'en-tête" if name == "couleur_principale" else "le fond blanc des pages"
                problems.append((name, f"contraste insuffisant avec {where} : {shown} pour 1, il faut au moins 4,5 pour 1 "
                                       "(WCAG). Choisissez une couleur plus foncée."))
        return problems


@model
class SiteInfo:
    titre: str = doc("Titre du site, affiché en haut de chaque page.")
    description: str = doc("Une ou deux phrases qui présentent le site sur la page d'accueil.")
    types_de_documents: TypesDeDocuments = doc("Noms et présentations des types de documents.")
    editeur: str | None = doc(
        "Identifiant de l'organisation qui publie le site (éditeur des données ouvertes).", None, ref="organisation"
    )
    licence: Licence = doc("Licence des données téléchargeables; par défaut CC BY 4.0.", CC_BY_4)
    site_d_une_organisation: SiteDUneOrganisation | None = doc(
        "Pour le site d'une seule organisation (une MRC qui publie ses propres documents) : son identifiant, son logo, "
        "ses couleurs. Sans ce groupe, le site est un portail : régions, puis organisations, puis documents.", None
    )
