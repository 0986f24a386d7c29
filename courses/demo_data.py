"""The words of the courses' demo content, as plain data (courses/demo.py loads it).

One course built from the knowledge hub's demo curriculum, in English and French, and the
learners of a cohort. Every piece of text a learner reads is a pair ``(English, French)``, so
the two languages keep the same structure (and the same block ids, see demo.py). Text blocks
hold plain text: blank lines separate paragraphs, a paragraph starting with ``## `` is a
heading, lines starting with ``- `` make a bulleted list.

People and organisations are invented; places and the case studies are the knowledge hub's
demo content.
"""

CURRICULUM_SLUG = "facilitating-integrated-landscape-management"

COURSE_INDEX_FR = {
    "title": "Cours",
    "intro": "Apprenez avec des partenariats paysagers du monde entier, à votre rythme ou en "
    "cohorte.",
}

COURSE = {
    "slug": "convening-a-landscape-partnership",
    "title": (
        "Convening a landscape partnership",
        "Animer un partenariat paysager",
    ),
    "summary": (
        "How to bring the people who share a landscape to one table, build a common picture "
        "of how it is changing, and agree a plan they will act on. Three modules built on the "
        "network's facilitation curriculum and its case studies.",
        "Réunir celles et ceux qui partagent un paysage autour d'une même table, construire "
        "une image commune de ses transformations et convenir d'un plan qu'ils mettront en "
        "œuvre. Trois modules fondés sur le programme de facilitation du réseau et ses études "
        "de cas.",
    ),
    "description": (
        "This course is for people who bring others together around a landscape: partnership "
        "coordinators, extension officers, local officials, staff of farmer and community "
        "organisations. It follows the first steps of integrated landscape management, from "
        "the first conversations to a first action plan, and ends with how a partnership "
        "learns from what it does.\n\n"
        "Each lesson takes fifteen to twenty-five minutes. You will read short explanations, "
        "see how partnerships in Kenya, Guatemala, India, Brazil, Senegal, Ghana and the Andes "
        "went about it, and try the curriculum's exercises on a landscape you know. A short "
        "quiz closes each module, and the modules open one after the other.\n\n"
        "Take the course on your own, or join a cohort run by a training institute to work "
        "through it with facilitators and other partnership leaders.",
        "Ce cours s'adresse à celles et ceux qui rassemblent les acteurs d'un paysage : "
        "coordinateurs de partenariats, agents de vulgarisation, élus et techniciens locaux, "
        "équipes d'organisations paysannes et communautaires. Il suit les premières étapes de "
        "la gestion intégrée des paysages, des premières conversations jusqu'à un premier plan "
        "d'action, et se termine sur la manière dont un partenariat apprend de ce qu'il fait."
        "\n\n"
        "Chaque leçon demande quinze à vingt-cinq minutes. Vous lirez de courtes explications, "
        "verrez comment des partenariats au Kenya, au Guatemala, en Inde, au Brésil, au "
        "Sénégal, au Ghana et dans les Andes s'y sont pris, et essaierez les exercices du "
        "programme sur un paysage que vous connaissez. Un court quiz conclut chaque module, "
        "et les modules s'ouvrent l'un après l'autre.\n\n"
        "Suivez le cours à votre rythme, ou rejoignez une cohorte animée par un institut de "
        "formation pour le parcourir avec des facilitateurs et d'autres responsables de "
        "partenariats.",
    ),
    "outcomes": [
        (
            "Map who holds a stake in a landscape and plan how to bring the missing groups in",
            "Identifier les parties prenantes d'un paysage et prévoir comment associer les "
            "groupes absents",
        ),
        (
            "Agree with stakeholders how the partnership meets and decides",
            "Convenir avec les parties prenantes de la manière dont le partenariat se réunit "
            "et décide",
        ),
        (
            "Facilitate a shared picture of the landscape: its history, its resources and its "
            "trade-offs",
            "Faciliter une image partagée du paysage : son histoire, ses ressources et ses "
            "arbitrages",
        ),
        (
            "Guide a partnership from a common vision to an action plan with leads, dates and "
            "money",
            "Accompagner un partenariat d'une vision commune à un plan d'action avec des "
            "responsables, des échéances et un budget",
        ),
        (
            "Choose a few indicators the partnership will really use to learn and adapt",
            "Choisir quelques indicateurs que le partenariat utilisera vraiment pour apprendre "
            "et s'adapter",
        ),
    ],
    "estimated_hours": "6",
    "level": "intermediate",
    "original_language": "en",
    "licence": "CC-BY-SA-4.0",
    "modules_in_order": True,
}

QUIZ_INSTRUCTIONS = (
    "Five questions. You need 70% (four right answers) to pass, and you have three attempts.",
    "Cinq questions. Il faut 70 % (quatre bonnes réponses) pour réussir, et vous avez trois "
    "essais.",
)

