"""Contenu synthétique réaliste pour le banc d'essai : N MRC, chacune avec un PIAR et une entente.

    python bench/generer.py 100 /tmp/contenu-100

Le dossier produit a la forme de content/ : les fichiers communs (site.yml, regions.yml,
glossaire.yml, programmes/aeq.yml et les ministères) sont copiés du projet; chaque MRC
« mrc-0001 » … reçoit un fichier d'organisation, un PIAR de 7 enjeux (environ 25 actions
réparties en volets) et une entente sectorielle. Les textes sont en français, variés
d'une MRC à l'autre, et le résultat est déterministe pour une graine donnée.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import shutil
import unicodedata
from pathlib import Path

import yaml

PROJET = Path(__file__).resolve().parent.parent
CONTENU_REEL = PROJET / "content"
COMMUNS = ["site.yml", "regions.yml", "glossaire.yml", "programmes/aeq.yml"]
MINISTERES = ["mamh", "meie", "mifi", "services-quebec"]
REGIONS = [
    "bas-saint-laurent", "saguenay-lac-saint-jean", "capitale-nationale", "mauricie", "estrie", "montreal",
    "outaouais", "abitibi-temiscamingue", "cote-nord", "nord-du-quebec", "gaspesie-iles-de-la-madeleine",
    "chaudiere-appalaches", "laval", "lanaudiere", "laurentides", "monteregie", "centre-du-quebec",
]  # fmt: skip

# --- noms de lieux -------------------------------------------------------------------

BASES = [
    "Matane", "Kamouraska", "Témiscouata", "Rimouski", "Mitis", "Charlevoix", "Portneuf", "Bellechasse",
    "Lotbinière", "Beauce", "Etchemins", "Appalaches", "Mégantic", "Coaticook", "Memphrémagog", "Sherbrooke",
    "Maskinongé", "Mékinac", "Matawinie", "Joliette", "Montcalm", "Argenteuil", "Papineau", "Pontiac",
    "Gatineau", "Abitibi", "Témiscamingue", "Manicouagan", "Minganie", "Caniapiscau", "Bonaventure", "Avignon",
    "Rocher-Percé", "Nicolet", "Bécancour", "Drummond", "Arthabaska", "Érable", "Acton", "Rouville",
    "Richelieu", "Yamaska", "Saint-François", "Chaudière", "Etchemin", "Saguenay", "Péribonka", "Mistassini",
    "Chibougamau", "Rivière-Rouge", "Lièvre", "Coulonge", "Batiscan", "Saint-Maurice", "Sainte-Anne", "Montmorency",
    "Jacques-Cartier", "Chicoutimi", "Ashuapmushuan", "Métabetchouane", "Ouareau", "Assomption", "Mascouche",
    "Châteauguay", "Beauharnois", "Soulanges", "Vaudreuil", "Saint-Laurent", "Outardes", "Betsiamites",
]  # fmt: skip
MOTIFS = [
    "de {b}", "de la Vallée-de-{b}", "du Haut-{b}", "des Collines-de-{b}", "du Lac-{b}", "des Rives-de-{b}",
    "du Pays-de-{b}", "de la Côte-de-{b}", "des Plateaux-de-{b}", "du Bas-{b}", "des Monts-de-{b}",
    "de la Haute-{b}", "du Domaine-de-{b}", "des Basses-Terres-de-{b}", "de la Rivière-{b}", "des Îles-de-{b}",
]  # fmt: skip
SAINTS = [
    "Saint-Ambroise", "Sainte-Agathe", "Saint-Alexis", "Sainte-Adèle", "Saint-Basile", "Sainte-Béatrix",
    "Saint-Cyprien", "Sainte-Claire", "Saint-Damase", "Sainte-Émélie", "Saint-Élzéar", "Sainte-Flavie",
    "Saint-Fulgence", "Sainte-Germaine", "Saint-Gédéon", "Sainte-Hénédine", "Saint-Honoré", "Sainte-Justine",
    "Saint-Jovite", "Sainte-Luce", "Saint-Léonard", "Sainte-Marcelline", "Saint-Narcisse", "Sainte-Perpétue",
    "Saint-Odilon", "Sainte-Rosalie", "Saint-Prime", "Sainte-Sabine", "Saint-Quentin", "Sainte-Thècle",
    "Saint-Rémi", "Sainte-Ursule", "Saint-Siméon", "Sainte-Victoire", "Saint-Tite", "Saint-Zénon",
]  # fmt: skip
SECTEURS = [
    "agroalimentaire", "forestier", "touristique", "manufacturier", "bioalimentaire", "minier", "maritime",
    "culturel", "numérique", "agricole", "du commerce de détail", "de la construction", "acéricole",
    "de l'aérospatiale", "des services professionnels", "de la transformation du bois",
]  # fmt: skip
PRENOMS = [
    "Andréa", "Benoît", "Chantal", "Denis", "Élise", "François", "Geneviève", "Hugo", "Isabelle", "Jérôme",
    "Karine", "Louis", "Mélanie", "Nicolas", "Odette", "Patrice", "Rachel", "Sébastien", "Thérèse", "Valérie",
    "Yannick", "Zoé", "Maxime", "Annie", "Étienne", "Josée", "Mathieu", "Sophie",
]  # fmt: skip
NOMS = [
    "Tremblay", "Gagnon", "Roy", "Côté", "Bouchard", "Gauthier", "Morin", "Lavoie", "Fortin", "Gagné",
    "Ouellet", "Pelletier", "Bélanger", "Lévesque", "Bergeron", "Leblanc", "Paquette", "Girard", "Simard",
    "Boucher", "Caron", "Beaulieu", "Cloutier", "Dubé", "Poirier", "Fournier", "Paquin-Lessard", "Thériault",
]  # fmt: skip
INDICATIFS = ["418", "450", "514", "579", "581", "819", "873"]

# --- textes du PIAR ------------------------------------------------------------------
# Chaque thème : titre de l'enjeu, objectifs, actions, indicateurs. Les gabarits prennent
# {lieu} (une municipalité de la MRC), {secteur}, {mrc} et {n} (un nombre).

THEMES = [
    (
        "Effectifs disponibles au service de développement économique pour répondre aux besoins "
        "grandissants d'accompagnement des entrepreneurs de {lieu}",
        ["Augmenter l'offre d'accompagnement disponible pour les entreprises du secteur {secteur}.",
         "Avoir une personne responsable du suivi des entreprises et de la planification des rencontres avec les conseillers."],
        ["Embauche d'une ressource spécialisée dans le secteur {secteur}.",
         "Déterminer qui pourrait assumer la coordination du suivi à la MRC et mettre en place les processus nécessaires.",
         "Embauche d'une ressource en marketing territorial pour {lieu} et les municipalités voisines.",
         "Réviser la répartition des dossiers entre les conseillers selon les secteurs d'activité."],
        ["Une personne embauchée d'ici {n} mois.", "Processus de suivi documenté et adopté par le conseil de la MRC.",
         "Délai moyen de prise en charge d'une demande réduit à {n} jours ouvrables."],
    ),
    (
        "Expertise et connaissances des membres de l'équipe du développement économique",
        ["Développer les connaissances et l'expertise des ressources en matière de financement et d'innovation."],
        ["Participation des ressources aux formations offertes par le programme AEQ.",
         "Participation aux formations de la FTQ pour améliorer la gestion du portefeuille de financement.",
         "Participation à des formations sur la relève d'entreprise, le virage numérique et le développement durable.",
         "Organiser un dîner-conférence mensuel de partage d'expertise entre conseillers."],
        ["Chaque conseiller assiste à au moins {n} formations en cours d'année.",
         "Au moins 75 % de l'équipe présente au congrès annuel de l'APDEQ.",
         "Participation à un minimum de {n} activités de réseautage dans l'année."],
    ),
    (
        "Accompagnement des entreprises du secteur {secteur} dans le cadre d'une offre de services globale "
        "adaptée à leurs besoins",
        ["Augmenter la synergie entre les entreprises et la MRC.", "Accompagner un plus grand nombre d'entreprises.",
         "Améliorer la qualité de l'offre de services en étant plus proactif auprès des entreprises du territoire."],
        ["Visite des entreprises de {lieu} et des environs pour mieux les connaître.",
         "Déceler les besoins des entreprises visitées et ajuster l'offre de services pour y répondre.",
         "Faire parvenir un sondage aux entreprises visitées pour connaître leurs champs d'intérêt.",
         "Définir des parcours clients sur le site Web de la MRC et un formulaire de demande d'accompagnement.",
         "Rencontrer chaque année les entreprises ayant un prêt en cours du FLI ou du FLS."],
        ["{n} entreprises visitées par les conseillers à leur propre initiative.",
         "Taux de réponse d'au moins {n} % au sondage.", "100 % des entreprises ayant un prêt en cours rencontrées."],
    ),
    (
        "Maillage et synergie avec les partenaires du territoire de {lieu}",
        ["Favoriser le partenariat entre les organismes de développement et les entreprises.",
         "Mettre en commun des ressources au service des entreprises."],
        ["Consultation et implication des partenaires selon les secteurs d'activité.",
         "Organisation d'événements en collaboration avec la chambre de commerce de {lieu}.",
         "Co-créer des projets communs avec les MRC voisines.",
         "Participer aux rencontres du comité régional d'Investissement Québec (IQ)."],
        ["Au moins {n} activités organisées avec un ou plusieurs partenaires du milieu socioéconomique.",
         "Au moins 3 projets communs développés (mentorat, recrutement international, achat local).",
         "Politique d'investissement du FLI renouvelée."],
    ),
    (
        "Faire connaître les services de la MRC auprès des entreprises et des promoteurs",
        ["Améliorer la connaissance des services de la MRC par les entreprises et les promoteurs."],
        ["Développer une campagne de communication sur le rôle de la MRC dans le développement économique.",
         "Présenter l'offre de services lors des activités de réseautage de chaque secteur géographique.",
         "Publier une infolettre trimestrielle destinée aux entrepreneurs.",
         "Mettre à jour la section « Entreprendre » du site Web de la MRC."],
        ["Déploiement du plan de communication.", "{n} abonnés à l'infolettre à la fin de l'année.",
         "Au moins une présentation par secteur géographique."],
    ),
    (
        "Attractivité des entreprises du secteur {secteur} et soutien au recrutement de main-d'œuvre",
        ["Accompagner les entreprises aux prises avec des besoins de main-d'œuvre.",
         "Soutenir les entreprises dans leurs démarches de recrutement international."],
        ["Participation des ressources aux formations sur le recrutement international et les bonnes pratiques RH.",
         "Promotion du service d'accompagnement en ressources humaines auprès des entreprises.",
         "Établir une collaboration avec Services Québec pour les besoins de recrutement.",
         "Organiser une foire de l'emploi à {lieu}."],
        ["Participer à au moins trois formations sur le recrutement international.",
         "Au moins {n} entreprises accompagnées dans leurs démarches de recrutement.",
         "Au moins cinq publications adressées directement aux entreprises."],
    ),
    (
        "Relève et transfert des entreprises familiales de {lieu} et du secteur {secteur}",
        ["Préparer la relève des entreprises dont les propriétaires approchent de la retraite."],
        ["Dresser l'inventaire des entreprises susceptibles d'être transférées d'ici cinq ans.",
         "Offrir un accompagnement personnalisé aux cédants et aux repreneurs.",
         "Faire connaître les outils du Centre de transfert d'entreprise du Québec."],
        ["Inventaire de {n} entreprises réalisé.", "Au moins {n} transferts accompagnés.",
         "Une séance d'information annuelle tenue pour les cédants."],
    ),
    (
        "Virage numérique et productivité des entreprises manufacturières",
        ["Accélérer l'adoption des technologies numériques par les PME du territoire."],
        ["Offrir des diagnostics numériques aux entreprises manufacturières.",
         "Diriger les entreprises vers les programmes d'Investissement Québec (IQ).",
         "Organiser un atelier sur le commerce en ligne pour les détaillants de {lieu}."],
        ["{n} diagnostics numériques réalisés.", "Au moins 10 entreprises dirigées vers IQ.",
         "Taux de satisfaction d'au moins 80 % aux ateliers."],
    ),
    (
        "Développement durable et économie circulaire dans les entreprises du secteur {secteur}",
        ["Accompagner les entreprises dans l'adoption de pratiques écoresponsables."],
        ["Mettre sur pied une symbiose industrielle à l'échelle de la MRC.",
         "Sensibiliser les entreprises aux programmes d'efficacité énergétique.",
         "Soutenir les projets de valorisation des matières résiduelles."],
        ["{n} entreprises participant à la symbiose industrielle.", "Au moins 5 synergies de matières conclues.",
         "Un rapport annuel des tonnes détournées de l'enfouissement."],
    ),
    (
        "Entrepreneuriat collectif et économie sociale à {lieu}",
        ["Soutenir la création et la consolidation des entreprises d'économie sociale."],
        ["Accompagner les promoteurs de coopératives et d'organismes à but non lucratif.",
         "Faciliter l'accès au FASE pour les projets collectifs.",
         "Organiser une journée de l'économie sociale avec le pôle régional."],
        ["{n} projets collectifs accompagnés.", "Au moins 2 nouvelles entreprises collectives démarrées.",
         "Une journée de l'économie sociale tenue chaque année."],
    ),
    (
        "Accès au financement des entreprises en démarrage et en croissance",
        ["Contribuer à faciliter les démarches de financement des projets d'entreprises divers et variés."],
        ["Lier l'offre de subventions à l'offre de financement du FLI et du FLS.",
         "Réviser la politique d'investissement et les règles du comité d'investissement.",
         "Ajouter au comité d'investissement des membres du milieu économique de {lieu}."],
        ["Politique d'investissement mise à jour.", "{n} dossiers de financement présentés au comité.",
         "Taux de survie à trois ans d'au moins 70 % des entreprises financées."],
    ),
    (
        "Commercialisation et exportation des produits régionaux du secteur {secteur}",
        ["Aider les entreprises à accéder à de nouveaux marchés au Québec et à l'étranger."],
        ["Accompagner les entreprises vers les services d'exportation régionaux.",
         "Soutenir la participation des entreprises aux salons commerciaux.",
         "Mettre en valeur les produits locaux dans une campagne d'achat local à {lieu}."],
        ["{n} entreprises accompagnées dans une démarche d'exportation.", "Campagne d'achat local réalisée.",
         "Au moins 4 salons commerciaux soutenus."],
    ),
    (
        "Tourisme quatre saisons et mise en valeur des attraits de {lieu}",
        ["Augmenter l'offre touristique hivernale et la qualité de l'accueil."],
        ["Accompagner les entreprises touristiques dans la recherche de financement.",
         "Soutenir la création de forfaits regroupant plusieurs entreprises.",
         "Collaborer avec l'association touristique régionale à la promotion du territoire."],
        ["{n} entreprises touristiques accompagnées.", "Au moins 3 forfaits créés.",
         "Hausse de 10 % de la fréquentation hivernale."],
    ),
    (
        "Connaissance du tissu économique de la MRC et veille stratégique",
        ["Améliorer la connaissance de la réalité économique du territoire et des besoins de chaque secteur."],
        ["Rencontrer les directions générales des municipalités pour bien comprendre leurs réalités.",
         "Tenir à jour un répertoire des entreprises du territoire.",
         "Diffuser les données de la tournée des entreprises aux partenaires."],
        ["Avoir rencontré 50 % des DG individuellement.", "Répertoire de {n} entreprises tenu à jour.",
         "Présentation des résultats à au moins dix partenaires locaux."],
    ),
]  # fmt: skip
ACTIONS_COMMUNES = [
    "Tenir un registre des interventions auprès des entreprises de {lieu}.",
    "Présenter un bilan semestriel des actions au comité aviseur.",
    "Diriger les entreprises vers les ressources, programmes et services existants.",
    "Participer aux activités de développement professionnel de l'APDEQ.",
    "Collaborer avec Investissement Québec (IQ) pour les projets d'investissement du secteur {secteur}.",
    "Documenter les besoins exprimés par les entreprises lors des rencontres de suivi.",
]
RESSOURCES = [
    "Conseiller ou conseillère aux entreprises", "Direction du développement économique",
    "Agent ou agente de développement rural", "Ressource en communication", "Commissaire industriel",
    "Ressource ajoutée grâce à Accès Entreprise Québec", "Équipe du service de développement économique",
]  # fmt: skip

# --- textes de l'entente --------------------------------------------------------------

SUJETS_ENTENTE = [
    ("l'attraction et l'établissement durable des personnes", "Attraction et établissement durable des personnes"),
    ("le développement du secteur bioalimentaire", "Développement du secteur bioalimentaire"),
    ("la vitalisation des communautés rurales", "Vitalisation des communautés rurales"),
    ("le développement de l'offre culturelle", "Développement culturel"),
    ("la mise en valeur du territoire forestier", "Mise en valeur du territoire forestier"),
    ("le développement touristique", "Développement touristique"),
    ("l'économie sociale", "Économie sociale"),
]
OBJECTIFS_SPECIFIQUES = [
    ("Plan d'action régional", "Élaborer et mettre en œuvre un plan d'action portant sur {sujet}, en collaboration avec les ministères et organismes du milieu."),
    ("Soutien aux services territoriaux", "Améliorer la capacité d'accueil et d'accompagnement des acteurs de {lieu} en soutenant les organismes responsables de ces services."),
    ("Image de marque", "Assurer l'utilisation d'une image de marque cohérente et attractive pour tout le territoire de la {mrc_court}."),
    ("Concertation régionale", "Constituer un lieu commun de concertation pour rassembler l'information et la diffuser aux partenaires."),
    ("Outils et stratégies innovants", "Développer des outils et des stratégies destinés aux entreprises du secteur {secteur}."),
    ("Appels de projets", "Lancer chaque année un appel de projets ouvert aux organismes et aux municipalités de la {mrc_court}."),
]  # fmt: skip


def _ascii(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")


def _slug(text: str) -> str:
    return "-".join("".join(c.lower() if c.isalnum() else " " for c in _ascii(text)).split())


def _elision(nom: str) -> str:
    """« Vallée-de-Argenteuil » → « Vallée-d'Argenteuil », « de Acton » → « d'Acton »."""
    for voyelle in "AEIOUÉÈÊÎ":
        nom = nom.replace(f"-de-{voyelle}", f"-d'{voyelle}").replace(f" de {voyelle}", f" d'{voyelle}")
    return nom


def noms_des_mrc(n: int, graine: int) -> list[tuple[str, str]]:
    """N (nom de la MRC, municipalité principale), uniques, dans un ordre mélangé mais stable."""
    rng = random.Random(graine)
    noms = [_elision(m.format(b=b)) for m in MOTIFS for b in BASES]
    rng.shuffle(noms)
    lieux = [_elision(f"{s}-de-{b}") for s in SAINTS for b in BASES]
    rng.shuffle(lieux)
    if n > len(noms):
        raise SystemExit(f"au plus {len(noms)} MRC synthétiques")
    return [(f"MRC {noms[i]}", lieux[i]) for i in range(n)]


def _dump(path: Path, schema: str, comment: str, data: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    text = yaml.dump(data, Dumper=getattr(yaml, "CSafeDumper", yaml.SafeDumper), allow_unicode=True, sort_keys=False, width=88, default_flow_style=False)
    path.write_text(f"# yaml-language-server: $schema=../../schemas/{schema}.schema.json\n# {comment}\n{text}", encoding="utf-8")


def _renvois(rng: random.Random, maximum: int) -> object:
    numbers = sorted(rng.sample(range(1, maximum + 1), rng.randint(1, min(4, maximum))))
    style = rng.randrange(3)
    if style == 0:
        return "-".join(map(str, numbers))
    if style == 1 or len(numbers) == 1:
        return numbers
    return [" et ".join(map(str, numbers[:2]))] + (["-".join(map(str, numbers[2:]))] if numbers[2:] else [])


def _echeance(rng: random.Random, debut: dt.date) -> str:
    year = debut.year + rng.randint(1, 3)
    if rng.random() < 0.5:
        return f"{year}-03-31"
    return f"{year}-{rng.randint(1, 12):02d}"


def piar(rng: random.Random, org_id: str, mrc: str, lieu: str) -> dict:
    date_du_plan = dt.date(rng.choice([2021, 2022, 2023]), rng.randint(1, 12), rng.randint(1, 28))
    mise_a_jour = date_du_plan + dt.timedelta(days=rng.randint(200, 900))
    themes = rng.sample(range(len(THEMES)), 7)
    # 25 actions (± 2) in 7 enjeux: 3 or 4 each, split in one or two volets.
    total_actions = rng.randint(23, 27)
    per_enjeu = [3] * 7
    for _ in range(total_actions - 21):
        per_enjeu[rng.randrange(7)] += 1
    shares = [rng.choice([5, 10, 10, 15, 15, 20]) for _ in range(7)]
    while sum(shares) > 100:
        shares[rng.randrange(7)] = 5
    enjeux = []
    for numero, (theme, count) in enumerate(zip(themes, per_enjeu), start=1):
        titre, objectifs, actions, indicateurs = THEMES[theme]
        secteur = rng.choice(SECTEURS)

        def fill(text: str) -> str:
            return text.format(lieu=lieu, secteur=secteur, mrc=mrc, n=rng.choice([3, 5, 8, 10, 12, 15, 20, 25, 30, 40, 50]))

        chosen = rng.sample(actions, min(count, len(actions)))
        chosen += rng.sample(ACTIONS_COMMUNES, count - len(chosen))
        split = [chosen] if count <= 3 or rng.random() < 0.4 else [chosen[:2], chosen[2:]]
        volets = []
        for v, acts in enumerate(split):
            volet: dict = {}
            if v == 0:
                volet["objectifs_programme"] = _renvois(rng, 4)
                volet["axes_programme"] = _renvois(rng, 7)
            volet["objectifs"] = [fill(t) for t in rng.sample(objectifs, rng.randint(1, len(objectifs)))]
            volet["actions"] = [fill(a) for a in acts]
            if rng.random() < 0.5:
                volet["ressources"] = rng.sample(RESSOURCES, rng.randint(1, 2))
            if rng.random() < 0.92:
                volet["echeances"] = sorted({_echeance(rng, date_du_plan) for _ in range(rng.randint(1, 3))})
            volet["indicateurs"] = [fill(t) for t in rng.sample(indicateurs, rng.randint(2, len(indicateurs)))]
            if rng.random() < 0.15:
                volet["indicateurs"][0] = {
                    "texte": "Chaque conseiller doit au minimum :",
                    "elements": [fill("assister à {n} formations en cours d'année;"), "participer à 5 activités de réseautage."],
                }
            volets.append(volet)
        enjeu: dict = {"numero": numero, "titre": fill(titre)}
        enjeu["temps_imparti"] = shares[numero - 1] if rng.random() < 0.9 else "Temps non imparti aux ressources."
        enjeu["volets"] = volets
        enjeux.append(enjeu)
    return {
        "type": "piar",
        "titre": "Plan d'intervention et d'affectation des ressources",
        "titre_court": "PIAR",
        "organisation": org_id,
        "programme": "aeq",
        "date_du_plan": date_du_plan,
        "mise_a_jour": mise_a_jour,
        "enjeux": enjeux,
    }


def entente(rng: random.Random, org_id: str, mrc: str, lieu: str, region: str) -> tuple[str, dict]:
    sujet, court = rng.choice(SUJETS_ENTENTE)
    debut = rng.choice([2022, 2023, 2024])
    fin = debut + rng.choice([2, 3, 4])
    secteur = rng.choice(SECTEURS)
    mrc_court = mrc

    def fill(text: str) -> str:
        return text.format(sujet=sujet, lieu=lieu, secteur=secteur, mrc_court=mrc_court)

    ministeres = rng.sample(MINISTERES, rng.randint(2, 4))
    parties = [{"organisation": m, "montant": rng.randint(4, 360) * 5000} for m in ministeres]
    parties.append({"organisation": org_id, "montant": rng.randint(10, 120) * 2500})
    if rng.random() < 0.5:
        parties.append({"libelle": f"Municipalités de la {mrc_court}", "montant": rng.randint(2, 40) * 1000})
    if rng.random() < 0.4:
        parties.append({"libelle": f"Chambre de commerce de {lieu}", "montant": rng.randint(1, 30) * 500, "nature": "non_monetaire"})
    prenom, nom = rng.choice(PRENOMS), rng.choice(NOMS)
    domaine = f"{org_id}.qc.ca"
    specifiques = rng.sample(OBJECTIFS_SPECIFIQUES, rng.randint(3, 5))
    data = {
        "type": "entente_sectorielle",
        "titre": f"Entente sectorielle de développement pour {sujet} dans la {mrc_court} ({debut}-{fin})",
        "titre_court": f"{court} ({debut}-{fin})",
        "organisation": org_id,
        "region": region,
        "periode": {"debut": debut, "fin": fin},
        "mise_a_jour": dt.date(debut, rng.randint(1, 12), rng.randint(1, 28)),
        "objectifs_generaux": [
            fill("Mettre sur pied une démarche concertée visant {sujet}, assurant la cohérence et la complémentarité des actions des partenaires;"),
            fill("Soutenir les initiatives des organismes de {lieu} et des municipalités du territoire."),
        ],
        "objectifs_specifiques": [
            {"numero": i, "titre": titre, "elements": [fill(texte)]} for i, (titre, texte) in enumerate(specifiques, start=1)
        ],
        "gouvernance": {
            "instance": rng.choice(["comité directeur", "comité de gestion"]),
            "membres": [{"organisation": m} for m in ministeres] + [{"organisation": org_id}, "Les municipalités locales du territoire"],
        },
        "mandataire": {
            "organisation": org_id,
            "role": "Elle est chargée d'administrer les fonds mis en commun et de coordonner l'entente.",
        },
        "contributions": {"total_declare": sum(p["montant"] for p in parties), "parties": parties},
        "contact": {
            "nom": f"{prenom} {nom}",
            "fonction": rng.choice(["Directrice générale", "Directeur général", "Conseillère en développement", "Coordonnateur de l'entente"]),
            "organisation": org_id,
            "telephone": f"{rng.choice(INDICATIFS)}-{rng.randint(200, 999)}-{rng.randint(0, 9999):04d}",
            "courriel": f"{_slug(prenom)}.{_slug(nom)}@{domaine}",
        },
    }
    if rng.random() < 0.3:
        data["contact"]["poste"] = str(rng.randint(100, 299))
    return f"{org_id}-entente-{_slug(court)}-{debut}-{fin}", data


def generer(dossier: Path, n: int, graine: int = 2024) -> list[dict]:
    """Écrit le contenu de N MRC dans ``dossier`` (vidé d'abord); rend la liste des MRC produites."""
    dossier = Path(dossier)
    if dossier.exists():
        shutil.rmtree(dossier)
    for name in COMMUNS:
        (dossier / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(CONTENU_REEL / name, dossier / name)
    (dossier / "organisations").mkdir()
    for m in MINISTERES:
        shutil.copy(CONTENU_REEL / "organisations" / f"{m}.yml", dossier / "organisations" / f"{m}.yml")
    produites = []
    for i, (mrc, lieu) in enumerate(noms_des_mrc(n, graine), start=1):
        rng = random.Random(f"{graine}-{i}")
        org_id = f"mrc-{i:04d}"
        region = REGIONS[(i - 1) % len(REGIONS)]
        _dump(dossier / "organisations" / f"{org_id}.yml", "organisation", "Organisation synthétique (banc d'essai).",
              {"nom": mrc, "region": region, "site_web": f"https://www.{org_id}.qc.ca/"})  # fmt: skip
        plan = piar(rng, org_id, mrc, lieu)
        _dump(dossier / "documents" / f"{org_id}-piar.yml", "document", f"PIAR synthétique de la {mrc}.", plan)
        entente_id, accord = entente(rng, org_id, mrc, lieu, region)
        _dump(dossier / "documents" / f"{entente_id}.yml", "document", f"Entente synthétique de la {mrc}.", accord)
        produites.append(
            {"identifiant": org_id, "nom": mrc, "lieu": lieu, "region": region, "piar": f"{org_id}-piar",
             "entente": entente_id, "enjeux": [e["titre"] for e in plan["enjeux"]]}  # fmt: skip
        )
    return produites


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int, help="nombre de MRC")
    parser.add_argument("dossier", type=Path, help="dossier de contenu à écrire (remplacé s'il existe)")
    parser.add_argument("--graine", type=int, default=2024)
    args = parser.parse_args()
    mrc = generer(args.dossier, args.n, args.graine)
    print(f"{len(mrc)} MRC, {2 * len(mrc)} documents écrits dans {args.dossier}.")


if __name__ == "__main__":
    main()
