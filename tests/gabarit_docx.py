"""Build .docx files in the shape of the ministry's PIAR template, with python-docx.

A document is a list of blocks: a ``str`` is a paragraph, :data:`PAGE` a page break,
:class:`Table` a table. A table's cell is a ``str`` (one paragraph, ``""`` for an
empty cell) or a list of paragraphs; a paragraph is a ``str``, :class:`Bullet` (a list
item, with Word's list style) or :class:`Lines` (one paragraph cut by soft line
breaks, Shift+Entrée).

:data:`SEED_PIAR` is the PIAR of the MRC du Fjord-du-Saguenay as Word holds it,
transcribed from ``shared/seeds/000_440a8617665ca1b1.txt``: the template's
instructions, the plan's dates, then the filled table split over pages (column
titles repeated on each page, rows continued on the next page, several paragraphs
and bullet lists in a cell). The text is the seed's, word for word, except the
characters the seed's extraction damaged (« Co-cr�er » is « Co-créer »): a real
Word file does not have them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Union

import docx
from docx.enum.text import WD_BREAK


@dataclass(frozen=True)
class Lines:
    lines: tuple[str, ...]

    def __init__(self, *lines: str) -> None:
        object.__setattr__(self, "lines", lines)


@dataclass(frozen=True)
class Bullet:
    text: str | Lines
    style: str = "List Paragraph"


Paragraph = Union[str, Bullet, Lines]
Cell = Union[str, list[Paragraph]]


@dataclass
class Table:
    header: list[str] | None
    rows: list[list[Cell]]
    # ((row, column), (row, column)) pairs merged with python-docx's cell.merge; rows count the header.
    merges: list[tuple[tuple[int, int], tuple[int, int]]] = field(default_factory=list)


PAGE = object()


def _fill(paragraph, spec: Paragraph) -> None:  # type: ignore[no-untyped-def]
    if isinstance(spec, Bullet):
        paragraph.style = spec.style
        _fill(paragraph, spec.text)
    elif isinstance(spec, Lines):
        run = paragraph.add_run(spec.lines[0])
        for line in spec.lines[1:]:
            run.add_break(WD_BREAK.LINE)
            run = paragraph.add_run(line)
    else:
        paragraph.add_run(spec)


def _cell(cell, spec: Cell) -> None:  # type: ignore[no-untyped-def]
    paragraphs = [spec] if isinstance(spec, str) else list(spec)
    if not paragraphs or paragraphs == [""]:
        return
    _fill(cell.paragraphs[0], paragraphs[0])
    for spec_paragraph in paragraphs[1:]:
        _fill(cell.add_paragraph(), spec_paragraph)


def build(blocks: list[object], path: Path) -> Path:
    document = docx.Document()
    for block in blocks:
        if block is PAGE:
            document.add_page_break()
        elif isinstance(block, Table):
            rows = ([block.header] if block.header else []) + block.rows
            width = max(len(r) for r in rows)
            table = document.add_table(rows=len(rows), cols=width)
            table.style = "Table Grid"
            for (r0, c0), (r1, c1) in block.merges:
                table.cell(r0, c0).merge(table.cell(r1, c1))
            done: list[object] = []  # lxml elements, kept alive so that `is` compares nodes
            for r, row in enumerate(rows):
                for c, spec in enumerate(row):
                    cell = table.cell(r, c)
                    if any(cell._tc is tc for tc in done):
                        continue  # a merged cell is filled once, from its first grid position
                    done.append(cell._tc)
                    _cell(cell, spec)
        else:
            document.add_paragraph(block)  # type: ignore[arg-type]
    document.save(str(path))
    return path


# --- the seed PIAR -----------------------------------------------------------------

TITLE = "PLAN D'INTERVENTION ET D'AFFECTATION DES RESSOURCES"

TEMPLATE_HEADER = [
    "Enjeux de développement économique à travailler par la MRC",
    "Objectifs d'Accès Entreprise Québec en lien avec l'enjeu",
    "Axes d'intervention d'Accès Entreprise Québec en lien avec l'enjeu",
    "Objectifs à atteindre",
    "Actions / interventions à mettre en place",
    "Ressources",
    "Échéanciers",
    "Indicateurs de performance",
    "Temps imparti par les ressources",
]


def _header(objectifs: str = "Objectifs d'AEQ", axes: str = "Axes d'AEQ") -> list[str]:
    return [
        "Enjeux à travailler par la MRC", objectifs, axes, "Objectifs à atteindre", "Actions mises en place",
        "Échéances", "Indicateurs de performance", "Temps imparti par les ressources",
    ]


HEADER = _header()
HEADER_OBJECTIFS = _header(objectifs="Objectifs")
HEADER_INSCRIRE = _header(
    "Objectifs d'AEQ (inscrire uniquement le chiffre correspondant)",
    "Axes d'intervention d'AEQ (inscrire uniquement le chiffre correspondant)",
)

INTRODUCTION = [
    "- Le plan d'intervention et d'affectation des ressources (PIAR) est un document synthèse qui doit être déposé "
    "au ministère de l'Économie et de l'Innovation (MEI) dans les trois (3) mois suivant la signature de la "
    "convention d'aide financière ;",
    "- Le PIAR couvre le budget alloué dans le cadre d'Accès Entreprise Québec (AEQ) ;",
    "- Le plan doit être élaboré en collaboration avec le comité aviseur tel que défini dans la convention ;",
    "- Dans le cas où la MRC ferait une mise à jour de son PIAR, une copie devra être déposée au MEI ;",
    "- La liste des entreprises accompagnées sera demandée.",
]

INSTRUCTIONS = Table(TEMPLATE_HEADER, [[
    [
        "✓ Les enjeux doivent avoir été élaborés ou entérinés par le nouveau comité aviseur ;",
        "✓ Généralement, de quatre à sept enjeux sont raisonnables pour l'atteinte réelle des objectifs par les "
        "actions concrètes ;",
        "✓ Les enjeux pourraient provenir d'une réflexion territoriale ou d'études diverses.",
    ],
    [
        "1. Améliorer les services aux entreprises ;",
        "2. Développer une offre de services qui répond aux priorités et aux besoins des entreprises de l'ensemble "
        "du territoire de la MRC ;",
        "3. Donner accès à des services comparables sur le territoire ;",
        "4. Assurer que les entreprises puissent se déployer et atteindre leur plein potentiel.",
    ],
    [
        "1. Accompagner les entreprises et les entrepreneurs dans leur projet d'affaires ;",
        "2. Référer les entreprises aux ressources, programmes et services existants afin d'aider, de manière "
        "optimale, tous les types d'entreprises (travailleurs autonomes, coops, entreprises manufacturières, "
        "services, etc.) ;",
        "3. Intervenir à l'échelle de la MRC pour permettre une accessibilité de proximité aux services, au plus "
        "grand nombre d'entreprises et d'entrepreneurs ;",
        "4. Collaborer avec différentes ressources et expertises sur le territoire des MRC pour maximiser l'offre "
        "de services aux entrepreneurs ;",
    ],
    ["Inclure quelques objectifs SMART par enjeu :", "Spécifique", "Mesurable", "Aceptable", "Réaliste",
     "Temporellement défini."],
    "Pour chaque objectif, élaborer des actions ou interventions qui seront mises en place pour atteindre l'objectif.",
    "Identifier si les actions seront prises en charge par une nouvelle ressource ou une ressource existante.",
    "Pour chaque action, une échéance doit être associée.",
    [
        "L'indicateur de performance peut être quantitatif ou qualitatif.",
        "N.B. Les indicateurs de performance devraient aussi être en lien avec la reddition de compte annuelle du "
        "service.",
    ],
    [
        "Le temps imparti par les ressources concernées (nouvelles et anciennes) à la réalisation des actions en "
        "lien avec l'atteinte de l'objectif.",
        "N.B. 100 % du temps d'une ressource peut être scindé en plusieurs actions.",
    ],
]])

INSTRUCTIONS_CONTINUED = Table(TEMPLATE_HEADER, [[
    "", "",
    [
        "5. Collaborer étroitement avec Investissement Québec (IQ) dans chaque région pour permettre au plus grand "
        "nombre d'entreprises d'optimiser leur processus et leur croissance ;",
        "6. Contribuer à faciliter les démarches de financement en lien avec des projets d'entreprises divers et "
        "variés, notamment par les FLI, les FLS et d'autres fonds régionaux dédiés ;",
        "7. Dynamiser l'économie locale de la MRC par l'augmentation des ressources pour accompagner les entreprises.",
    ],
    "", "", "", "", "", "",
]])

E = ""  # an empty cell

SEED_TABLES = [
    Table(HEADER, [
        [
            "1. Effectifs disponibles au SDÉ pour répondre aux besoins grandissants d'accompagnement des entrepreneurs",
            "1-2-4",
            ["2 et 7", "1-2-3-7"],
            [
                "Augmenter l'offre disponible pour les entreprises touristiques en lien avec la recherche de "
                "financement et la bonification de la qualité et de l'offre touristique, particulièrement hivernale ;",
                "Avoir une personne responsable de certaines tâches, en lien avec le suivi aux entreprises et la "
                "planification de rencontres avec les conseillers.",
                "Ajout d'une ressource pour des besoins de marketing.",
            ],
            [
                "Embauche d'une ressource spécialisée en tourisme.",
                "Déterminer qui pourrait effectuer ce rôle à la MRC et mettre en place les processus nécessaires.",
                "Embauche d'une ressource en marketing territorial.",
            ],
            ["Décembre 2023", "Septembre 2024", "Janvier 2025"],
            [
                "Une personne embauchée.",
                "Une personne embauchée d'ici le 31 octobre 2024.",
                "Une personne en poste janvier 2025.",
            ],
            "Temps non imparti aux ressources.",
        ],
        [
            "2. Expertise et connaissances des membres de l'équipe du SDÉ",
            "1-2",
            "6-7",
            "Développer les connaissances, et l'expertise des ressources",
            [
                "Participation des ressources aux formations offertes par le programme AEQ.",
                "Participation aux formations offertes par la FTQ pour améliorer la gestion de notre portefeuille de "
                "financement et l'accompagnement des entreprises.",
                "Participation à des formations en lien avec les enjeux actuels des entreprises et prioritaires pour "
                "le MEIE",
            ],
            "Le 31 mars 2025",
            [
                "Chaque conseiller doit au minimum assister à :",
                Bullet(Lines("-15 formations en cours d'année", "Dont au moins, 5 formations en lien avec les "
                             "priorités identifiées par le MEIE.")),
                Bullet("- participer à un minimum de 5 activités de réseautage dans l'année."),
            ],
            "15%",
        ],
    ]),
    PAGE, TITLE,
    Table(HEADER, [[
        E, E, E, E,
        "(innovation, développement durable, virage numérique, relève d'entreprise)",
        E,
        [Bullet("- Au moins 75 % de l'équipe sera présente au Congrès annuel de l'APDEQ")],
        E,
    ]]),
    Table(HEADER_OBJECTIFS, [
        [
            "3. Accompagnement des entreprises dans le cadre d'une offre de services globale adaptée aux besoins "
            "généraux des entreprises de la MRC.",
            "2-3-4",
            "1-2-4-5-6",
            [
                "Augmenter la synergie entre les entreprises et la MRC.",
                "Accompagner un plus grand nombre d'entreprises.",
                "Améliorer la qualité de l'offre de services en étant plus proactif auprès des entreprises du "
                "territoire et s'assurer que l'offre répond au besoin.",
            ],
            [
                "Visite des entreprises de notre territoire pour mieux les connaître.",
                "Déceler des besoins chez les entreprises visitées et ajuster notre offre de services pour y répondre.",
                "Faire parvenir un sondage aux entreprises visitées pour connaître leurs champs d'intérêt et leurs "
                "besoins.",
            ],
            "Le 31 mars 2025",
            [
                "50 entreprises visitées par les conseillers du SDÉ à leur propre initiative. Sans que celle-ci soit "
                "liée à une demande d'aide financière.",
                "50 visites d'entreprises accompagnées dans le cadre d'une démarche d'aide financière ou de "
                "service-conseil.",
                "Taux de réponse d'un minimum de 75 % des entreprises au sondage.",
            ],
            "60%",
        ],
        [
            E, E, E,
            "Améliorer les connaissances de la réalité économique de nos territoires et des besoins spécifiques aux "
            "différents secteurs.",
            [
                "Rencontrer les DG des municipalités pour s'assurer de bien comprendre les réalités des différentes "
                "municipalités et comment nos interventions pourraient répondre à leurs besoins.",
                "Développer une stratégie de mobilisation des leaders économiques eu égard au développement "
                "économique présent et futur de la MRC.",
            ],
            "31 mars 2025",
            [
                "Avoir rencontré 50 % des DG individuellement.",
                "Participer à une rencontre MRC et DG.",
                "Mettre sur pied un comité de leader.",
            ],
            E,
        ],
    ]),
    PAGE, TITLE,
    Table(HEADER_OBJECTIFS, [
        [
            E, E, E,
            "Avoir un portefeuille de financement équilibré et utiliser les sommes adéquatement pour maximiser "
            "l'impact économique sur le territoire.",
            ["Participer aux formations de la FTQ.", "Lier l'offre de subventions à l'offre de financement."],
            E,
            [
                "Mobilisation des équipes internes au processus (participation aux rencontres, nombre d'avis demandés "
                "et reçus.)",
                "Politique FASE et FLIS/FLS mises à jour.",
            ],
            E,
        ],
        [
            E, E, E,
            [
                "Améliorer l'accessibilité aux services",
                "Améliorer le suivi fait aux entreprises avec lesquelles nous avons des ententes en cours.",
            ],
            [
                "Définir des parcours client sur notre site Web et mise en place d'un questionnaire sur notre site "
                "pour les demandes d'accompagnement",
                "Effectuer des rencontres annuelles avec les entreprises avec lesquelles nous avons une entente en "
                "cours (FASE ou FLI/FLS).",
            ],
            "Le 31 mars 2025",
            [
                "20 % des demandes reçues proviennent de notre site Web.",
                "100 % des entreprises ayant un prêt en cours avec la MRC sont rencontrées.",
                "100 % des entreprises ayant un FASE (protocole en cours) sont contactées.",
            ],
            E,
        ],
    ]),
    PAGE, TITLE,
    Table(HEADER_OBJECTIFS, [[
        E, E, E, E, E, E, "50 % des entreprises ayant un FASE (protocole en cours) sont rencontrées.", E,
    ]]),
    Table(HEADER, [[
        "4. Maillage et synergie avec les partenaires",
        "2",
        "2-4-5-6",
        "Favoriser le partenariat entre les différents organismes et les entreprises.",
        [
            "Consultation et implication des partenaires en fonction des secteurs d'activités.",
            "Suivi des travaux d'actualisation de la politique auprès des partenaires",
            "Organisation d'événements en collaboration avec un ou des partenaires.",
        ],
        "Le 31 décembre 2024",
        [
            "Politique FLI-FLS, renouvelée.",
            "Politique FASE renouvelée.",
            "Au moins une communication à nos partenaires, en lien avec le renouvellement de nos politiques d'aide "
            "financière.",
            "Au moins 2 communications publiques en lien avec nos politiques d'aide financière.",
            "Au moins 5 activités pour les entreprises du territoire en collaboration avec un ou plusieurs "
            "partenaires du milieu socioéconomique.",
        ],
        "10%",
    ]]),
    PAGE, TITLE,
    Table(HEADER, [
        [
            E, E, E,
            "Mettre en commun des ressources au service des entreprises.",
            "Co-créer des projets communs avec les territoires à proximité : (Ville de Saguenay, MRC, Lac-Saint-Jean "
            "Est) et MRC Haute-Côte-Nord.",
            E,
            "Au moins 3 projets communs développés (mentorat, recrutement international, développement de Solidar, "
            "etc.).",
            E,
        ],
        [
            E, E,
            "2-3-4-5",
            "Favoriser la mobilisation des leaders du développement économique.",
            [
                "Participer activement aux activités de réseautage avec les acteurs économiques des secteurs "
                "stratégiques.",
                "Ajouter des membres du milieu économique de notre territoire à notre comité d'investissement pour "
                "avoir une meilleure représentation des secteurs.",
                "S'impliquer dans différents comités d'entreprises ou d'organisations leaders de notre territoire.",
            ],
            "Le 31 mars 2025",
            [
                "Au moins 5 activités",
                "Révision des règles du comité d'investissement et recrutement des nouveaux membres.",
                "Faire partie (à titre de membre ou observateur) à au moins 2 comités par année d'entreprises de "
                "notre territoire. (Niobec,",
            ],
            E,
        ],
    ]),
    PAGE, TITLE,
    Table(HEADER, [
        [E, E, E, E, E, E, "Mont-Édouard, Club Caribou).", E],
        [
            E,
            "3",
            "3-4-5",
            "Amélioration de la connaissance des entreprises territoriales par les différents partenaires.",
            "Diffuser les données résultant de la tournée aux partenaires.",
            "Le 31 mars 2024",
            ["Rapport complet et résumé (conclusions et tendances)", "Présentation à au moins dix partenaires locaux."],
            E,
        ],
    ]),
    Table(HEADER_INSCRIRE, [
        [
            "5. Faire connaître les services de la MRC par les entreprises ou les promoteurs.",
            "1-3",
            "3-7",
            "Améliorer la connaissance des services de la MRC par les entreprises ou les promoteurs.",
            "Développer et faire vivre une campagne de communication afin de faire valoir l'expertise et le rôle de "
            "la MRC dans le développement économique du territoire",
            "Le 31 mars 2025",
            [
                "Déploiement du plan de communication.",
                "Présenter l'offre de services du SDÉ dans le cadre d'une activité de réseautage. Au moins une par "
                "secteur géographique.",
            ],
            "10%",
        ],
        [
            "6. Rehaussement de l'attractivité des entreprises territoriales et soutien à leurs démarches.",
            "2",
            "2-3-4",
            [
                "Accompagner les entreprises aux prises avec des besoins de main-d'œuvre.",
                "Soutenir les entreprises dans leurs démarches de recrutement international.",
            ],
            [
                "Participation des ressources aux formations liées au recrutement international et aux bonnes "
                "pratiques RH.",
                "Promotion du service d'accompagnement auprès des entreprises.",
                "Pour les besoins en recrutement international, établir un partenariat et une étroite collaboration "
                "avec PS",
            ],
            "Le 31 mars 2024",
            [
                "Participer à au moins trois formations spécifiques au recrutement international",
                "Partenariat avec Promotion Saguenay en ce qui a trait au recrutement international.",
                "Au moins cinq publications directes adressées aux entreprises.",
            ],
            "5%",
        ],
    ]),
    PAGE, TITLE,
    Table(HEADER_INSCRIRE, [[
        "7. Ciblage, maintien et développement des conditions minimales.",
        "2",
        "3-4",
        "Caractériser et définir les conditions minimales d'une occupation dynamique du territoire par les services "
        "de proximité.",
        [
            "Initier et tenir une réflexion sur la description contemporaine d'un service de proximité versus les "
            "besoins actualisés des citoyens des municipalités ; (ASMRC)",
            "Définir les incitatifs financiers pouvant participer à la création, au maintien ou à l'amélioration du "
            "service de proximité et assurer une cohérence entre les différents programmes.",
        ],
        "Le 31 mars 2024",
        "Incitatifs spécifiques aux services de proximité dans nos politiques d'aide financière.",
        "5%",
    ]]),
]

SEED_PIAR: list[object] = [
    "Plan d'intervention et d'affectation des ressources",
    TITLE,
    *INTRODUCTION,
    "Date du plan :\t11 mai 2021",
    "Date de mise à jour :\t2 octobre 2024",
    PAGE, TITLE,
    INSTRUCTIONS,
    PAGE, TITLE,
    INSTRUCTIONS_CONTINUED,
    PAGE, TITLE,
    *SEED_TABLES,
]