# Each module teaches one module of the curriculum; its lessons embed curriculum material and
# case studies (by slug) as examples. A lesson's body is a list of blocks:
#   {"type": "text", "text": (en, fr)}
#   {"type": "callout", "kind": ..., "title": (en, fr), "text": (en, fr)}
#   {"type": "case_study", "slug": ..., "note": (en, fr)}
#   {"type": "curriculum_material", "module": <curriculum module slug>}
#   {"type": "quiz", "title": (en, fr), "questions": [...]}
MODULES = [
    {
        "slug": "building-the-partnership",
        "curriculum_module": "building-the-partnership",
        "title": ("Building the partnership", "Construire le partenariat"),
        "summary": (
            "Who holds a stake in the landscape, who is missing, and how to bring them to one "
            "table on fair terms.",
            "Qui a un intérêt dans le paysage, qui manque à l'appel, et comment réunir tout le "
            "monde à une même table dans des conditions équitables.",
        ),
        "lessons": [
            {
                "slug": "what-is-a-landscape-partnership",
                "title": (
                    "What a landscape partnership is",
                    "Qu'est-ce qu'un partenariat paysager ?",
                ),
                "summary": (
                    "Why the people who share a landscape need to manage it together, and what "
                    "makes a partnership more than a project.",
                    "Pourquoi celles et ceux qui partagent un paysage doivent le gérer ensemble, "
                    "et ce qui fait d'un partenariat plus qu'un projet.",
                ),
                "minutes": 15,
                "preview": True,
                "body": [
                    {
                        "type": "text",
                        "text": (
                            "A landscape is a place that people recognise as theirs: a "
                            "watershed, a forest and the farms around it, a pastoral zone with "
                            "its wells and routes. Its boundaries follow rivers, ridges or "
                            "district lines, and often all three. Farmers, herders, foresters, "
                            "water users, businesses, local governments and conservation groups "
                            "depend on the same land, water and trees, and each of their "
                            "decisions changes what the others can do.\n\n"
                            "## Why sectors alone fall short\n\n"
                            "A forest service can protect the trees inside a reserve; an "
                            "agriculture office can raise yields on the farms below it; a water "
                            "company can treat what reaches its intake. Each may succeed on its "
                            "own terms while the springs keep drying up, because the cause lies "
                            "between their mandates: cleared slopes, grazing pressure, a road, "
                            "a market. Integrated landscape management starts from the place "
                            "rather than the sector, and asks everyone who shapes it to plan "
                            "together.\n\n"
                            "## What makes a partnership\n\n"
                            "A landscape partnership is a long-term alliance of the people and "
                            "organisations who use, manage or depend on a landscape, and who "
                            "agree to decide together how to manage it. Three things set it "
                            "apart from a project:\n\n"
                            "- it lasts longer than any single project or funding cycle;\n"
                            "- its members decide together, rather than being consulted on "
                            "someone else's plan;\n"
                            "- it looks for actions that serve several goals at once, such as "
                            "water, income and biodiversity, and is honest about the trade-offs "
                            "between them.",
                            "Un paysage est un lieu que des gens reconnaissent comme le leur : "
                            "un bassin versant, une forêt et les exploitations qui l'entourent, "
                            "une zone pastorale avec ses puits et ses parcours. Ses limites "
                            "suivent des rivières, des crêtes ou des frontières administratives, "
                            "et souvent les trois à la fois. Agriculteurs, éleveurs, forestiers, "
                            "usagers de l'eau, entreprises, collectivités locales et "
                            "associations de conservation y dépendent des mêmes terres, de la "
                            "même eau et des mêmes arbres, et chacune de leurs décisions modifie "
                            "ce que les autres peuvent faire.\n\n"
                            "## Pourquoi les approches sectorielles ne suffisent pas\n\n"
                            "Un service forestier peut protéger les arbres d'une réserve ; un "
                            "service agricole peut augmenter les rendements des exploitations en "
                            "contrebas ; une compagnie des eaux peut traiter ce qui arrive à sa "
                            "prise d'eau. Chacun peut réussir selon ses propres critères pendant "
                            "que les sources continuent de tarir, parce que la cause se situe "
                            "entre leurs mandats : des pentes défrichées, une pression de "
                            "pâturage, une route, un marché. La gestion intégrée des paysages "
                            "part du lieu plutôt que du secteur, et demande à tous ceux qui le "
                            "façonnent de planifier ensemble.\n\n"
                            "## Ce qui fait un partenariat\n\n"
                            "Un partenariat paysager est une alliance de long terme entre les "
                            "personnes et les organisations qui utilisent un paysage, le gèrent "
                            "ou en dépendent, et qui conviennent de décider ensemble de sa "
                            "gestion. Trois choses le distinguent d'un projet :\n\n"
                            "- il dure plus longtemps qu'un projet ou qu'un cycle de "
                            "financement ;\n"
                            "- ses membres décident ensemble, au lieu d'être consultés sur le "
                            "plan de quelqu'un d'autre ;\n"
                            "- il cherche des actions qui servent plusieurs objectifs à la fois, "
                            "comme l'eau, les revenus et la biodiversité, et il est honnête sur "
                            "les arbitrages entre eux.",
                        ),
                    },
                    {
                        "type": "callout",
                        "kind": "note",
                        "title": ("Five elements", "Cinq éléments"),
                        "text": (
                            "The network describes integrated landscape management in five "
                            "elements: building the partnership, a shared understanding of the "
                            "landscape, a common vision and plan, taking action together, and "
                            "learning from the results. This course covers the first three and "
                            "how a partnership starts to learn. Its modules follow the "
                            "network's curriculum on facilitating integrated landscape "
                            "management.",
                            "Le réseau décrit la gestion intégrée des paysages en cinq "
                            "éléments : construire le partenariat, comprendre ensemble le "
                            "paysage, se donner une vision et un plan communs, agir ensemble, et "
                            "apprendre des résultats. Ce cours couvre les trois premiers et la "
                            "manière dont un partenariat commence à apprendre. Ses modules "
                            "suivent le programme de formation du réseau sur la facilitation de "
                            "la gestion intégrée des paysages.",
                        ),
                    },
                    {
                        "type": "case_study",
                        "slug": "kijabe-springs-restoration",
                        "note": (
                            "The springs were drying up although every agency was doing its "
                            "job: only a forum of all the water users could act on the cause.",
                            "Les sources tarissaient alors que chaque service faisait son "
                            "travail : seul un forum de tous les usagers de l'eau pouvait agir "
                            "sur la cause.",
                        ),
                    },
                    {
                        "type": "callout",
                        "kind": "activity",
                        "title": ("Your landscape", "Votre paysage"),
                        "text": (
                            "Think of a landscape you work in. Write down five ways people use "
                            "it and, for each, who decides about it. Keep your list: you will "
                            "use it in the next lesson.",
                            "Pensez à un paysage dans lequel vous travaillez. Notez cinq usages "
                            "que les gens en font et, pour chacun, qui en décide. Gardez votre "
                            "liste : elle vous servira dans la leçon suivante.",
                        ),
                    },
                ],
            },
            {
                "slug": "mapping-who-holds-a-stake",
                "title": ("Mapping who holds a stake", "Cartographier les parties prenantes"),
                "summary": (
                    "Placing stakeholders by interest and influence, and noticing who is "
                    "missing from the room.",
                    "Placer les parties prenantes selon leur intérêt et leur influence, et "
                    "remarquer qui manque dans la salle.",
                ),
                "minutes": 20,
                "body": [
                    {
                        "type": "text",
                        "text": (
                            "A stakeholder is anyone who uses, manages or depends on the "
                            "landscape, or whose decisions change it: a village, a cooperative, "
                            "a district office, a company buying the crop, a ministry far away. "
                            "The convener's first task is to list them, with real names rather "
                            "than categories. “Farmers” hides the difference between "
                            "landowners and tenants, between men and women, between the valley "
                            "and the hills.\n\n"
                            "## The interest–influence grid\n\n"
                            "Once the list is made, place each stakeholder on a grid with two "
                            "questions: how much does the landscape matter to them (interest), "
                            "and how much can they change what happens in it (influence)?\n\n"
                            "- High interest, high influence: the partners you cannot do "
                            "without.\n"
                            "- High interest, low influence: often the people who live with the "
                            "consequences. They need support to take part as equals.\n"
                            "- Low interest, high influence: a buyer, a ministry, a bank. Keep "
                            "them informed, and find what would make the landscape matter to "
                            "them.\n"
                            "- Low interest, low influence: keep in touch, as their position "
                            "may change.\n\n"
                            "## Who is missing?\n\n"
                            "The most useful question of the exercise comes at the end: who is "
                            "not on the map, or not in the room? Women who collect water and "
                            "firewood, young people without land, herders who pass through in "
                            "the dry season are often left out, not out of ill will but because "
                            "meetings are held where and when they cannot come. A partnership "
                            "that leaves them out will make plans that fail where they live.",
                            "Une partie prenante est toute personne ou organisation qui utilise "
                            "le paysage, le gère ou en dépend, ou dont les décisions le "
                            "transforment : un village, une coopérative, un service de district, "
                            "une entreprise qui achète la récolte, un ministère lointain. La "
                            "première tâche de celui qui réunit est de les lister, avec de vrais "
                            "noms plutôt que des catégories. « Les agriculteurs » cache la "
                            "différence entre propriétaires et métayers, entre hommes et femmes, "
                            "entre la vallée et les collines.\n\n"
                            "## La grille intérêt–influence\n\n"
                            "Une fois la liste établie, placez chaque partie prenante sur une "
                            "grille à l'aide de deux questions : à quel point le paysage "
                            "compte-t-il pour elle (intérêt), et à quel point peut-elle changer "
                            "ce qui s'y passe (influence) ?\n\n"
                            "- Fort intérêt, forte influence : les partenaires dont on ne peut "
                            "pas se passer.\n"
                            "- Fort intérêt, faible influence : souvent celles et ceux qui vivent "
                            "avec les conséquences. Ils ont besoin d'appui pour participer "
                            "d'égal à égal.\n"
                            "- Faible intérêt, forte influence : un acheteur, un ministère, une "
                            "banque. Tenez-les informés, et cherchez ce qui pourrait rendre le "
                            "paysage important à leurs yeux.\n"
                            "- Faible intérêt, faible influence : gardez le contact, car leur "
                            "position peut évoluer.\n\n"
                            "## Qui manque ?\n\n"
                            "La question la plus utile de l'exercice vient à la fin : qui n'est "
                            "pas sur la carte, ou pas dans la salle ? Les femmes qui vont "
                            "chercher l'eau et le bois, les jeunes sans terre, les éleveurs qui "
                            "ne passent qu'en saison sèche sont souvent oubliés, non par "
                            "malveillance, mais parce que les réunions se tiennent là et quand "
                            "ils ne peuvent pas venir. Un partenariat qui les laisse de côté "
                            "fera des plans qui échoueront là où ils vivent.",
                        ),
                    },
                    {"type": "curriculum_material", "module": "building-the-partnership"},
                    {
                        "type": "callout",
                        "kind": "activity",
                        "title": ("Try it: handout 1", "À vous : la fiche 1"),
                        "text": (
                            "Download the stakeholder mapping worksheet above and fill it in "
                            "for the landscape you chose in the last lesson. Circle the groups "
                            "that are missing, and write one sentence for each on how you could "
                            "reach them.",
                            "Téléchargez la fiche de cartographie des parties prenantes "
                            "ci-dessus et remplissez-la pour le paysage choisi dans la leçon "
                            "précédente. Entourez les groupes absents et écrivez, pour chacun, "
                            "une phrase sur la manière de les atteindre.",
                        ),
                    },
                    {
                        "type": "case_study",
                        "slug": "peten-community-forestry",
                        "note": (
                            "Secure rights to the forest let a community association take part "
                            "as an equal, not as a beneficiary.",
                            "Des droits sûrs sur la forêt ont permis à une association "
                            "communautaire de participer d'égal à égal, et non comme simple "
                            "bénéficiaire.",
                        ),
                    },
                ],
            },
            {
                "slug": "coming-to-the-table",
                "title": (
                    "Coming to the table on fair terms",
                    "Se réunir dans des conditions équitables",
                ),
                "summary": (
                    "The first meeting, the role of the convener, and simple rules for how the "
                    "partnership decides.",
                    "La première réunion, le rôle de celui qui réunit, et des règles simples "
                    "sur la manière dont le partenariat décide.",
                ),
                "minutes": 25,
                "body": [
                    {
                        "type": "text",
                        "text": (
                            "The first meeting sets the tone for years. People come with "
                            "history: old conflicts over land or water, promises from earlier "
                            "projects that were not kept, doubts about who is really in charge. "
                            "Before discussing any action, the partnership needs to agree how "
                            "it will work.\n\n"
                            "## The convener\n\n"
                            "Someone has to call the first meeting: a district office, an NGO, "
                            "a farmers' union. The convener's job is to make the table fair, "
                            "not to own the result. The more powerful the convener, the more it "
                            "matters that they do not decide alone. In Kijabe, the county "
                            "chairs the water-user forum but has no vote, and every village has "
                            "a seat.\n\n"
                            "## Rules for meeting and deciding\n\n"
                            "Simple rules, written down and read aloud, prevent most later "
                            "disputes:\n\n"
                            "- who is a member, and how a new group can join;\n"
                            "- where and when meetings are held, in which language, and who "
                            "pays for travel;\n"
                            "- how decisions are taken: by consensus when possible, with an "
                            "agreed fallback when consensus fails;\n"
                            "- how a disagreement is raised, and who can help settle it;\n"
                            "- how the partnership reports back to the people each member "
                            "represents.\n\n"
                            "## Power in the room\n\n"
                            "Agreed rules are not enough if some people cannot use them. Hold "
                            "separate preparatory meetings with groups that rarely speak in "
                            "public, give them time to prepare, and ask the most influential "
                            "members to speak last. Notice who talks, who is interrupted, and "
                            "whose proposals are written on the flip chart.",
                            "La première réunion donne le ton pour des années. Chacun arrive "
                            "avec son histoire : d'anciens conflits sur la terre ou l'eau, des "
                            "promesses de projets passés qui n'ont pas été tenues, des doutes "
                            "sur qui décide vraiment. Avant de discuter d'une action, le "
                            "partenariat doit convenir de sa manière de fonctionner.\n\n"
                            "## Celui qui réunit\n\n"
                            "Il faut que quelqu'un convoque la première réunion : un service de "
                            "district, une ONG, une union de producteurs. Son rôle est de rendre "
                            "la table équitable, pas de s'approprier le résultat. Plus celui qui "
                            "réunit est puissant, plus il importe qu'il ne décide pas seul. À "
                            "Kijabe, le comté préside le forum des usagers de l'eau sans y "
                            "voter, et chaque village y a un siège.\n\n"
                            "## Des règles pour se réunir et décider\n\n"
                            "Des règles simples, écrites et lues à voix haute, évitent la "
                            "plupart des litiges ultérieurs :\n\n"
                            "- qui est membre, et comment un nouveau groupe peut rejoindre le "
                            "partenariat ;\n"
                            "- où et quand ont lieu les réunions, dans quelle langue, et qui "
                            "paie les déplacements ;\n"
                            "- comment les décisions sont prises : par consensus si possible, "
                            "avec une solution de repli convenue quand le consensus échoue ;\n"
                            "- comment un désaccord est soulevé, et qui peut aider à le régler ;"
                            "\n"
                            "- comment le partenariat rend compte aux personnes que chaque "
                            "membre représente.\n\n"
                            "## Le pouvoir dans la salle\n\n"
                            "Des règles communes ne suffisent pas si certains ne peuvent pas "
                            "s'en servir. Organisez des réunions préparatoires séparées avec les "
                            "groupes qui prennent rarement la parole en public, laissez-leur le "
                            "temps de se préparer, et demandez aux membres les plus influents de "
                            "parler en dernier. Observez qui parle, qui est interrompu, et "
                            "quelles propositions sont notées au tableau.",
                        ),
                    },
                    {
                        "type": "callout",
                        "kind": "warning",
                        "title": ("A common trap", "Un piège fréquent"),
                        "text": (
                            "When the most powerful organisation hosts every meeting in its own "
                            "office, pays the allowances and writes the minutes, the others "
                            "soon treat the partnership as its project. Rotate the venue and "
                            "the note-taking, and share the costs, even symbolically.",
                            "Quand l'organisation la plus puissante accueille toutes les "
                            "réunions dans ses locaux, verse les indemnités et rédige les "
                            "comptes rendus, les autres finissent par voir le partenariat comme "
                            "son projet. Faites tourner le lieu et la prise de notes, et "
                            "partagez les coûts, même symboliquement.",
                        ),
                    },
                    {
                        "type": "case_study",
                        "slug": "kijabe-springs-restoration",
                        "note": (
                            "A forum with a seat for every village, chaired by the county "
                            "without a vote.",
                            "Un forum où chaque village a un siège, présidé par le comté sans "
                            "droit de vote.",
                        ),
                    },
                    {
                        "type": "quiz",
                        "title": (
                            "Module 1 quiz: building the partnership",
                            "Quiz du module 1 : construire le partenariat",
                        ),
                        "questions": [
                            {
                                "type": "single_choice",
                                "prompt": (
                                    "Which of these best describes a landscape partnership?",
                                    "Laquelle de ces descriptions correspond le mieux à un "
                                    "partenariat paysager ?",
                                ),
                                "choices": [
                                    (
                                        (
                                            "A project run by one organisation that consults "
                                            "local people before acting",
                                            "Un projet mené par une organisation qui consulte "
                                            "la population avant d'agir",
                                        ),
                                        False,
                                        (
                                            "Consultation is not partnership: in a partnership "
                                            "the members decide together.",
                                            "Consulter n'est pas s'associer : dans un "
                                            "partenariat, les membres décident ensemble.",
                                        ),
                                    ),
                                    (
                                        (
                                            "A long-term alliance of those who use, manage or "
                                            "depend on a landscape, deciding together how to "
                                            "manage it",
                                            "Une alliance de long terme entre ceux qui "
                                            "utilisent un paysage, le gèrent ou en dépendent, "
                                            "et qui décident ensemble de sa gestion",
                                        ),
                                        True,
                                        (
                                            "Yes: long-term, with many stakeholders, deciding "
                                            "together.",
                                            "Oui : dans la durée, avec de nombreuses parties "
                                            "prenantes, en décidant ensemble.",
                                        ),
                                    ),
                                    (
                                        (
                                            "A government committee that approves land-use permits",
                                            "Un comité administratif qui délivre les "
                                            "autorisations d'usage des terres",
                                        ),
                                        False,
                                        (
                                            "A government office can be a member, but it is "
                                            "not a partnership on its own.",
                                            "Un service de l'État peut en être membre, mais il "
                                            "ne constitue pas à lui seul un partenariat.",
                                        ),
                                    ),
                                ],
                            },
                            {
                                "type": "multiple_choice",
                                "prompt": (
                                    "Which of these help groups that are usually absent to "
                                    "take part? Choose all that apply.",
                                    "Lesquelles de ces pratiques aident les groupes "
                                    "habituellement absents à participer ? Cochez toutes les "
                                    "bonnes réponses.",
                                ),
                                "choices": [
                                    (
                                        (
                                            "Holding meetings at times and places that suit "
                                            "them, in their language",
                                            "Tenir les réunions à des heures et dans des lieux "
                                            "qui leur conviennent, dans leur langue",
                                        ),
                                        True,
                                        (
                                            "Yes: where and when meetings are held decides who "
                                            "can come.",
                                            "Oui : le lieu et l'heure des réunions décident de "
                                            "qui peut venir.",
                                        ),
                                    ),
                                    (
                                        (
                                            "Inviting their leaders once the plan is written, "
                                            "to approve it",
                                            "Inviter leurs représentants une fois le plan "
                                            "rédigé, pour qu'ils l'approuvent",
                                        ),
                                        False,
                                        (
                                            "Approving a finished plan is not taking part in "
                                            "making it.",
                                            "Approuver un plan déjà écrit, ce n'est pas "
                                            "participer à son élaboration.",
                                        ),
                                    ),
                                    (
                                        (
                                            "Meeting them separately first, so they can prepare",
                                            "Les rencontrer d'abord séparément, pour qu'ils "
                                            "puissent se préparer",
                                        ),
                                        True,
                                        (
                                            "Yes: a preparatory meeting helps people speak "
                                            "with confidence.",
                                            "Oui : une réunion préparatoire aide à prendre la "
                                            "parole avec assurance.",
                                        ),
                                    ),
                                    (
                                        (
                                            "Asking an official to speak on their behalf",
                                            "Demander à un responsable administratif de parler "
                                            "en leur nom",
                                        ),
                                        False,
                                        (
                                            "Others speaking for them is how they came to be "
                                            "absent.",
                                            "Que d'autres parlent à leur place, c'est "
                                            "justement ce qui les rend absents.",
                                        ),
                                    ),
                                    (
                                        (
                                            "Covering travel costs so that the poorest can come",
                                            "Prendre en charge les déplacements pour que les "
                                            "plus pauvres puissent venir",
                                        ),
                                        True,
                                        (
                                            "Yes: the cost of coming is a common barrier.",
                                            "Oui : le coût du déplacement est un obstacle "
                                            "fréquent.",
                                        ),
                                    ),
                                ],
                                "explanation": (
                                    "Where, when and in which language the partnership meets "
                                    "decides who can take part.",
                                    "Le lieu, l'heure et la langue des réunions décident de "
                                    "qui peut participer.",
                                ),
                            },
                            {
                                "type": "true_false",
                                "prompt": (
                                    "The convener should hold the casting vote, so that the "
                                    "partnership's decisions are never blocked.",
                                    "Celui qui réunit devrait avoir une voix prépondérante, "
                                    "pour que les décisions du partenariat ne soient jamais "
                                    "bloquées.",
                                ),
                                "answer": False,
                                "feedback_correct": (
                                    "Right. A convener who also decides loses the trust of the "
                                    "others: in Kijabe, the county chairs the forum without a "
                                    "vote.",
                                    "Exact. Celui qui réunit et décide à la fois perd la "
                                    "confiance des autres : à Kijabe, le comté préside le forum "
                                    "sans droit de vote.",
                                ),
                                "feedback_incorrect": (
                                    "Not quite. The convener's job is to make the table fair, "
                                    "not to decide: in Kijabe, the county chairs the forum "
                                    "without a vote.",
                                    "Pas tout à fait. Le rôle de celui qui réunit est de rendre "
                                    "la table équitable, pas de décider : à Kijabe, le comté "
                                    "préside le forum sans droit de vote.",
                                ),
                            },
                            {
                                "type": "short_text",
                                "prompt": (
                                    "On the stakeholder grid, each stakeholder is placed by "
                                    "their interest in the landscape and by their… (one word)",
                                    "Sur la grille des parties prenantes, chacune est placée "
                                    "selon son intérêt pour le paysage et selon son… (un mot)",
                                ),
                                "accepted": (["influence", "power"], ["influence", "pouvoir"]),
                                "wrong": ("budget", "budget"),
                                "feedback_correct": (
                                    "Right: interest and influence.",
                                    "Exact : intérêt et influence.",
                                ),
                                "feedback_incorrect": (
                                    "The grid asks two questions: how much the landscape "
                                    "matters to them (interest), and how much they can change "
                                    "it (influence).",
                                    "La grille pose deux questions : à quel point le paysage "
                                    "compte pour eux (intérêt), et à quel point ils peuvent le "
                                    "changer (influence).",
                                ),
                            },
                            {
                                "type": "single_choice",
                                "prompt": (
                                    "What should a new partnership agree first, before "
                                    "discussing any action?",
                                    "Sur quoi un nouveau partenariat doit-il s'accorder en "
                                    "premier, avant de discuter d'une action ?",
                                ),
                                "choices": [
                                    (
                                        (
                                            "The list of projects to fund",
                                            "La liste des projets à financer",
                                        ),
                                        False,
                                        (
                                            "Projects come later: without agreed rules, "
                                            "choosing them becomes a contest.",
                                            "Les projets viennent plus tard : sans règles "
                                            "communes, les choisir devient une compétition.",
                                        ),
                                    ),
                                    (
                                        (
                                            "How it will meet and take decisions",
                                            "La manière dont il se réunira et prendra ses "
                                            "décisions",
                                        ),
                                        True,
                                        (
                                            "Yes: simple written rules prevent most later "
                                            "disputes.",
                                            "Oui : des règles simples et écrites évitent la "
                                            "plupart des litiges ultérieurs.",
                                        ),
                                    ),
                                    (
                                        (
                                            "Who will chair it for the next ten years",
                                            "Qui le présidera pendant les dix prochaines années",
                                        ),
                                        False,
                                        (
                                            "Who chairs matters less than how decisions are "
                                            "taken, and the chair can rotate.",
                                            "Qui préside compte moins que la manière de "
                                            "décider, et la présidence peut tourner.",
                                        ),
                                    ),
                                ],
                            },
                        ],
                    },
                ],
            },
        ],
    },
    {
        "slug": "shared-understanding",
        "curriculum_module": "shared-understanding",
        "title": ("A shared understanding of the landscape", "Comprendre ensemble le paysage"),
        "summary": (
            "Building a picture of the landscape that every stakeholder recognises: its history, "
            "its resources and the trade-offs between its uses.",
            "Construire une image du paysage que chaque partie prenante reconnaît : son "
            "histoire, ses ressources et les arbitrages entre ses usages.",
        ),
        "lessons": [
            {
                "slug": "the-landscapes-story",
                "title": ("The landscape's story", "L'histoire du paysage"),
                "summary": (
                    "A timeline of thirty years of change, drawn from the memories of the people "
                    "who lived it.",
                    "Une frise de trente ans de changements, tirée de la mémoire de celles et "
                    "ceux qui les ont vécus.",
                ),
                "minutes": 15,
                "body": [
                    {
                        "type": "text",
                        "text": (
                            "Every stakeholder arrives with an explanation of what is wrong "
                            "with the landscape, and it usually blames someone else. Herders "
                            "blame farmers for ploughing the routes; farmers blame herders for "
                            "the animals in their fields; both blame the government. A shared "
                            "history moves the conversation from blame to causes.\n\n"
                            "## Drawing a timeline\n\n"
                            "On a long strip of paper, mark the last thirty years. Ask the group "
                            "for the events that changed the landscape: droughts and floods, a "
                            "new road, a land law, a rise in the price of a crop, a project "
                            "that came and went, a conflict. For each event, ask what changed "
                            "on the land afterwards, for whom, and who remembers it.\n\n"
                            "Older participants usually hold the memory, and they may not speak "
                            "first. Give them time, and ask them directly. Younger participants "
                            "often know the recent changes best: new markets, new techniques, "
                            "migration.\n\n"
                            "## What a timeline shows\n\n"
                            "A good timeline shows that today's problems have several causes, "
                            "most of them beyond any one group's control, and that the "
                            "landscape has changed before and can change again. It also shows "
                            "what people have already tried, which saves a partnership from "
                            "repeating old mistakes.",
                            "Chaque partie prenante arrive avec sa propre explication de ce qui "
                            "ne va pas dans le paysage, et le plus souvent elle en accuse "
                            "quelqu'un d'autre. Les éleveurs reprochent aux agriculteurs de "
                            "labourer les parcours ; les agriculteurs reprochent aux éleveurs "
                            "les animaux dans leurs champs ; tous accusent l'État. Une histoire "
                            "partagée fait passer la discussion des reproches aux causes.\n\n"
                            "## Tracer une frise\n\n"
                            "Sur une longue bande de papier, marquez les trente dernières "
                            "années. Demandez au groupe les événements qui ont transformé le "
                            "paysage : sécheresses et inondations, une nouvelle route, une loi "
                            "foncière, la hausse du prix d'une culture, un projet venu puis "
                            "reparti, un conflit. Pour chaque événement, demandez ce qui a "
                            "changé ensuite sur le terrain, pour qui, et qui s'en souvient.\n\n"
                            "Les participants les plus âgés détiennent souvent la mémoire, et ne "
                            "prennent pas forcément la parole les premiers. Laissez-leur du "
                            "temps et interrogez-les directement. Les plus jeunes connaissent "
                            "souvent mieux les changements récents : nouveaux marchés, nouvelles "
                            "techniques, migrations.\n\n"
                            "## Ce que montre une frise\n\n"
                            "Une bonne frise montre que les problèmes d'aujourd'hui ont "
                            "plusieurs causes, pour la plupart hors de portée d'un seul groupe, "
                            "et que le paysage a déjà changé et peut encore changer. Elle montre "
                            "aussi ce que les gens ont déjà essayé, ce qui évite à un "
                            "partenariat de répéter les erreurs du passé.",
                        ),
                    },
                    {"type": "curriculum_material", "module": "shared-understanding"},
                    {
                        "type": "callout",
                        "kind": "tip",
                        "title": ("Record it in their words", "Notez-le avec leurs mots"),
                        "text": (
                            "Write the events in the language people used to tell them, and "
                            "note who told each one. When the timeline is copied into a report, "
                            "keep a photo of the original strip: participants will recognise "
                            "their own handwriting.",
                            "Écrivez les événements dans la langue où on vous les a racontés, "
                            "et notez qui a raconté chacun. Quand la frise est recopiée dans un "
                            "rapport, gardez une photo de la bande d'origine : les participants "
                            "y reconnaîtront leur propre écriture.",
                        ),
                    },
                ],
            },
            {
                "slug": "mapping-resources-together",
                "title": ("Mapping resources together", "Cartographier ensemble les ressources"),
                "summary": (
                    "A participatory map of rivers, forests, fields and routes, showing where "
                    "things are getting better and where they are getting worse.",
                    "Une carte participative des rivières, forêts, champs et parcours, qui "
                    "montre où la situation s'améliore et où elle se dégrade.",
                ),
                "minutes": 20,
                "body": [
                    {
                        "type": "text",
                        "text": (
                            "A participatory resource map is drawn by the people of the "
                            "landscape, on the ground or on large sheets of paper, before "
                            "anyone brings out a satellite image. Its value lies less in its "
                            "accuracy than in the conversation it starts: people argue about "
                            "where the forest edge was ten years ago, which spring still flows "
                            "in March, which path the herds take.\n\n"
                            "## How to run it\n\n"
                            "- Start with what everyone agrees on: rivers, roads, villages, "
                            "hills.\n"
                            "- Add the resources: springs and wells, forests, fields, grazing "
                            "land, livestock routes, markets.\n"
                            "- Ask each group to mark, in two colours, where things are getting "
                            "better and where they are getting worse.\n"
                            "- Finish with the places of conflict and of cooperation.\n\n"
                            "## Several maps, one landscape\n\n"
                            "Ask women and men, herders and farmers, upstream and downstream "
                            "villages to draw separately first. Their maps will differ, and the "
                            "differences are the point: the place where women walk two hours "
                            "for water may not appear on the men's map at all. Put the maps "
                            "side by side and discuss them before merging them into one.\n\n"
                            "Later, the partnership can check the shared map against official "
                            "maps and satellite images. In the upper Paraíba do Sul, a single "
                            "restoration map used by every member of the pact became the "
                            "partnership's common reference.",
                            "Une carte participative des ressources est dessinée par les gens du "
                            "paysage, à même le sol ou sur de grandes feuilles, avant que "
                            "quiconque ne sorte une image satellite. Sa valeur tient moins à sa "
                            "précision qu'à la conversation qu'elle ouvre : on discute de "
                            "l'endroit où passait la lisière de la forêt il y a dix ans, de la "
                            "source qui coule encore en mars, du chemin que prennent les "
                            "troupeaux.\n\n"
                            "## Comment la mener\n\n"
                            "- Commencez par ce sur quoi tout le monde s'accorde : rivières, "
                            "routes, villages, collines.\n"
                            "- Ajoutez les ressources : sources et puits, forêts, champs, "
                            "pâturages, parcours du bétail, marchés.\n"
                            "- Demandez à chaque groupe de marquer, en deux couleurs, où la "
                            "situation s'améliore et où elle se dégrade.\n"
                            "- Terminez par les lieux de conflit et de coopération.\n\n"
                            "## Plusieurs cartes, un seul paysage\n\n"
                            "Demandez d'abord aux femmes et aux hommes, aux éleveurs et aux "
                            "agriculteurs, aux villages d'amont et d'aval de dessiner "
                            "séparément. Leurs cartes différeront, et c'est tout l'intérêt : "
                            "l'endroit où les femmes marchent deux heures pour chercher de l'eau "
                            "peut ne pas figurer du tout sur la carte des hommes. Posez les "
                            "cartes côte à côte et discutez-en avant de les fusionner.\n\n"
                            "Plus tard, le partenariat pourra confronter la carte commune aux "
                            "cartes officielles et aux images satellites. Dans le haut Paraíba "
                            "do Sul, une seule carte de restauration, utilisée par tous les "
                            "membres du pacte, est devenue la référence commune du partenariat.",
                        ),
                    },
                    {
                        "type": "callout",
                        "kind": "note",
                        "title": ("Maps are political", "Les cartes sont politiques"),
                        "text": (
                            "A map can settle a dispute over land, or start one. Agree "
                            "beforehand what will be drawn and who will keep the map, and leave "
                            "sacred sites and sensitive places off it if their keepers ask you "
                            "to.",
                            "Une carte peut apaiser un litige foncier, ou le déclencher. "
                            "Convenez à l'avance de ce qui sera dessiné et de qui conservera la "
                            "carte, et n'y faites pas figurer les sites sacrés ou les lieux "
                            "sensibles si leurs gardiens vous le demandent.",
                        ),
                    },
                    {
                        "type": "case_study",
                        "slug": "upper-paraiba-restoration-pact",
                        "note": (
                            "One shared map of where to restore, used by municipalities, dairy "
                            "farmers and the water utility alike.",
                            "Une seule carte partagée des zones à restaurer, utilisée aussi "
                            "bien par les communes que par les éleveurs laitiers et la compagnie "
                            "des eaux.",
                        ),
                    },
                ],
            },
            {
                "slug": "making-trade-offs-visible",
                "title": ("Making trade-offs visible", "Rendre les arbitrages visibles"),
                "summary": (
                    "Every use of land and water has a cost for another: naming the trade-offs "
                    "so they can be discussed.",
                    "Chaque usage de la terre et de l'eau a un coût pour un autre : nommer les "
                    "arbitrages pour pouvoir en discuter.",
                ),
                "minutes": 25,
                "body": [
                    {
                        "type": "text",
                        "text": (
                            "In a landscape, more of one thing often means less of another. "
                            "More irrigated fields upstream mean less water for the town "
                            "downstream; a larger herd means less grass and more erosion; a "
                            "protected forest means less land to clear for crops. These are "
                            "trade-offs. Some can be softened, and a few turn out to be "
                            "synergies, such as trees that shade cocoa, hold the soil and bring "
                            "an income. But a partnership that pretends there are no trade-offs "
                            "will see them come back as conflicts.\n\n"
                            "## The water budget with pebbles\n\n"
                            "The curriculum uses a simple exercise. Each group receives 100 "
                            "pebbles or beans, standing for the rain that falls on its landscape "
                            "in a year. It shares them out between what runs off, what soaks "
                            "into the soil and feeds the springs, and what crops, livestock and "
                            "towns use. Then the facilitator asks: what happens if the town "
                            "grows? If the forest is cleared? Who loses pebbles, and who "
                            "decides?\n\n"
                            "## From positions to interests\n\n"
                            "Trade-offs can be discussed once people move from positions "
                            "(“no more grazing in the forest”) to interests (“we need the "
                            "springs to flow in the dry season”, “we need fodder for our "
                            "animals in March”). An interest can often be met in more than one "
                            "way, and that is where the partnership finds room to act.",
                            "Dans un paysage, davantage d'une chose signifie souvent moins d'une "
                            "autre. Davantage de champs irrigués en amont, c'est moins d'eau "
                            "pour la ville en aval ; un troupeau plus grand, c'est moins d'herbe "
                            "et plus d'érosion ; une forêt protégée, c'est moins de terres à "
                            "défricher pour les cultures. Ce sont des arbitrages. Certains "
                            "peuvent être atténués, et quelques-uns se révèlent des synergies, "
                            "comme les arbres qui ombragent le cacao, retiennent le sol et "
                            "procurent un revenu. Mais un partenariat qui fait comme s'il n'y "
                            "avait pas d'arbitrages les verra revenir sous forme de conflits."
                            "\n\n"
                            "## Le bilan hydrique avec des cailloux\n\n"
                            "Le programme propose un exercice simple. Chaque groupe reçoit 100 "
                            "cailloux ou haricots, qui représentent la pluie tombée sur son "
                            "paysage en un an. Il les répartit entre ce qui ruisselle, ce qui "
                            "s'infiltre dans le sol et alimente les sources, et ce qu'utilisent "
                            "les cultures, le bétail et les villes. Puis le facilitateur "
                            "demande : que se passe-t-il si la ville grandit ? Si la forêt est "
                            "défrichée ? Qui perd des cailloux, et qui en décide ?\n\n"
                            "## Des positions aux intérêts\n\n"
                            "Les arbitrages deviennent discutables quand on passe des positions "
                            "(« plus de pâturage dans la forêt ») aux intérêts (« nous avons "
                            "besoin que les sources coulent en saison sèche », « nous avons "
                            "besoin de fourrage pour nos bêtes en mars »). Un intérêt peut "
                            "souvent être satisfait de plusieurs façons, et c'est là que le "
                            "partenariat trouve sa marge de manœuvre.",
                        ),
                    },
                    {
                        "type": "case_study",
                        "slug": "koraput-ridge-to-valley",
                        "note": (
                            "Village water budgets moved the debate from “more dams” to “less "
                            "runoff”.",
                            "Des bilans hydriques villageois ont fait passer le débat de « plus "
                            "de barrages » à « moins de ruissellement ».",
                        ),
                    },
                    {
                        "type": "quiz",
                        "title": (
                            "Module 2 quiz: a shared understanding",
                            "Quiz du module 2 : comprendre ensemble le paysage",
                        ),
                        "questions": [
                            {
                                "type": "single_choice",
                                "prompt": (
                                    "Why does the curriculum start with a landscape timeline "
                                    "rather than with today's problems?",
                                    "Pourquoi le programme commence-t-il par une frise du "
                                    "paysage plutôt que par les problèmes d'aujourd'hui ?",
                                ),
                                "choices": [
                                    (
                                        (
                                            "It shows how the landscape came to be as it is, "
                                            "and moves the discussion from blame to causes",
                                            "Elle montre comment le paysage est devenu ce "
                                            "qu'il est, et fait passer la discussion des "
                                            "reproches aux causes",
                                        ),
                                        True,
                                        (
                                            "Yes: a shared history turns blame into causes.",
                                            "Oui : une histoire partagée transforme les "
                                            "reproches en causes.",
                                        ),
                                    ),
                                    (
                                        (
                                            "History is less controversial than the present",
                                            "L'histoire est moins controversée que le présent",
                                        ),
                                        False,
                                        (
                                            "History can be just as contested; its value is "
                                            "that it shows several causes at once.",
                                            "L'histoire peut être tout aussi disputée ; son "
                                            "intérêt est de montrer plusieurs causes à la "
                                            "fois.",
                                        ),
                                    ),
                                    (
                                        (
                                            "Donors ask for a baseline",
                                            "Les bailleurs demandent une situation de référence",
                                        ),
                                        False,
                                        (
                                            "A timeline is not a baseline: it is a "
                                            "conversation about change.",
                                            "Une frise n'est pas une situation de référence : "
                                            "c'est une conversation sur le changement.",
                                        ),
                                    ),
                                ],
                            },
                            {
                                "type": "multiple_choice",
                                "prompt": (
                                    "Which of these belong on a participatory resource map? "
                                    "Choose all that apply.",
                                    "Lesquels de ces éléments ont leur place sur une carte "
                                    "participative des ressources ? Cochez toutes les bonnes "
                                    "réponses.",
                                ),
                                "choices": [
                                    (
                                        ("Springs and wells", "Les sources et les puits"),
                                        True,
                                        (
                                            "Yes: water points are among the first resources "
                                            "to map.",
                                            "Oui : les points d'eau sont parmi les premières "
                                            "ressources à cartographier.",
                                        ),
                                    ),
                                    (
                                        ("Livestock routes", "Les parcours du bétail"),
                                        True,
                                        (
                                            "Yes: routes are often missing from official maps.",
                                            "Oui : les parcours manquent souvent sur les "
                                            "cartes officielles.",
                                        ),
                                    ),
                                    (
                                        (
                                            "Places where things are getting worse",
                                            "Les endroits où la situation se dégrade",
                                        ),
                                        True,
                                        (
                                            "Yes: marking change is what makes the map useful "
                                            "for planning.",
                                            "Oui : marquer les changements rend la carte utile "
                                            "pour planifier.",
                                        ),
                                    ),
                                    (
                                        (
                                            "The logos of the organisations that paid for the "
                                            "workshop",
                                            "Les logos des organisations qui ont financé l'atelier",
                                        ),
                                        False,
                                        (
                                            "The map is about the landscape, not about the "
                                            "project.",
                                            "La carte parle du paysage, pas du projet.",
                                        ),
                                    ),
                                ],
                            },
                            {
                                "type": "true_false",
                                "prompt": (
                                    "When the women and the men of a village draw separate "
                                    "maps, the differences between them are useful to the "
                                    "partnership.",
                                    "Quand les femmes et les hommes d'un village dessinent des "
                                    "cartes séparées, leurs différences sont utiles au "
                                    "partenariat.",
                                ),
                                "answer": True,
                                "feedback_correct": (
                                    "Right: the differences show resources and problems that "
                                    "one group alone would miss.",
                                    "Exact : les différences révèlent des ressources et des "
                                    "problèmes qu'un seul groupe aurait manqués.",
                                ),
                                "feedback_incorrect": (
                                    "In fact they are: the differences show resources and "
                                    "problems that one group alone would miss, such as where "
                                    "women fetch water.",
                                    "Si, justement : les différences révèlent des ressources "
                                    "et des problèmes qu'un seul groupe aurait manqués, comme "
                                    "les lieux où les femmes vont chercher l'eau.",
                                ),
                            },
                            {
                                "type": "short_text",
                                "prompt": (
                                    "In the water budget exercise, the rain that falls on the "
                                    "landscape in a year is shared out as 100… (one word)",
                                    "Dans l'exercice du bilan hydrique, la pluie tombée sur le "
                                    "paysage en un an est répartie sous forme de 100… (un mot)",
                                ),
                                "accepted": (
                                    ["pebbles", "pebble", "beans", "stones"],
                                    ["cailloux", "caillou", "haricots", "pierres", "graines"],
                                ),
                                "wrong": ("litres", "litres"),
                                "feedback_correct": (
                                    "Right: 100 pebbles or beans.",
                                    "Exact : 100 cailloux ou haricots.",
                                ),
                                "feedback_incorrect": (
                                    "Groups share out 100 pebbles (or beans) between runoff, "
                                    "the soil and springs, crops, livestock and towns.",
                                    "Les groupes répartissent 100 cailloux (ou haricots) entre "
                                    "le ruissellement, le sol et les sources, les cultures, le "
                                    "bétail et les villes.",
                                ),
                            },
                            {
                                "type": "single_choice",
                                "prompt": (
                                    "What changed in Koraput when villages drew their own water "
                                    "budgets?",
                                    "Qu'est-ce qui a changé à Koraput quand les villages ont "
                                    "établi leurs propres bilans hydriques ?",
                                ),
                                "choices": [
                                    (
                                        (
                                            "The debate moved from building more dams to "
                                            "reducing runoff",
                                            "Le débat est passé de la construction de barrages "
                                            "à la réduction du ruissellement",
                                        ),
                                        True,
                                        (
                                            "Yes: seeing where the water went changed what "
                                            "people asked for.",
                                            "Oui : voir où partait l'eau a changé ce que les "
                                            "gens demandaient.",
                                        ),
                                    ),
                                    (
                                        (
                                            "The villages stopped growing a second crop",
                                            "Les villages ont cessé de faire une seconde récolte",
                                        ),
                                        False,
                                        (
                                            "The opposite: more households grew a winter crop.",
                                            "Au contraire : davantage de ménages ont fait une "
                                            "récolte d'hiver.",
                                        ),
                                    ),
                                    (
                                        (
                                            "The government took over the management of the "
                                            "watersheds",
                                            "L'État a repris la gestion des bassins versants",
                                        ),
                                        False,
                                        (
                                            "The villages planned and treated their own "
                                            "micro-watersheds.",
                                            "Les villages ont planifié et aménagé eux-mêmes "
                                            "leurs micro-bassins versants.",
                                        ),
                                    ),
                                ],
                            },
                        ],
                    },
                ],
            },
        ],
    },
    {
        "slug": "vision-action-and-learning",
        "curriculum_module": "vision-and-action-planning",
        "title": ("Vision, action and learning", "Vision, action et apprentissage"),
        "summary": (
            "From a common vision of the landscape to an action plan with leads, dates and "
            "money, and a few indicators to learn from.",
            "D'une vision commune du paysage à un plan d'action avec des responsables, des "
            "échéances et un budget, et quelques indicateurs pour apprendre.",
        ),
        "lessons": [
            {
                "slug": "a-vision-everyone-can-read",
                "title": (
                    "A vision everyone can read aloud",
                    "Une vision que chacun peut lire à voix haute",
                ),
                "summary": (
                    "What the landscape should look like in fifteen years, in words every "
                    "member recognises.",
                    "Ce que devrait être le paysage dans quinze ans, avec des mots que chaque "
                    "membre reconnaît.",
                ),
                "minutes": 15,
                "body": [
                    {
                        "type": "text",
                        "text": (
                            "A vision is a short description of the landscape the partnership "
                            "wants in fifteen years or so: what people will live from, what the "
                            "forests, rivers and soils will look like, how decisions will be "
                            "taken. It is neither a plan nor a slogan. Its purpose is to give "
                            "members with different interests a reason to keep working together "
                            "when the plan runs into difficulties.\n\n"
                            "## From drawings to one paragraph\n\n"
                            "Ask each stakeholder group to draw the landscape it wants: people "
                            "who do not write easily often draw well, and a drawing avoids "
                            "arguing over words too early. Groups present their drawings, and "
                            "the facilitator notes what appears in all of them. Those common "
                            "elements become a first paragraph, which is read aloud, corrected "
                            "and read again until every group recognises itself in it.\n\n"
                            "## A check against four kinds of return\n\n"
                            "A useful test is to ask whether the vision describes returns of "
                            "four kinds: for people's well-being, for nature, for the local "
                            "economy, and for inspiration, the pride and sense of belonging "
                            "that keep people in the landscape. A vision that speaks only of "
                            "trees, or only of income, will lose half of its members.",
                            "Une vision est une courte description du paysage que le "
                            "partenariat souhaite dans une quinzaine d'années : de quoi les gens "
                            "vivront, à quoi ressembleront les forêts, les rivières et les sols, "
                            "comment les décisions seront prises. Ce n'est ni un plan ni un "
                            "slogan. Elle sert à donner à des membres aux intérêts différents "
                            "une raison de continuer à travailler ensemble quand le plan se "
                            "heurte à des difficultés.\n\n"
                            "## Des dessins à un paragraphe\n\n"
                            "Demandez à chaque groupe de parties prenantes de dessiner le "
                            "paysage qu'il souhaite : ceux qui écrivent difficilement dessinent "
                            "souvent bien, et un dessin évite de se disputer trop tôt sur les "
                            "mots. Les groupes présentent leurs dessins, et le facilitateur note "
                            "ce qui apparaît dans tous. Ces éléments communs deviennent un "
                            "premier paragraphe, lu à voix haute, corrigé et relu jusqu'à ce que "
                            "chaque groupe s'y reconnaisse.\n\n"
                            "## Une vérification par quatre types de bénéfices\n\n"
                            "Un bon test consiste à se demander si la vision décrit des "
                            "bénéfices de quatre ordres : pour le bien-être des gens, pour la "
                            "nature, pour l'économie locale, et pour l'inspiration, ce sentiment "
                            "de fierté et d'appartenance qui retient les gens dans le paysage. "
                            "Une vision qui ne parle que d'arbres, ou que de revenus, perdra la "
                            "moitié de ses membres.",
                        ),
                    },
                    {"type": "curriculum_material", "module": "vision-and-action-planning"},
                    {
                        "type": "case_study",
                        "slug": "ferlo-pastoral-planning",
                        "note": (
                            "Herders, communes and technical services planned on one map and "
                            "wrote local conventions that all of them apply.",
                            "Éleveurs, communes et services techniques ont planifié sur une même "
                            "carte et rédigé des conventions locales que tous appliquent.",
                        ),
                    },
                ],
            },
            {
                "slug": "from-vision-to-action-plan",
                "title": ("From vision to action plan", "De la vision au plan d'action"),
                "summary": (
                    "Turning the vision into a few actions, each with a lead, partners, a date "
                    "and the money to carry it out.",
                    "Traduire la vision en quelques actions, chacune avec un responsable, des "
                    "partenaires, une échéance et les moyens de la réaliser.",
                ),
                "minutes": 20,
                "body": [
                    {
                        "type": "text",
                        "text": (
                            "An action plan turns the vision into what the partnership will do "
                            "next. Handout 3 asks six questions of each action: what, who "
                            "leads, who helps, by when, what it costs and who pays. An action "
                            "that does not answer all six is still an idea.\n\n"
                            "## Start with what the partnership can do itself\n\n"
                            "Plans drift towards wish lists addressed to donors and "
                            "governments. Ask instead which actions the members can lead next "
                            "year with the money and people they already have: protecting two "
                            "springs, marking a livestock route, agreeing a grazing calendar. "
                            "Early, visible results build the trust that larger actions will "
                            "need.\n\n"
                            "## Agreements, not only activities\n\n"
                            "Many of the most useful actions are agreements: a local convention "
                            "on the use of water points, a rule on bush fires, a buyer's "
                            "commitment to source from mapped farms. They cost little, but they "
                            "must be written down, signed by those who will apply them and "
                            "known to those they affect. In western Ghana, a landscape plan "
                            "signed by chiefs, district assemblies and cocoa buyers gave each "
                            "of them a part to play.\n\n"
                            "## Reviewing the plan\n\n"
                            "Set a date, six months or a year ahead, when the partnership will "
                            "look at what was done and change the plan. A plan that is never "
                            "revised soon stops describing what the partnership actually does.",
                            "Un plan d'action traduit la vision en ce que le partenariat fera "
                            "ensuite. La fiche 3 pose six questions pour chaque action : quoi, "
                            "qui la pilote, qui y contribue, pour quand, combien elle coûte et "
                            "qui paie. Une action qui ne répond pas aux six questions n'est "
                            "encore qu'une idée.\n\n"
                            "## Commencer par ce que le partenariat peut faire lui-même\n\n"
                            "Les plans dérivent vers des listes de souhaits adressées aux "
                            "bailleurs et aux pouvoirs publics. Demandez plutôt quelles actions "
                            "les membres peuvent mener l'an prochain avec l'argent et les "
                            "personnes dont ils disposent déjà : protéger deux sources, baliser "
                            "un parcours du bétail, convenir d'un calendrier de pâturage. Des "
                            "résultats rapides et visibles créent la confiance dont les actions "
                            "plus ambitieuses auront besoin.\n\n"
                            "## Des accords, pas seulement des activités\n\n"
                            "Beaucoup des actions les plus utiles sont des accords : une "
                            "convention locale sur l'usage des points d'eau, une règle sur les "
                            "feux de brousse, l'engagement d'un acheteur à s'approvisionner "
                            "auprès d'exploitations cartographiées. Ils coûtent peu, mais ils "
                            "doivent être écrits, signés par ceux qui les appliqueront et connus "
                            "de ceux qu'ils concernent. Dans l'ouest du Ghana, un plan de "
                            "paysage signé par les chefs coutumiers, les assemblées de district "
                            "et les acheteurs de cacao a donné à chacun un rôle à jouer.\n\n"
                            "## Revoir le plan\n\n"
                            "Fixez une date, dans six mois ou un an, à laquelle le partenariat "
                            "examinera ce qui a été fait et modifiera le plan. Un plan jamais "
                            "révisé cesse vite de décrire ce que fait réellement le partenariat.",
                        ),
                    },
                    {
                        "type": "callout",
                        "kind": "warning",
                        "title": ("Wish lists", "Les listes de souhaits"),
                        "text": (
                            "If most actions in the plan begin with “the government should” or "
                            "“a donor will”, the partnership has written a request, not a plan. "
                            "Keep the requests, but in a separate list.",
                            "Si la plupart des actions du plan commencent par « l'État "
                            "devrait » ou « un bailleur financera », le partenariat a rédigé une "
                            "requête, pas un plan. Gardez les demandes, mais dans une liste à "
                            "part.",
                        ),
                    },
                    {
                        "type": "case_study",
                        "slug": "western-ghana-cocoa-landscape",
                        "note": (
                            "A landscape plan signed by chiefs, district assemblies and cocoa "
                            "buyers.",
                            "Un plan de paysage signé par les chefs coutumiers, les assemblées "
                            "de district et les acheteurs de cacao.",
                        ),
                    },
                ],
            },
            {
                "slug": "learning-as-you-go",
                "title": ("Learning as you go", "Apprendre en chemin"),
                "summary": (
                    "A few indicators the partnership will really look at, and a routine for "
                    "learning from them.",
                    "Quelques indicateurs que le partenariat regardera vraiment, et une routine "
                    "pour en tirer des leçons.",
                ),
                "minutes": 25,
                "body": [
                    {
                        "type": "text",
                        "text": (
                            "A partnership learns when it looks at what changed, asks why, and "
                            "adjusts what it does. Monitoring gives it the evidence; it is "
                            "useful only if someone looks at the results and a decision can "
                            "change because of them.\n\n"
                            "## Five indicators or fewer\n\n"
                            "For each action of the plan, ask: what change would tell us it is "
                            "working? Then keep only the indicators the partnership will really "
                            "use, five or fewer for the whole plan. Springs flowing in the dry "
                            "season, hectares under an agreed grazing rule, households with a "
                            "second crop: each needs a baseline, a target, someone who measures "
                            "it, a date, and a place where it is recorded.\n\n"
                            "## Measured by the people of the landscape\n\n"
                            "Indicators measured by community members cost less, and their "
                            "results are believed locally. In the páramo of Piura and Loja, "
                            "young people from the communities read the flow in two paired "
                            "micro-catchments, one conserved and one degraded. When the "
                            "conserved one kept flowing through the dry season, the water "
                            "boards downstream had a reason to keep paying into the fund.\n\n"
                            "## A learning routine\n\n"
                            "Put the indicators on the agenda of a regular meeting, once or "
                            "twice a year, and ask three questions: what changed, why do we "
                            "think it changed, and what will we do differently? Write the "
                            "answers down: they are the partnership's memory, and the beginning "
                            "of its next timeline.",
                            "Un partenariat apprend quand il regarde ce qui a changé, se demande "
                            "pourquoi et ajuste ce qu'il fait. Le suivi lui en apporte les "
                            "preuves ; il n'est utile que si quelqu'un regarde les résultats et "
                            "si une décision peut changer en conséquence.\n\n"
                            "## Cinq indicateurs au plus\n\n"
                            "Pour chaque action du plan, demandez : quel changement nous dirait "
                            "que cela fonctionne ? Puis ne gardez que les indicateurs que le "
                            "partenariat utilisera vraiment, cinq au plus pour l'ensemble du "
                            "plan. Des sources qui coulent en saison sèche, des hectares soumis "
                            "à une règle de pâturage convenue, des ménages qui font une seconde "
                            "récolte : chacun a besoin d'une situation de référence, d'une "
                            "cible, d'une personne qui le mesure, d'une date et d'un endroit où "
                            "il est consigné.\n\n"
                            "## Mesurés par les gens du paysage\n\n"
                            "Les indicateurs mesurés par des membres des communautés coûtent "
                            "moins cher, et leurs résultats sont crus localement. Dans le páramo "
                            "de Piura et de Loja, des jeunes des communautés relèvent le débit "
                            "de deux micro-bassins appariés, l'un conservé, l'autre dégradé. "
                            "Quand le micro-bassin conservé a continué de couler pendant la "
                            "saison sèche, les comités de l'eau en aval ont eu une raison de "
                            "continuer à alimenter le fonds.\n\n"
                            "## Une routine d'apprentissage\n\n"
                            "Inscrivez les indicateurs à l'ordre du jour d'une réunion "
                            "régulière, une ou deux fois par an, et posez trois questions : "
                            "qu'est-ce qui a changé, pourquoi pensons-nous que cela a changé, et "
                            "que ferons-nous autrement ? Notez les réponses : elles sont la "
                            "mémoire du partenariat, et le début de sa prochaine frise.",
                        ),
                    },
                    {"type": "curriculum_material", "module": "learning-and-impact"},
                    {
                        "type": "case_study",
                        "slug": "paramo-binational-water-fund",
                        "note": (
                            "Community monitoring of paired micro-catchments convinced the "
                            "water boards to keep paying.",
                            "Le suivi communautaire de micro-bassins appariés a convaincu les "
                            "comités de l'eau de continuer à payer.",
                        ),
                    },
                    {
                        "type": "callout",
                        "kind": "activity",
                        "title": ("Your next step", "Votre prochaine étape"),
                        "text": (
                            "Write down one thing you will do differently in your own "
                            "partnership after this course, and when you will do it. If you are "
                            "in a cohort, share it with your facilitator.",
                            "Notez une chose que vous ferez autrement dans votre propre "
                            "partenariat après ce cours, et quand vous la ferez. Si vous suivez "
                            "le cours en cohorte, partagez-la avec votre facilitatrice ou votre "
                            "facilitateur.",
                        ),
                    },
                    {
                        "type": "quiz",
                        "title": (
                            "Module 3 quiz: vision, action and learning",
                            "Quiz du module 3 : vision, action et apprentissage",
                        ),
                        "questions": [
                            {
                                "type": "single_choice",
                                "prompt": (
                                    "Which of these is a good partnership vision?",
                                    "Laquelle de ces propositions est une bonne vision de "
                                    "partenariat ?",
                                ),
                                "choices": [
                                    (
                                        (
                                            "A paragraph about the landscape in fifteen years "
                                            "that every member can read aloud and recognise",
                                            "Un paragraphe sur le paysage dans quinze ans, que "
                                            "chaque membre peut lire à voix haute et dans "
                                            "lequel il se reconnaît",
                                        ),
                                        True,
                                        (
                                            "Yes: short, shared, and recognised by every group.",
                                            "Oui : courte, partagée, et reconnue par chaque "
                                            "groupe.",
                                        ),
                                    ),
                                    (
                                        (
                                            "A detailed technical plan with a budget for each "
                                            "activity",
                                            "Un plan technique détaillé avec un budget pour "
                                            "chaque activité",
                                        ),
                                        False,
                                        (
                                            "That is an action plan; the vision comes first and "
                                            "stays short.",
                                            "C'est un plan d'action ; la vision vient d'abord "
                                            "et reste courte.",
                                        ),
                                    ),
                                    (
                                        (
                                            "A list of what each group wants, one after the other",
                                            "La liste de ce que veut chaque groupe, l'un après "
                                            "l'autre",
                                        ),
                                        False,
                                        (
                                            "A list of wishes keeps the groups apart; a vision "
                                            "keeps what they share.",
                                            "Une liste de souhaits juxtapose les groupes ; une "
                                            "vision retient ce qu'ils ont en commun.",
                                        ),
                                    ),
                                    (
                                        (
                                            "A slogan for the partnership's banner",
                                            "Un slogan pour la banderole du partenariat",
                                        ),
                                        False,
                                        (
                                            "A slogan can come later; the vision has to "
                                            "describe the landscape.",
                                            "Un slogan peut venir plus tard ; la vision doit "
                                            "décrire le paysage.",
                                        ),
                                    ),
                                ],
                            },
                            {
                                "type": "multiple_choice",
                                "prompt": (
                                    "Which questions does handout 3 ask of every action in the "
                                    "plan? Choose all that apply.",
                                    "Quelles questions la fiche 3 pose-t-elle pour chaque "
                                    "action du plan ? Cochez toutes les bonnes réponses.",
                                ),
                                "choices": [
                                    (
                                        ("Who leads it", "Qui la pilote"),
                                        True,
                                        (
                                            "Yes: every action needs one lead.",
                                            "Oui : chaque action a besoin d'un responsable.",
                                        ),
                                    ),
                                    (
                                        ("By when", "Pour quand"),
                                        True,
                                        (
                                            "Yes: a date makes it possible to review progress.",
                                            "Oui : une échéance permet de faire le point.",
                                        ),
                                    ),
                                    (
                                        (
                                            "What it costs and who pays",
                                            "Combien elle coûte et qui paie",
                                        ),
                                        True,
                                        (
                                            "Yes: an action without money is still an idea.",
                                            "Oui : une action sans moyens n'est encore qu'une "
                                            "idée.",
                                        ),
                                    ),
                                    (
                                        (
                                            "Which newspaper will report on it",
                                            "Quel journal en parlera",
                                        ),
                                        False,
                                        (
                                            "Communication can help, but it is not one of the "
                                            "six questions.",
                                            "La communication peut aider, mais ce n'est pas "
                                            "l'une des six questions.",
                                        ),
                                    ),
                                ],
                            },
                            {
                                "type": "true_false",
                                "prompt": (
                                    "A partnership should track as many indicators as it can, "
                                    "so that no change goes unnoticed.",
                                    "Un partenariat devrait suivre autant d'indicateurs que "
                                    "possible, pour qu'aucun changement ne passe inaperçu.",
                                ),
                                "answer": False,
                                "feedback_correct": (
                                    "Right: an indicator nobody looks at is a cost without a "
                                    "benefit. Keep five or fewer.",
                                    "Exact : un indicateur que personne ne regarde est un coût "
                                    "sans bénéfice. Gardez-en cinq au plus.",
                                ),
                                "feedback_incorrect": (
                                    "Not quite: long lists are not used. Keep the five or fewer "
                                    "indicators that could change a decision.",
                                    "Pas tout à fait : les longues listes ne servent pas. "
                                    "Gardez les cinq indicateurs au plus qui pourraient changer "
                                    "une décision.",
                                ),
                            },
                            {
                                "type": "short_text",
                                "prompt": (
                                    "At most how many indicators does the curriculum recommend "
                                    "for the whole plan? (a number)",
                                    "Combien d'indicateurs au plus le programme recommande-t-il "
                                    "pour l'ensemble du plan ? (un nombre)",
                                ),
                                "accepted": (["5", "five"], ["5", "cinq"]),
                                "wrong": ("20", "20"),
                                "feedback_correct": (
                                    "Right: five or fewer.",
                                    "Exact : cinq au plus.",
                                ),
                                "feedback_incorrect": (
                                    "The curriculum says five or fewer: the ones the "
                                    "partnership will really use.",
                                    "Le programme dit cinq au plus : ceux que le partenariat "
                                    "utilisera vraiment.",
                                ),
                            },
                            {
                                "type": "single_choice",
                                "prompt": (
                                    "In the páramo water fund, what gave the water boards a "
                                    "reason to keep paying?",
                                    "Dans le fonds de l'eau du páramo, qu'est-ce qui a donné aux "
                                    "comités de l'eau une raison de continuer à payer ?",
                                ),
                                "choices": [
                                    (
                                        (
                                            "Community monitoring showing that a conserved "
                                            "micro-catchment kept flowing in the dry season",
                                            "Un suivi communautaire montrant qu'un micro-bassin "
                                            "conservé continuait de couler en saison sèche",
                                        ),
                                        True,
                                        (
                                            "Yes: evidence gathered by the communities "
                                            "themselves, checked by a university partner.",
                                            "Oui : des preuves recueillies par les communautés "
                                            "elles-mêmes, vérifiées par une université "
                                            "partenaire.",
                                        ),
                                    ),
                                    (
                                        (
                                            "A national law that obliged them to pay",
                                            "Une loi nationale qui les obligeait à payer",
                                        ),
                                        False,
                                        (
                                            "The fund is governed by its contributors; they pay "
                                            "because they see the results.",
                                            "Le fonds est gouverné par ses contributeurs ; ils "
                                            "paient parce qu'ils en voient les résultats.",
                                        ),
                                    ),
                                    (
                                        (
                                            "An evaluation by an outside donor",
                                            "L'évaluation d'un bailleur extérieur",
                                        ),
                                        False,
                                        (
                                            "Outside evaluations have their place, but here the "
                                            "communities' own measurements convinced the boards.",
                                            "Les évaluations externes ont leur place, mais ici "
                                            "ce sont les mesures des communautés elles-mêmes qui "
                                            "ont convaincu les comités.",
                                        ),
                                    ),
                                ],
                            },
                        ],
                    },
                ],
            },
        ],
    },
]

