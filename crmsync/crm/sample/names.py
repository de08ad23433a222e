"""French words the sample data is made of: people, places, companies, jobs and agenda texts.

Plain lists and small tables only; :mod:`crmsync.crm.sample.generate` draws from them.
"""

from __future__ import annotations

FEMALE_FIRST_NAMES: tuple[str, ...] = (
    "Élodie", "Gaëlle", "Chloé", "Anaïs", "Hélène", "Céline", "Mélanie", "Zoé", "Léa", "Inès",
    "Maëlle", "Noémie", "Sophie", "Camille", "Claire", "Isabelle", "Nathalie", "Sandrine",
    "Aurélie", "Émilie", "Valérie", "Béatrice", "Marie", "Laure", "Agnès", "Françoise",
    "Geneviève", "Christelle", "Manon", "Juliette", "Océane", "Morgane", "Solène", "Maïwenn",
    "Anne-Sophie", "Marie-Claude", "Stéphanie", "Virginie", "Josiane", "Lætitia",
)  # fmt: skip

MALE_FIRST_NAMES: tuple[str, ...] = (
    "François", "Jérôme", "Stéphane", "Frédéric", "Sébastien", "Benoît", "Gaël", "Loïc",
    "Jean", "Pierre", "Nicolas", "Julien", "Thomas", "Mathieu", "Olivier", "Laurent",
    "Hervé", "Rémi", "Thierry", "Éric", "Cédric", "Noël", "Joël", "Raphaël", "Anthony",
    "Guillaume", "Yannick", "Didier", "Bruno", "Patrick", "Jean-Luc", "Jean-François",
    "Pierre-Yves", "Adrien", "Maxime", "Hugo", "Théo", "Clément", "Grégoire", "Jérémy",
)  # fmt: skip

LAST_NAMES: tuple[str, ...] = (
    "Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy",
    "Moreau", "Simon", "Laurent", "Lefèvre", "Michel", "Garcia", "David", "Bertrand", "Roux",
    "Vincent", "Fournier", "Morel", "Girard", "André", "Lefebvre", "Mercier", "Dupont",
    "Lambert", "Bonnet", "François", "Martinez", "Legrand", "Garnier", "Faure", "Rousseau",
    "Blanc", "Guérin", "Muller", "Henry", "Roussel", "Nicolas", "Perrin", "Morin", "Mathieu",
    "Clément", "Gauthier", "Dumont", "Lopez", "Fontaine", "Chevalier", "Robin", "Masson",
    "Sanchez", "Gérard", "Nguyen", "Boyer", "Denis", "Lemaire", "Duval", "Joly", "Gautier",
    "Roger", "Roche", "Roy", "Noël", "Meyer", "Lucas", "Meunier", "Jean", "Pérez", "Marchand",
    "Dufour", "Blanchard", "Brun", "Barbier", "Brunet", "Giraud", "Gaillard", "Le Gall",
    "Le Goff", "Kerhervé", "Hébert", "Bénard", "Lévêque", "Pâris", "Besnard", "Cañas",
    "Texier", "Rivière", "Lacroix", "Leclerc", "Château", "Delaunay", "Caron", "Desjardins",
    "Da Silva", "Ferreira", "N'Diaye", "Benoît", "Prévost", "Daguerre", "Etcheverry",
)  # fmt: skip