# --- The cohort and its learners ------------------------------------------------------------

INSTITUTE_SLUG = "sustainable-landscapes-institute"
COHORT = {
    "name": "Landscape leaders, first cohort",
    "starts_days_ago": 42,
    "length_days": 90,
    "facilitators": ["sophie"],  # the institute's facilitator (people's demo)
    "created_by": "joao",  # the institute's administrator
    # Invited but not signed up yet.
    "pending_invitations": ["fatou.sarr@landscape.test", "miguel.torres@landscape.test"],
}

# New accounts for the cohort (the people's demo provides the others); same conventions as
# people's seed_demo: the demo password, a verified email address.
LEARNERS = [
    {
        "email": "kofi.mensah@landscape.test",
        "username": "kofi",
        "display_name": "Kofi Mensah",
        "country": "GH",
        "preferred_language": "en",
        "languages": ["en"],
        "expertise": ["cocoa agroforestry", "farmer organisations"],
        "affiliations": "Sefwi Cocoa Farmers' Union",
        "bio": "Extension officer with a cocoa farmers' union in western Ghana.",
    },
    {
        "email": "ana.quispe@landscape.test",
        "username": "anaquispe",
        "display_name": "Ana Quispe",
        "country": "PE",
        "preferred_language": "es",
        "languages": ["es", "qu"],
        "expertise": ["water governance", "community monitoring"],
        "affiliations": "Junta de Usuarios de Agua del Alto Piura",
        "bio": "Técnica de una junta de usuarios de agua; acompaña el monitoreo comunitario del "
        "páramo.",
    },
    {
        "email": "lan.nguyen@landscape.test",
        "username": "lan",
        "display_name": "Nguyễn Thị Lan",
        "country": "VN",
        "preferred_language": "en",
        "languages": ["vi", "en"],
        "expertise": ["mangroves", "coastal livelihoods"],
        "affiliations": "Cà Mau Coastal Women's Group",
        "bio": "Coordinates a women's group replanting mangroves on the Cà Mau coast.",
    },
    {
        "email": "priya.nair@landscape.test",
        "username": "priya",
        "display_name": "Priya Nair",
        "country": "IN",
        "preferred_language": "en",
        "languages": ["en", "hi"],
        "expertise": ["watershed management", "self-help groups"],
        "affiliations": "Western Ghats Watershed Network",
        "bio": "Works with women's self-help groups on watershed plans in the Western Ghats.",
    },
]