#: (postal code, commune) — real French communes, overseas ones included.
COMMUNES: tuple[tuple[str, str], ...] = (
    ("75011", "Paris"), ("75015", "Paris"), ("92100", "Boulogne-Billancourt"),
    ("93100", "Montreuil"), ("94300", "Vincennes"), ("78000", "Versailles"),
    ("95000", "Cergy"), ("77000", "Melun"), ("69003", "Lyon"), ("13008", "Marseille"),
    ("31000", "Toulouse"), ("06000", "Nice"), ("44000", "Nantes"), ("67000", "Strasbourg"),
    ("34000", "Montpellier"), ("33000", "Bordeaux"), ("59000", "Lille"), ("35000", "Rennes"),
    ("51100", "Reims"), ("76600", "Le Havre"), ("42000", "Saint-Étienne"), ("83000", "Toulon"),
    ("38000", "Grenoble"), ("21000", "Dijon"), ("49000", "Angers"), ("30000", "Nîmes"),
    ("63000", "Clermont-Ferrand"), ("72000", "Le Mans"), ("13100", "Aix-en-Provence"),
    ("29200", "Brest"), ("37000", "Tours"), ("80000", "Amiens"), ("87000", "Limoges"),
    ("74000", "Annecy"), ("66000", "Perpignan"), ("57000", "Metz"), ("25000", "Besançon"),
    ("45000", "Orléans"), ("76000", "Rouen"), ("14000", "Caen"), ("54000", "Nancy"),
    ("68100", "Mulhouse"), ("86000", "Poitiers"), ("64000", "Pau"), ("17000", "La Rochelle"),
    ("84000", "Avignon"), ("56100", "Lorient"), ("29000", "Quimper"), ("22000", "Saint-Brieuc"),
    ("79000", "Niort"), ("24000", "Périgueux"), ("24100", "Bergerac"),
    ("19100", "Brive-la-Gaillarde"), ("15000", "Aurillac"), ("12000", "Rodez"),
    ("81000", "Albi"), ("82000", "Montauban"), ("65000", "Tarbes"), ("47000", "Agen"),
    ("03100", "Montluçon"), ("58000", "Nevers"), ("18000", "Bourges"), ("36000", "Châteauroux"),
    ("41000", "Blois"), ("28000", "Chartres"), ("53000", "Laval"), ("61000", "Alençon"),
    ("50000", "Saint-Lô"), ("27000", "Évreux"), ("60000", "Beauvais"),
    ("08000", "Charleville-Mézières"), ("10000", "Troyes"), ("88000", "Épinal"),
    ("01000", "Bourg-en-Bresse"), ("73000", "Chambéry"), ("26000", "Valence"),
    ("43000", "Le Puy-en-Velay"), ("48000", "Mende"), ("05000", "Gap"), ("71000", "Mâcon"),
    ("42300", "Roanne"), ("23000", "Guéret"), ("49300", "Cholet"), ("85000", "La Roche-sur-Yon"),
    ("35500", "Vitré"), ("32000", "Auch"), ("11000", "Carcassonne"), ("89000", "Auxerre"),
    ("20000", "Ajaccio"), ("97200", "Fort-de-France"), ("97400", "Saint-Denis"),
)  # fmt: skip

STREETS: tuple[str, ...] = (
    "rue de la République", "avenue Jean Jaurès", "place du Général de Gaulle",
    "rue Victor Hugo", "boulevard Gambetta", "chemin des Vignes", "impasse des Lilas",
    "allée des Tilleuls", "rue du Moulin", "rue de l'Église", "avenue de la Libération",
    "rue Pasteur", "rue des Écoles", "route de la Forêt", "rue du Château d'Eau",
    "rue Émile Zola", "quai des Chartrons", "rue de Bretagne", "avenue du Maréchal Foch",
    "rue des Prés", "chemin de la Croix Blanche", "rue Jules Ferry", "place de la Mairie",
    "rue Saint-Éloi", "rue des Artisans", "boulevard de l'Europe", "rue de la Gare",
)  # fmt: skip

ADDRESS_SECOND_LINES: tuple[str, ...] = (
    "Bâtiment B", "ZI du Bois Joli", "Lieu-dit La Métairie", "2e étage", "Résidence Les Érables",
    "ZA des Écotais", "Parc d'activités du Moulin", "Hall 3", "Porte 12", "Le Clos Fleuri",
)  # fmt: skip

ADDRESS_THIRD_LINES: tuple[str, ...] = ("BP 42", "CS 70012", "BP 215", "CS 30507")

#: Landline prefix per overseas department; mainland prefixes follow the postal code's region.
OVERSEAS_PHONE_PREFIXES: dict[str, str] = {"972": "05 96", "974": "02 62"}

COMPANY_PATTERNS: tuple[str, ...] = (
    "Garage {last}", "Clinique vétérinaire des {tree}", "Boulangerie {last} SARL",
    "Cabinet vétérinaire {last}", "EARL du {place}", "GAEC des {tree}",
    "Transports {last} & Fils", "{last} Électricité", "Pharmacie de la {square}",
    "Menuiserie {last}", "SARL {last} Frères", "Scierie du {place}", "Élevage {last}",
    "Coopérative agricole du {place}", "Plomberie {last}", "Hôtel-restaurant Le {place}",
    "Cave {last}", "Fromagerie {last}", "Clinique vétérinaire du {place}",
    "Établissements {last}", "Maçonnerie {last} SAS", "Pépinières {last}",
)  # fmt: skip

TREES: tuple[str, ...] = (
    "Tilleuls", "Chênes", "Érables", "Châtaigniers", "Peupliers", "Hêtres", "Saules", "Pins",
)  # fmt: skip
PLACES: tuple[str, ...] = (
    "Moulin", "Vieux Pressoir", "Bocage", "Val", "Marais", "Plateau", "Prieuré", "Coteau",
)  # fmt: skip
SQUARES: tuple[str, ...] = ("Gare", "Mairie", "Poste", "Halle", "Fontaine", "Cathédrale")

#: (weight, kind) of companies.
COMPANY_KINDS: tuple[tuple[int, str], ...] = ((6, "Client"), (3, "Prospect"), (1, "Fournisseur"))

#: (masculine, feminine) job titles.
FUNCTIONS: tuple[tuple[str, str], ...] = (
    ("Gérant", "Gérante"), ("Responsable achats", "Responsable achats"),
    ("Vétérinaire", "Vétérinaire"), ("Technicien", "Technicienne"),
    ("Directeur commercial", "Directrice commerciale"), ("Comptable", "Comptable"),
    ("Assistant de direction", "Assistante de direction"), ("Chef d'atelier", "Cheffe d'atelier"),
    ("Éleveur", "Éleveuse"), ("Exploitant agricole", "Exploitante agricole"),
    ("Responsable maintenance", "Responsable maintenance"), ("Président", "Présidente"),
    ("Secrétaire", "Secrétaire"), ("Auxiliaire vétérinaire", "Auxiliaire vétérinaire"),
    ("Acheteur", "Acheteuse"), ("Responsable qualité", "Responsable qualité"),
)  # fmt: skip

PERSONAL_MAIL_DOMAINS: tuple[str, ...] = (
    "orange.fr", "wanadoo.fr", "free.fr", "gmail.com", "laposte.net", "sfr.fr", "yahoo.fr",
)  # fmt: skip

#: The firms the generated users work for; their e-mails use these domains.
USER_DOMAINS: tuple[str, ...] = (
    "agrivet-services.fr", "technichauffe.fr", "groupe-lefevre.fr", "veto-bocage.fr",
    "distrib-ouest.fr",
)  # fmt: skip

CONTACT_COMMENTS: tuple[str, ...] = (
    "Préfère être appelé le matin, avant 10 h.",
    "Accès par la cour arrière.\nSonner à l'atelier, le bureau est à l'étage.",
    "Client fidèle depuis 2012 — toujours régler à 30 jours.",
    "Ne pas appeler le mercredi (jour de marché).",
    "Troupeau de 120 vaches laitières.\nVisite sanitaire annuelle en mars.",
    "Contact privilégié pour les commandes urgentes.",
    "Attention : chien dans la cour !",
    "Parle aussi anglais et espagnol.",
    "Intéressé par le contrat d'entretien « Sérénité ».\nRelancer après l'été.",
    "Facturation à envoyer à la comptabilité du siège.",
    "A changé de société en début d'année ; ancienne adresse à supprimer.",
    "Rendez-vous uniquement l'après-midi.\nPortail code 1984#.",
)


# --- agenda texts -------------------------------------------------------------------------

#: Title patterns per action type; ``{company}`` and ``{contact}`` link the action to them.
TITLES: dict[str, tuple[str, ...]] = {
    "I": (
        "Intervention {company}", "Dépannage chaudière — {company}", "Maintenance préventive",
        "Installation matériel {company}", "Visite d'élevage {company}",
        "Vaccination troupeau", "Contrôle annuel {company}", "Mise en service",
    ),
    "TS": (
        "Appeler {contact}", "Relance devis {company}", "Rappeler {contact}",
        "Relance facture impayée", "Prise de rendez-vous {company}",
    ),
    "TL": (
        "Appel de {contact}", "Appel entrant — {company}", "Réclamation {company}",
        "Demande de devis {company}", "Appel entrant",
    ),
    "R": (
        "R.D.V. {company}", "Rendez-vous {contact}", "Présentation offre {company}",
        "Signature contrat {company}", "Déjeuner client {company}", "Rendez-vous client",
    ),
    "F": (
        "Formation sécurité", "Formation logiciel CRM", "Formation habilitation électrique",
        "Formation échographie", "Formation « Négocier avec succès »",
    ),
    "RU": (
        "Réunion d'équipe", "Réunion commerciale", "Point hebdo", "Comité de direction",
        "Réunion bilan trimestriel",
    ),
    "E": (
        "Salon de l'Agriculture", "Sommet de l'élevage", "Séminaire annuel", "Foire expo",
        "Portes ouvertes", "Salon Bâtimat",
    ),
    "P": (
        "Médecin", "Dentiste", "Sortie d'école", "Rendez-vous banque",
        "Garage — révision voiture", "Kiné",
    ),
    "CH": ("Tchat support {company}", "Tchat client", "Tchat {contact}"),
    "CG": ("Congés", "Congés payés", "RTT", "Congés d'été", "Pont de l'Ascension"),
    "T": (
        "Préparer devis {company}", "Envoyer facture {company}",
        "Mettre à jour le fichier clients", "Commander pièces détachées",
        "Rédiger compte rendu", "Préparer tournée de la semaine",
    ),
}  # fmt: skip