# What each learner of the cohort did, oldest first. Days are counted back from the moment the
# demo is loaded; lessons are "module.lesson" (1-based). Steps:
#   ("open", lesson, days_ago)                   opened, in progress
#   ("done", lesson, days_ago, minutes)          marked done, ``minutes`` after opening it
#   ("quiz", lesson, days_ago, minutes, wrong)   answered the lesson's quiz ``minutes`` after
#                                                opening it, wrong on the questions numbered
#                                                in ``wrong`` (0-based)
#   ("track", lesson, days_ago, seconds)         a heartbeat from an open lesson
JOURNEYS = [
    {
        "username": "grace",
        "stage": "completed",
        "language": "en",
        "enrolled_days_ago": 42,
        "steps": [
            ("done", "1.1", 41, 14),
            ("done", "1.2", 39, 22),
            ("quiz", "1.3", 36, 31, [3]),
            ("done", "2.1", 31, 17),
            ("done", "2.2", 28, 21),
            ("quiz", "2.3", 24, 27, []),
            ("done", "3.1", 19, 16),
            ("done", "3.2", 15, 24),
            ("quiz", "3.3", 12, 29, [1]),
        ],
    },
    {
        "username": "priya",
        "stage": "two modules done",
        "language": "en",
        "enrolled_days_ago": 40,
        "steps": [
            ("done", "1.1", 40, 12),
            ("done", "1.2", 37, 19),
            ("quiz", "1.3", 33, 26, []),
            ("done", "2.1", 25, 15),
            ("done", "2.2", 18, 23),
            ("quiz", "2.3", 9, 22, [0, 3]),
            ("quiz", "2.3", 9, 8, [3]),
            ("open", "3.1", 2),
            ("track", "3.1", 2, 110),
        ],
    },
    {
        "username": "kofi",
        "stage": "one module done, failed then passed its quiz",
        "language": "en",
        "enrolled_days_ago": 38,
        "steps": [
            ("done", "1.1", 36, 18),
            ("done", "1.2", 30, 25),
            ("quiz", "1.3", 27, 24, [1, 2, 3]),
            ("quiz", "1.3", 26, 11, [1]),
            ("open", "2.1", 6),
        ],
    },
    {
        "username": "amina",
        "stage": "in French, into the second module",
        "language": "fr",
        "enrolled_days_ago": 36,
        "steps": [
            ("done", "1.1", 35, 16),
            ("done", "1.2", 33, 21),
            ("quiz", "1.3", 30, 28, []),
            ("done", "2.1", 16, 18),
            ("open", "2.2", 1),
            ("track", "2.2", 1, 95),
        ],
    },
    {
        "username": "anaquispe",
        "stage": "stuck: failed a quiz 20 days ago, nothing since",
        "language": "en",
        "enrolled_days_ago": 40,
        "steps": [
            ("done", "1.1", 39, 20),
            ("done", "1.2", 34, 26),
            ("quiz", "1.3", 20, 35, [1, 3]),
        ],
    },
    {
        "username": "tomas",
        "stage": "one lesson done",
        "language": "en",
        "enrolled_days_ago": 12,
        "steps": [("done", "1.1", 4, 13)],
    },
    {
        "username": "lan",
        "stage": "not started",
        "language": "en",
        "enrolled_days_ago": 7,
        "steps": [],
    },
]