EMOJI_TITLES: tuple[str, ...] = (
    "☕ Café client", "🎂 Anniversaire de Chloé", "🚗 Déplacement Lyon", "📞 Rappeler M. Martin",
    "🐄 Visite élevage", "🎉 Pot de départ de Jérôme", "🔧 Dépannage urgent",
)  # fmt: skip

#: Types whose actions are usually about a customer, so link a contact or company.
CUSTOMER_TYPES: frozenset[str] = frozenset({"I", "TS", "TL", "R", "CH", "T"})

DESCRIPTIONS: dict[str, tuple[str, ...]] = {
    "I": (
        "Prévoir le kit de joints et la clé de 24.",
        "Remplacement du circulateur.\nPièce commandée le 12, à récupérer au dépôt.",
        "Visite sanitaire : prélèvements sur 10 bovins.\nPenser aux tubes EDTA.",
    ),
    "TS": (
        "Relancer pour le devis n° 2024-118.",
        "Demander s'il a bien reçu la documentation.\nProposer une démo sur site.",
    ),
    "TL": (
        "Problème de facturation : double prélèvement.",
        "Souhaite avancer la livraison d'une semaine.",
    ),
    "R": (
        "Présenter la nouvelle gamme.\nApporter les échantillons et le catalogue 2025.",
        "Négociation des tarifs : remise maximale 8 %.",
        "Parking visiteurs à gauche de l'entrée.",
    ),
    "F": ("Apporter son ordinateur portable.\nDéjeuner pris en charge.",),
    "RU": (
        "Ordre du jour :\n- chiffre d'affaires du mois\n- tournées\n- questions diverses",
        "Lien de la visio envoyé par e-mail.",
    ),
    "E": ("Stand B12, hall 4.\nBadges à retirer à l'accueil exposants.",),
    "P": ("Ne pas déplacer.",),
    "CH": ("Question sur le suivi de commande.",),
    "CG": ("Joignable en cas d'urgence sur le portable.",),
    "T": (
        "À faire avant vendredi.",
        "Vérifier les quantités avec l'entrepôt.\nEnvoyer la confirmation au client.",
    ),
}  # fmt: skip

#: Paragraphs a long meeting report is made of.
REPORT_PARAGRAPHS: tuple[str, ...] = (
    "Compte rendu de la réunion : l'équipe a passé en revue les résultats du trimestre. "
    "Le chiffre d'affaires progresse de 4,5 % par rapport à l'an dernier, porté par les "
    "contrats d'entretien et la hausse des interventions d'urgence.",
    "Points d'attention :\n- délais de livraison des pièces détachées (jusqu'à 3 semaines)\n"
    "- deux clients mécontents à rappeler en priorité\n- planning des congés d'été à finaliser",
    "Décisions : élargir la tournée du jeudi aux communes voisines, créer une fiche « client "
    "à risque » dans le CRM et relancer systématiquement les devis de plus de 15 jours.",
    "Prochaine étape : chacun met à jour ses actions dans l'agenda avant lundi. Les "
    "comptes rendus de visite doivent mentionner l'état du matériel, les pièces changées "
    "et la date de la prochaine intervention prévue.",
    "Remarques diverses : la salle de réunion du rez-de-chaussée sera en travaux en mai ; "
    "prévoir la visio pour les points d'équipe. Merci à Élodie et François pour "
    "l'organisation des portes ouvertes, très bons retours des éleveurs présents.",
)

LOCATIONS_VISIO: tuple[str, ...] = ("Visio", "Visio — Google Meet", "Visio (Teams)")
MEETING_ROOMS: tuple[str, ...] = ("Salle de réunion", "Siège — salle Vercors", "Bureau")
EVENT_VENUES: tuple[str, ...] = ("Parc des expositions", "Palais des congrès", "Zénith")

#: (weight, action type code): how often each type shows up in an agenda.
TYPE_WEIGHTS: tuple[tuple[int, str], ...] = (
    (15, "I"), (15, "TS"), (12, "TL"), (15, "R"), (3, "F"), (8, "RU"), (4, "E"), (5, "P"),
    (5, "CH"), (3, "CG"), (15, "T"),
)  # fmt: skip

#: Reminder delays offered, in minutes.
REMINDER_MINUTES: tuple[int, ...] = (5, 10, 15, 30, 60, 1440)

#: User time zones other than Europe/Paris, handed out in turn.
OTHER_TIME_ZONES: tuple[str, ...] = ("America/Martinique", "Europe/Brussels", "Indian/Reunion")
