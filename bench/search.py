"""Search benchmark (issue 6): indexing time and query latency of the search backends.

    .venv/bin/python bench/search.py            # 10,000 then 100,000 documents
    .venv/bin/python bench/search.py --quick    # 2,000 then 10,000 (or BENCH_QUICK=1)

For each engine, in a process of its own (Django is set up once per process): the database
backend on a throwaway SQLite file in the temporary directory, the database backend on a
`landscape_bench_search_<pid>` database created and dropped on the PostgreSQL server of
BENCH_POSTGRES_URL (copied from a migrated template database kept on that server, like the
migrated SQLite copy), and Elasticsearch when ELASTICSEARCH_URL is set (an index aliased
`landscape-bench-search-<pid>`, removed afterwards). Names carry the process id of the run, so
that two runs at once do not share a database. An engine that cannot be reached is skipped with
the reason printed.

1. Generates mixed documents, the same for every engine (random.Random(BENCH_SEED)): case
   studies, curricula, courses, lessons, partnerships, people and forum posts, written in
   English, French, Spanish or Portuguese from a vocabulary of landscapes, water, forests,
   farming, restoration and governance (accented words included); facets theme, country,
   region, SDG and ILM element; one in ten documents private to a partnership; dates over five
   years. The small set is the first documents of the large one.
2. Indexes them through the backend's `rebuild(documents, progress)`: seconds and documents per
   second (generating them is not counted). On PostgreSQL, `VACUUM ANALYZE` of the index tables
   follows, as autovacuum would do soon after a rebuild; it is timed apart.
3. Query latency, warm, as an anonymous reader (principals ["public"]), through
   `backend.search(Query)`: a common word, a rarer word, several words, a quoted phrase, a word
   with two facet filters; and `backend.suggest()` for a three-letter prefix. Median and p95
   over BENCH_RUNS runs (fewer when a query takes more than BENCH_LATENCY_SECONDS in all, but
   at least ten). On the database engines, the SQL queries of one search (three expected).
4. Prints the ratio p95(large) / p95(small) per engine and query. A check that unaccented
   queries find the accented words (deforestacion → deforestación) runs on every engine.

Environment: BENCH_QUICK=1 (as --quick), BENCH_RUNS (50; 20 quick), BENCH_LATENCY_SECONDS (20,
cap per query and size), BENCH_SEED (6), BENCH_ENGINES (sqlite,postgres,elasticsearch),
BENCH_POSTGRES_URL (the server of a PostgreSQL DATABASE_URL, else
postgres://postgres@127.0.0.1:5432/postgres), ELASTICSEARCH_URL, BENCH_KEEP=1 (keep the
databases and index), BENCH_EXPLAIN=1 (print the query plans of each search at the large size).
"""

import json
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
import warnings
from datetime import UTC, datetime, timedelta
from itertools import accumulate
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
# Run as a script, Python puts bench/ first on the path, where this file would stand in for the
# search app: put the project there instead.
sys.path[0] = str(ROOT)

from bench._common import migrate, postgres, say, table  # noqa: E402 (needs the path above)

QUICK = "--quick" in sys.argv[1:] or os.environ.get("BENCH_QUICK") == "1"
SIZES = (2_000, 10_000) if QUICK else (10_000, 100_000)
RUNS = int(os.environ.get("BENCH_RUNS", "20" if QUICK else "50"))
MIN_RUNS = 10
LATENCY_SECONDS = float(os.environ.get("BENCH_LATENCY_SECONDS", "20"))
SEED = int(os.environ.get("BENCH_SEED", "6"))
ENGINES = os.environ.get("BENCH_ENGINES", "sqlite,postgres,elasticsearch").split(",")
_SITE_DATABASE = os.environ.get("DATABASE_URL", "")
POSTGRES_URL = os.environ.get("BENCH_POSTGRES_URL") or (
    _SITE_DATABASE
    if _SITE_DATABASE.startswith(("postgres://", "postgresql://", "pgsql://"))
    else "postgres://postgres@127.0.0.1:5432/postgres"
)
ELASTICSEARCH_URL = os.environ.get("ELASTICSEARCH_URL", "")
KEEP = os.environ.get("BENCH_KEEP") == "1"
EXPLAIN = os.environ.get("BENCH_EXPLAIN") == "1"
TMP = Path(tempfile.gettempdir())
# Named after the run (the parent's process id), so that two runs at once never share a
# database.
RUN = os.environ.get("BENCH_SEARCH_RUN") or str(os.getpid())
SQLITE_PATH = TMP / f"landscape_bench_search_{RUN}.sqlite3"
PG_NAME = f"landscape_bench_search_{RUN}"
PG_TEMPLATE_PREFIX = "landscape_bench_search_migrated_"
ES_ALIAS = f"landscape-bench-search-{RUN}"
ENGINE_LABELS = {"sqlite": "SQLite", "postgres": "PostgreSQL", "elasticsearch": "Elasticsearch"}
READER = ["public"]

# --- The queries --------------------------------------------------------------------------------
# Words taken from the generated vocabulary (documents in English are about two in five).
# Common: "drought", in about one document in five (half the English ones). Rare: "vanilla",
# in about one in a hundred. Three words that must all match: about one in twelve. The phrase
# "soil erosion" (a set phrase of the vocabulary): about one in six. The latency table prints
# how many documents each query finds for an anonymous reader at each size.

QUERIES = [
    ("word, common", "drought", {}),
    ("word, rare", "vanilla", {}),
    ("3 words", "drought farmers irrigation", {}),
    ("phrase", '"soil erosion"', {}),
    (
        "word + 2 facets",
        "drought",
        {"theme": ["climate-adaptation"], "region": ["sub-saharan-africa"]},
    ),
]
SUGGEST_PREFIX = "res"
# The unaccented form must find what the accented one finds (accents folded on both sides).
FOLDING = [
    ("deforestacion", "deforestación"),
    ("deforestation", "déforestation"),
    ("restauracao", "restauração"),
    ("gestion", "gestión"),
]

# --- The vocabulary -----------------------------------------------------------------------------
# Content words as (English, French, Spanish, Portuguese), roughly from the most to the least
# frequent: a word's rank sets its weight (Zipf), so some are in most documents of their
# language and others in few.

CONCEPTS = [
    ("landscape", "paysage", "paisaje", "paisagem"),
    ("water", "eau", "agua", "água"),
    ("forest", "forêt", "bosque", "floresta"),
    ("community", "communauté", "comunidad", "comunidade"),
    ("land", "terre", "tierra", "terra"),
    ("farmers", "agriculteurs", "agricultores", "agricultores"),
    ("restoration", "restauration", "restauración", "restauração"),
    ("soil", "sol", "suelo", "solo"),
    ("management", "gestion", "gestión", "gestão"),
    ("partnership", "partenariat", "alianza", "parceria"),
    ("river", "rivière", "río", "rio"),
    ("trees", "arbres", "árboles", "árvores"),
    ("governance", "gouvernance", "gobernanza", "governança"),
    ("watershed", "bassin", "cuenca", "bacia"),
    ("farming", "agriculture", "agricultura", "agricultura"),
    ("degradation", "dégradation", "degradación", "degradação"),
    ("deforestation", "déforestation", "deforestación", "desflorestação"),
    ("erosion", "érosion", "erosión", "erosão"),
    ("biodiversity", "biodiversité", "biodiversidad", "biodiversidade"),
    ("livelihoods", "subsistance", "sustento", "subsistência"),
    ("climate", "climat", "clima", "clima"),
    ("rainfall", "précipitations", "lluvias", "chuvas"),
    ("drought", "sécheresse", "sequía", "seca"),
    ("village", "village", "aldea", "aldeia"),
    ("women", "femmes", "mujeres", "mulheres"),
    ("youth", "jeunes", "jóvenes", "jovens"),
    ("market", "marché", "mercado", "mercado"),
    ("crops", "cultures", "cultivos", "culturas"),
    ("livestock", "bétail", "ganado", "gado"),
    ("pasture", "pâturage", "pastizal", "pastagem"),
    ("irrigation", "irrigation", "riego", "irrigação"),
    ("wetland", "marais", "humedal", "pântano"),
    ("coffee", "café", "café", "café"),
    ("cocoa", "cacao", "cacao", "cacau"),
    ("agroforestry", "agroforesterie", "agroforestería", "agrofloresta"),
    ("seedlings", "semis", "plántulas", "mudas"),
    ("nursery", "pépinière", "vivero", "viveiro"),
    ("tenure", "foncier", "tenencia", "posse"),
    ("rights", "droits", "derechos", "direitos"),
    ("policy", "politique", "política", "política"),
    ("government", "gouvernement", "gobierno", "governo"),
    ("municipality", "commune", "municipio", "município"),
    ("cooperative", "coopérative", "cooperativa", "cooperativa"),
    ("investment", "investissement", "inversión", "investimento"),
    ("finance", "financement", "financiamiento", "financiamento"),
    ("monitoring", "suivi", "monitoreo", "monitoramento"),
    ("planning", "planification", "planificación", "planejamento"),
    ("stakeholders", "acteurs", "actores", "atores"),
    ("dialogue", "dialogue", "diálogo", "diálogo"),
    ("conflict", "conflit", "conflicto", "conflito"),
    ("agreement", "accord", "acuerdo", "acordo"),
    ("vision", "vision", "visión", "visão"),
    ("action", "action", "acción", "ação"),
    ("learning", "apprentissage", "aprendizaje", "aprendizagem"),
    ("impact", "impact", "impacto", "impacto"),
    ("resilience", "résilience", "resiliencia", "resiliência"),
    ("adaptation", "adaptation", "adaptación", "adaptação"),
    ("carbon", "carbone", "carbono", "carbono"),
    ("emissions", "émissions", "emisiones", "emissões"),
    ("grassland", "prairie", "pradera", "pradaria"),
    ("mountain", "montagne", "montaña", "montanha"),
    ("valley", "vallée", "valle", "vale"),
    ("hillside", "colline", "ladera", "encosta"),
    ("terraces", "terrasses", "terrazas", "terraços"),
    ("springs", "sources", "manantiales", "nascentes"),
    ("groundwater", "nappe", "acuífero", "aquífero"),
    ("reservoir", "réservoir", "embalse", "reservatório"),
    ("fisheries", "pêcheries", "pesquerías", "pescarias"),
    ("fishers", "pêcheurs", "pescadores", "pescadores"),
    ("coast", "côte", "costa", "litoral"),
    ("savanna", "savane", "sabana", "savana"),
    ("drylands", "aridité", "aridez", "semiárido"),
    ("desertification", "désertification", "desertificación", "desertificação"),
    ("reforestation", "reboisement", "reforestación", "reflorestamento"),
    ("regeneration", "régénération", "regeneración", "regeneração"),
    ("compost", "compost", "abono", "adubo"),
    ("fertilizer", "engrais", "fertilizante", "fertilizante"),
    ("harvest", "récolte", "cosecha", "colheita"),
    ("yields", "rendements", "rendimientos", "rendimentos"),
    ("income", "revenu", "ingresos", "renda"),
    ("households", "ménages", "hogares", "famílias"),
    ("smallholders", "paysans", "campesinos", "camponeses"),
    ("indigenous", "autochtones", "indígenas", "indígenas"),
    ("peoples", "peuples", "pueblos", "povos"),
    ("territory", "territoire", "territorio", "território"),
    ("boundaries", "limites", "límites", "fronteiras"),
    ("mapping", "cartographie", "cartografía", "mapeamento"),
    ("data", "données", "datos", "dados"),
    ("survey", "enquête", "encuesta", "levantamento"),
    ("training", "formation", "capacitación", "capacitação"),
    ("extension", "vulgarisation", "extensión", "extensão"),
    ("knowledge", "connaissances", "conocimiento", "conhecimento"),
    ("practices", "pratiques", "prácticas", "práticas"),
    ("traditional", "traditionnelles", "tradicionales", "tradicionais"),
    ("sustainable", "durable", "sostenible", "sustentável"),
    ("integrated", "intégrée", "integrado", "integrada"),
    ("shared", "partagée", "compartida", "compartilhada"),
    ("local", "locale", "local", "local"),
    ("regional", "régionale", "regional", "regional"),
    ("national", "nationale", "nacional", "nacional"),
    ("rural", "rurale", "rural", "rural"),
    ("degraded", "dégradées", "degradadas", "degradadas"),
    ("native", "endémiques", "nativas", "nativas"),
    ("species", "espèces", "especies", "espécies"),
    ("wildlife", "faune", "fauna", "fauna"),
    ("habitat", "habitat", "hábitat", "habitat"),
    ("corridor", "corridor", "corredor", "corredor"),
    ("protected", "protégée", "protegida", "protegida"),
    ("area", "aire", "área", "área"),
    ("park", "parc", "parque", "parque"),
    ("tourism", "tourisme", "turismo", "turismo"),
    ("value", "valeur", "valor", "valor"),
    ("chain", "chaîne", "cadena", "cadeia"),
    ("products", "produits", "productos", "produtos"),
    ("honey", "miel", "miel", "mel"),
    ("timber", "bois", "madera", "madeira"),
    ("charcoal", "charbon", "carbón", "carvão"),
    ("fire", "feu", "incendio", "fogo"),
    ("floods", "inondations", "inundaciones", "enchentes"),
    ("sediment", "sédiments", "sedimentos", "sedimentos"),
    ("quality", "qualité", "calidad", "qualidade"),
    ("supply", "approvisionnement", "abastecimiento", "abastecimento"),
    ("drinking", "potable", "potable", "potável"),
    ("sanitation", "assainissement", "saneamiento", "saneamento"),
    ("health", "santé", "salud", "saúde"),
    ("nutrition", "nutrition", "nutrición", "nutrição"),
    ("food", "alimentaire", "alimentos", "alimentos"),
    ("security", "sécurité", "seguridad", "segurança"),
    ("poverty", "pauvreté", "pobreza", "pobreza"),
    ("gender", "genre", "género", "gênero"),
    ("equity", "équité", "equidad", "equidade"),
    ("participation", "participation", "participación", "participação"),
    ("consultation", "consultation", "consulta", "consulta"),
    ("consensus", "consensus", "consenso", "consenso"),
    ("negotiation", "négociation", "negociación", "negociação"),
    ("platform", "plateforme", "plataforma", "plataforma"),
    ("committee", "comité", "comité", "comitê"),
    ("council", "conseil", "consejo", "conselho"),
    ("leaders", "dirigeants", "líderes", "líderes"),
    ("institutions", "institutions", "instituciones", "instituições"),
    ("budget", "budget", "presupuesto", "orçamento"),
    ("incentives", "incitations", "incentivos", "incentivos"),
    ("payments", "paiements", "pagos", "pagamentos"),
    ("ecosystem", "écosystème", "ecosistema", "ecossistema"),
    ("services", "services", "servicios", "serviços"),
    ("pollinators", "pollinisateurs", "polinizadores", "polinizadores"),
    ("rice", "riz", "arroz", "arroz"),
    ("maize", "maïs", "maíz", "milho"),
    ("beans", "haricots", "frijoles", "feijão"),
    ("orchards", "vergers", "huertos", "pomares"),
    ("grazing", "transhumance", "pastoreo", "pastoreio"),
    ("herders", "éleveurs", "pastores", "pastores"),
    ("dams", "barrages", "represas", "barragens"),
    ("rainwater", "pluie", "lluvia", "chuva"),
    ("collection", "collecte", "captación", "captação"),
    ("evaluation", "évaluation", "evaluación", "avaliação"),
    ("indicators", "indicateurs", "indicadores", "indicadores"),
    ("baseline", "référence", "línea", "referência"),
    ("scenario", "scénario", "escenario", "cenário"),
    ("strategy", "stratégie", "estrategia", "estratégia"),
    ("programme", "programme", "programa", "programa"),
    ("project", "projet", "proyecto", "projeto"),
    ("region", "région", "región", "região"),
    ("district", "district", "distrito", "distrito"),
    ("province", "province", "provincia", "província"),
]
# Rare words (crops, ecosystems, tools): each in few documents.
RARE = [
    ("vanilla", "vanille", "vainilla", "baunilha"),
    ("cashew", "cajou", "marañón", "caju"),
    ("shea", "karité", "karité", "carité"),
    ("peatland", "tourbière", "turbera", "turfeira"),
    ("glacier", "glacier", "glaciar", "geleira"),
    ("oasis", "oasis", "oasis", "oásis"),
    ("bamboo", "bambou", "bambú", "bambu"),
    ("cassava", "manioc", "yuca", "mandioca"),
    ("mangrove", "mangrove", "manglar", "manguezal"),
    ("beekeeping", "apiculture", "apicultura", "apicultura"),
    ("silvopasture", "sylvopastoralisme", "silvopastoreo", "silvipastoril"),
    ("biochar", "biocharbon", "biocarbón", "biocarvão"),
    ("zai", "zaï", "zaï", "zaï"),
    ("qanat", "foggara", "galería", "galeria"),
    ("drone", "drone", "dron", "drone"),
    ("blockchain", "chaîne de blocs", "cadena de bloques", "cadeia de blocos"),
    ("seaweed", "algues", "algas", "algas"),
    ("quinoa", "quinoa", "quinua", "quinoa"),
    ("sorghum", "sorgho", "sorgo", "sorgo"),
    ("teak", "teck", "teca", "teca"),
]
# Words used together (phrase queries find them), one list per language.
PHRASES = {
    "en": [
        "soil erosion",
        "water management",
        "land restoration",
        "forest landscape restoration",
        "integrated landscape management",
        "rainwater harvesting",
        "value chain",
        "land tenure",
        "climate adaptation",
        "shared vision",
        "food security",
        "protected area",
        "smallholder farmers",
        "ecosystem services",
        "multi-stakeholder platform",
        "degraded land",
        "native species",
        "watershed committee",
    ],
    "fr": [
        "érosion des sols",
        "gestion de l'eau",
        "restauration des paysages",
        "gestion intégrée des paysages",
        "chaîne de valeur",
        "sécurité alimentaire",
        "aire protégée",
        "services écosystémiques",
        "vision partagée",
        "régime foncier",
        "adaptation au climat",
        "zones humides",
        "plateforme multi-acteurs",
        "terres dégradées",
        "lutte contre la déforestation",
    ],
    "es": [
        "erosión del suelo",
        "gestión del agua",
        "restauración de paisajes",
        "manejo integrado del paisaje",
        "cadena de valor",
        "seguridad alimentaria",
        "área protegida",
        "servicios ecosistémicos",
        "visión compartida",
        "tenencia de la tierra",
        "adaptación al clima",
        "cuenca alta",
        "tierras degradadas",
        "freno a la deforestación",
    ],
    "pt": [
        "erosão do solo",
        "gestão da água",
        "restauração da paisagem",
        "gestão integrada da paisagem",
        "cadeia de valor",
        "segurança alimentar",
        "área protegida",
        "serviços ecossistêmicos",
        "visão compartilhada",
        "posse da terra",
        "adaptação climática",
        "recuperação de nascentes",
        "agricultura familiar",
        "combate à desflorestação",
    ],
}
FUNCTION_WORDS = {
    "en": "the of and in to a for with on by from their across through between is are was "
    "were has have helps supports improves reduces protects restores brings links shows builds "
    "where which that more new many each after before while".split(),
    "fr": "le la les de des du et en dans pour avec sur par entre leur leurs est sont a ont "
    "aide soutient améliore réduit protège restaure relie montre renforce où qui que plus "
    "nouveaux chaque après avant pendant".split(),
    "es": "el la los las de del y en para con por entre su sus es son fue ha han ayuda apoya "
    "mejora reduce protege restaura vincula muestra fortalece donde que más nuevos cada después "
    "antes durante".split(),
    "pt": "o a os as de do da dos das e em no na para com por entre seu sua é são foi tem "
    "ajuda apoia melhora reduz protege restaura liga mostra fortalece onde que mais novos cada "
    "depois antes durante".split(),
}
LANGUAGES = ["en", "fr", "es", "pt"]
LANGUAGE_WEIGHTS = [40, 20, 22, 18]

# --- Facets -------------------------------------------------------------------------------------

# Slug, and the content words (English column of CONCEPTS) a document on that theme uses more.
THEMES = {
    "restoration": "restoration deforestation degradation reforestation regeneration seedlings "
    "nursery native species trees",
    "water-security": "water river watershed rainfall irrigation springs groundwater reservoir "
    "supply drinking",
    "climate-adaptation": "climate drought resilience adaptation carbon emissions floods "
    "sediment rainfall hillside",
    "agroforestry": "agroforestry trees coffee cocoa seedlings nursery farming shared timber "
    "forest",
    "livelihoods": "income households market smallholders livestock farmers products honey "
    "poverty food",
    "finance": "investment finance incentives payments ecosystem services market income carbon "
    "budget",
    "governance": "governance policy government stakeholders dialogue conflict agreement vision "
    "committee council",
    "biodiversity": "biodiversity wildlife habitat corridor protected area park pollinators "
    "species forest",
    "sustainable-agriculture": "farming crops soil compost fertilizer harvest yields erosion "
    "maize irrigation",
    "value-chains": "market value chain products honey coffee cocoa cooperative timber income",
    "land-tenure": "tenure rights land peoples indigenous territory boundaries mapping policy "
    "municipality",
    "gender-inclusion": "women youth equity gender participation consultation leaders "
    "smallholders training community",
}
_ENGLISH = {concept[0]: i for i, concept in enumerate(CONCEPTS)}
THEME_WORDS = {slug: [_ENGLISH[w] for w in words.split()] for slug, words in THEMES.items()}
# ISO code and World Bank region: 40 countries over the 7 regions.
COUNTRIES = [
    ("KE", "sub-saharan-africa"),
    ("UG", "sub-saharan-africa"),
    ("TZ", "sub-saharan-africa"),
    ("ET", "sub-saharan-africa"),
    ("RW", "sub-saharan-africa"),
    ("GH", "sub-saharan-africa"),
    ("BF", "sub-saharan-africa"),
    ("NE", "sub-saharan-africa"),
    ("SN", "sub-saharan-africa"),
    ("CM", "sub-saharan-africa"),
    ("MG", "sub-saharan-africa"),
    ("MW", "sub-saharan-africa"),
    ("ZA", "sub-saharan-africa"),
    ("BR", "latin-america-caribbean"),
    ("PE", "latin-america-caribbean"),
    ("CO", "latin-america-caribbean"),
    ("MX", "latin-america-caribbean"),
    ("GT", "latin-america-caribbean"),
    ("HN", "latin-america-caribbean"),
    ("BO", "latin-america-caribbean"),
    ("EC", "latin-america-caribbean"),
    ("CR", "latin-america-caribbean"),
    ("IN", "south-asia"),
    ("NP", "south-asia"),
    ("BD", "south-asia"),
    ("LK", "south-asia"),
    ("ID", "east-asia-pacific"),
    ("PH", "east-asia-pacific"),
    ("VN", "east-asia-pacific"),
    ("KH", "east-asia-pacific"),
    ("PG", "east-asia-pacific"),
    ("MA", "middle-east-north-africa"),
    ("TN", "middle-east-north-africa"),
    ("JO", "middle-east-north-africa"),
    ("ES", "europe-central-asia"),
    ("IT", "europe-central-asia"),
    ("NL", "europe-central-asia"),
    ("KG", "europe-central-asia"),
    ("US", "north-america"),
    ("CA", "north-america"),
]
COUNTRY_WEIGHTS = [9, 6, 6, 7, 4, 5, 4, 3, 3, 3, 3, 3, 2, 6, 4, 4, 4, 3, 2, 2, 2, 2, 6, 3, 2, 1]
COUNTRY_WEIGHTS += [5, 3, 3, 2, 1, 2, 1, 1, 2, 1, 1, 1, 1, 1]
ILM = ["partnership", "shared-understanding", "vision-planning", "taking-action", "learning-impact"]
# Type, share of the documents, the facets it carries.
TYPES = [
    ("case_study", 20, ("theme", "country", "sdg", "ilm")),
    ("curriculum", 5, ("theme", "ilm", "sdg")),
    ("course", 5, ("theme", "ilm")),
    ("lesson", 25, ("theme", "ilm")),
    ("partnership", 5, ("theme", "country")),
    ("person", 15, ("country",)),
    ("forum_post", 25, ("theme",)),
]
PLACES = [
    "Kigezi",
    "Elgon",
    "Naivasha",
    "Bale",
    "Tana",
    "Volta",
    "Ferlo",
    "Cerrado",
    "Mata Atlântica",
    "Páramo",
    "Sierra Madre",
    "Ghats",
    "Terai",
    "Mekong",
    "Kalimantan",
    "Atlas",
    "Mara",
    "Chiapas",
    "Cauca",
    "Sahel",
]
FIRST_NAMES = (
    "Amina Joseph Wanjiru Pedro Lucía Ana Thiago Mariana Jean Aïcha Moussa Fatou Ravi Priya "
    "Nguyen Maria José Kwame Esther Samuel Beatriz Carlos Léa Hélène François Ibrahim Grace "
    "Sofía Juan Paulo Fernanda Tsegaye Alemayehu Siti Budi Rosa Miguel Chantal Awa Yusuf Noor"
).split()
LAST_NAMES = (
    "Otieno Mensah Ouédraogo Diallo Kamau Silva Santos Oliveira García Rodríguez Fernández "
    "López Martínez Dubois Lefèvre Moreau Traoré Kone Sharma Gupta Tran Pham Haile Bekele "
    "Wijaya Putri Cruz Reyes Nkurunziza Mugisha Asante Boateng Ramírez Castillo Costa Pereira"
).split()
START = datetime(2021, 1, 1, tzinfo=UTC)
SPAN_SECONDS = 5 * 365 * 24 * 3600


# Shares of the words of a text: function words, set phrases, rare words, the document's theme
# words, and the other content words by frequency.
SHARE_FUNCTION, SHARE_PHRASE, SHARE_RARE, SHARE_TOPIC = 0.30, 0.06, 0.0025, 0.28
SHARE_CONTENT = 1 - SHARE_FUNCTION - SHARE_PHRASE - SHARE_RARE - SHARE_TOPIC
ZIPF = 1.05


class Corpus:
    """Deterministic multilingual documents: `documents(n)` is always the same list, and
    `documents(n)` starts with `documents(m)` for m < n."""

    def __init__(self, seed):
        self.seed = seed
        zipf = [1 / (rank + 1) ** ZIPF for rank in range(len(CONCEPTS))]
        # Per language: the words any text may use and their cumulative weights (a text adds
        # its themes' words to both).
        self.population, self.cumulative = {}, {}
        for column, language in enumerate(LANGUAGES):
            parts = [
                (SHARE_FUNCTION, FUNCTION_WORDS[language], None),
                (SHARE_PHRASE, PHRASES[language], None),
                (SHARE_RARE, [row[column] for row in RARE], None),
                (SHARE_CONTENT, [row[column] for row in CONCEPTS], zipf),
            ]
            words, weights = [], []
            for share, found, by_rank in parts:
                words += found
                by_rank = by_rank or [1] * len(found)
                weights += [share * w / sum(by_rank) for w in by_rank]
            self.population[language] = words
            self.cumulative[language] = list(accumulate(weights))

    def documents(self, count):
        rng = random.Random(self.seed)
        type_names = [t[0] for t in TYPES]
        type_weights = [t[1] for t in TYPES]
        type_facets = {t[0]: t[2] for t in TYPES}
        theme_slugs = list(THEMES)
        return [
            self.document(rng, number, type_names, type_weights, type_facets, theme_slugs)
            for number in range(1, count + 1)
        ]

    def document(self, rng, number, type_names, type_weights, type_facets, theme_slugs):
        type_name = rng.choices(type_names, type_weights)[0]
        language = rng.choices(LANGUAGES, LANGUAGE_WEIGHTS)[0]
        themes = rng.sample(theme_slugs, rng.choice((1, 1, 2, 2, 3)))
        facets = {}
        wanted = type_facets[type_name]
        if "theme" in wanted:
            facets["theme"] = themes
        if "country" in wanted:
            picked = {
                code
                for code, _region in rng.choices(
                    COUNTRIES, COUNTRY_WEIGHTS, k=rng.choice((1, 1, 1, 2))
                )
            }
            facets["country"] = sorted(picked)
            facets["region"] = sorted({r for c, r in COUNTRIES if c in picked})
        if "sdg" in wanted:
            facets["sdg"] = sorted(
                {str(rng.randint(1, 17)) for _ in range(rng.randint(1, 3))}, key=int
            )
        if "ilm" in wanted:
            facets["ilm"] = sorted(set(rng.sample(ILM, rng.randint(1, 2))))
        column = LANGUAGES.index(language)
        topic = [CONCEPTS[i][column] for slug in themes for i in THEME_WORDS[slug]]
        population = self.population[language] + topic
        total = self.cumulative[language][-1]
        cumulative = self.cumulative[language] + [
            total + SHARE_TOPIC * (i + 1) / len(topic) for i in range(len(topic))
        ]

        def text(length):
            # Phrases are several words: cut at `length` words.
            drawn = rng.choices(population, cum_weights=cumulative, k=length)
            return " ".join(drawn).split()[:length]

        if type_name == "person":
            title = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
        elif type_name == "partnership":
            title = f"{rng.choice(PLACES)} {' '.join(text(rng.randint(3, 6)))}"
        else:
            title = _sentence(text(rng.randint(6, 10)))
        summary = _sentence(text(rng.randint(20, 30))) + "."
        words = text(rng.randint(150, 250))
        sentences, start = [], 0
        while start < len(words):
            end = start + rng.randint(8, 18)
            sentences.append(_sentence(words[start:end]) + ".")
            start = end
        private = rng.random() < 0.10
        date = START + timedelta(seconds=rng.randrange(SPAN_SECONDS))
        return {
            "type": type_name,
            "id": str(number),
            "title": title,
            "url": f"/{language}/{type_name.replace('_', '-')}/{number}/",
            # Partnerships and people are written in any language but have none.
            "language": "" if type_name in ("partnership", "person") else language,
            "summary": summary,
            "body": " ".join(sentences),
            "date": None if type_name == "person" else date,
            "facets": facets,
            "visibility": [f"partnership:{rng.randint(1, 300)}"] if private else ["public"],
        }


def _sentence(words):
    text = " ".join(words)
    return text[:1].upper() + text[1:]


def as_document(raw):
    from search.documents import Document

    return Document(**raw)


def percentile(values, share):
    values = sorted(values)
    return values[min(len(values) - 1, max(0, round(share * len(values)) - 1))]


# --- Engines ------------------------------------------------------------------------------------


def _admin_url():
    return urlunsplit(urlsplit(POSTGRES_URL)._replace(scheme="postgresql", path="/postgres"))


def _running(pid):
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def remove_leftovers(postgres_reachable):
    """Databases of earlier runs that were killed before removing them (their process is
    gone), unless BENCH_KEEP asked to keep them."""
    if KEEP:
        return
    for path in TMP.glob("landscape_bench_search_*.sqlite3*"):
        found = re.fullmatch(r"landscape_bench_search_(\d+)\.sqlite3(-wal|-shm)?", path.name)
        if found and not _running(found.group(1)):
            path.unlink(missing_ok=True)
    if postgres_reachable:
        names = [
            name
            for name in _pg_databases()
            if (found := re.fullmatch(r"landscape_bench_search_(\d+)", name))
            and not _running(found.group(1))
        ]
        postgres(_admin_url(), *(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)" for name in names))


def unavailable(engine):
    """Why an engine cannot be measured here (None when it can)."""
    if engine == "postgres":
        try:
            import psycopg  # noqa: F401
        except ImportError:
            return "psycopg is not installed"
        try:
            postgres(_admin_url(), "SELECT 1")
        except Exception as error:  # noqa: BLE001 (any reason is reported, none is fatal)
            return f"{urlsplit(POSTGRES_URL).hostname}: {str(error).strip().splitlines()[0]}"
    if engine == "elasticsearch":
        if not ELASTICSEARCH_URL:
            return "ELASTICSEARCH_URL is not set"
        try:
            from elasticsearch import Elasticsearch

            Elasticsearch(ELASTICSEARCH_URL, request_timeout=5).info()
        except Exception as error:  # noqa: BLE001
            message = str(error).strip()
            # The client nests its causes: the errno at the end says most.
            cause = re.search(r"\[Errno [^\]]+\][^)'\"]*", message)
            message = cause.group(0) if cause else message
            return f"{urlsplit(ELASTICSEARCH_URL).hostname}: {message[:160]}"
    return None


def _pg_databases():
    import psycopg

    with psycopg.connect(_admin_url(), autocommit=True, connect_timeout=5) as conn:
        return {row[0] for row in conn.execute("SELECT datname FROM pg_database")}


def _pg_template():
    """The name of a migrated database kept on the server for the next run (like the migrated
    SQLite copy of bench/_common.migrate): migrating takes longer than the quick benchmark."""
    from bench._common import _migrations_fingerprint

    return f"{PG_TEMPLATE_PREFIX}{_migrations_fingerprint()}"


def prepare(engine):
    """Point the bench settings at a fresh database; returns its label, a function that
    migrates it (returning what it did) and a remover."""
    if engine == "postgres":
        parts = urlsplit(POSTGRES_URL)
        drop = f"DROP DATABASE IF EXISTS {PG_NAME} WITH (FORCE)"
        template = _pg_template()
        found = _pg_databases()
        copied = template in found
        postgres(
            _admin_url(),
            drop,
            f"CREATE DATABASE {PG_NAME}" + (f" TEMPLATE {template}" if copied else ""),
        )
        url = urlunsplit(parts._replace(path=f"/{PG_NAME}"))
        label = f"PostgreSQL ({parts.hostname}/{PG_NAME})"

        def prepare_schema():
            if copied:
                return "copied a migrated database"
            from django.db import connections

            migrate(SQLITE_PATH)
            connections.close_all()  # a template must have no connection
            stale = [
                f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"
                for name in found
                if name.startswith(PG_TEMPLATE_PREFIX) and name != template
            ]
            try:
                postgres(_admin_url(), *stale, f"CREATE DATABASE {template} TEMPLATE {PG_NAME}")
            except Exception as error:  # noqa: BLE001 (another run may have made it meanwhile)
                return f"migrated (no copy kept: {str(error).strip().splitlines()[0]})"
            return f"migrated (kept a copy for the next run: {template})"

        def remove():
            postgres(_admin_url(), drop)

    else:
        # Elasticsearch needs no database, but Django needs one configured: never used.
        for suffix in ("", "-wal", "-shm"):
            Path(f"{SQLITE_PATH}{suffix}").unlink(missing_ok=True)
        url = f"sqlite:///{SQLITE_PATH}"
        if engine == "elasticsearch":
            label = f"Elasticsearch ({urlsplit(ELASTICSEARCH_URL).hostname}, {ES_ALIAS})"

            def prepare_schema():
                return "none needed"

        else:
            label = f"SQLite ({SQLITE_PATH})"

            def prepare_schema():
                return migrate(SQLITE_PATH)

        def remove():
            for suffix in ("", "-wal", "-shm"):
                Path(f"{SQLITE_PATH}{suffix}").unlink(missing_ok=True)

    os.environ["BENCH_DATABASE_URL"] = url
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
    os.environ.pop("BENCH_PAGE_CACHE_SECONDS", None)
    return label, prepare_schema, remove


def make_backend(engine):
    if engine == "elasticsearch":
        # Imported here: only this engine needs the client.
        from search.backends.elasticsearch import ElasticsearchBackend

        return ElasticsearchBackend(url=ELASTICSEARCH_URL, index=ES_ALIAS)
    from search.backends.database import DatabaseBackend

    return DatabaseBackend()


def remove_elasticsearch(backend):
    # By name: Elasticsearch 8 refuses to delete by wildcard (action.destructive_requires_name).
    found = backend.client.indices.get(index=f"{ES_ALIAS}-*", ignore_unavailable=True).body
    if found:
        backend.client.indices.delete(index=sorted(found), ignore_unavailable=True)


# --- Measurements -------------------------------------------------------------------------------


def rebuild(engine, backend, documents):
    """Seconds to index these documents through rebuild(), and seconds of the follow-up
    VACUUM ANALYZE on PostgreSQL (None elsewhere)."""
    from django.db import connection

    done = [0]
    step = max(1, len(documents) // 4)

    def progress(count):
        before = done[0]
        done[0] += count
        if done[0] // step != before // step or done[0] == len(documents):
            say(f"    indexed {done[0]:,} / {len(documents):,}")

    started = time.perf_counter()
    backend.rebuild(iter(documents), progress)
    seconds = time.perf_counter() - started
    analyze = None
    if engine == "postgres":
        started = time.perf_counter()
        with connection.cursor() as cursor:
            for name in ("indexentry", "indexaccess", "indexfacet", "indexterm"):
                cursor.execute(f"VACUUM ANALYZE search_{name}")
        analyze = time.perf_counter() - started
    return seconds, analyze


def timed_runs(call):
    """Warm-up, then up to RUNS timed calls (at least MIN_RUNS, else within LATENCY_SECONDS)."""
    for _ in range(3):
        call()
    times = []
    until = time.perf_counter() + LATENCY_SECONDS
    while len(times) < RUNS and (len(times) < MIN_RUNS or time.perf_counter() < until):
        began = time.perf_counter()
        call()
        times.append((time.perf_counter() - began) * 1000)
    return times


def sql_of(call):
    """The SQL statements one call runs (database engines)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        call()
    return [q["sql"] for q in captured.captured_queries]


def explain(engine, statements):
    from django.db import connection

    prefix = "EXPLAIN (ANALYZE, BUFFERS)" if engine == "postgres" else "EXPLAIN QUERY PLAN"
    with connection.cursor() as cursor:
        for statement in statements:
            say(f"\n    {statement[:300]}{'…' if len(statement) > 300 else ''}")
            cursor.execute(f"{prefix} {statement}")
            for row in cursor.fetchall():
                say("      " + " | ".join(str(c) for c in row))


def latencies(engine, backend, size, large):
    from search.documents import Query

    rows = []
    database = engine != "elasticsearch"
    for kind, text, filters in QUERIES:
        query = Query(text=text, filters=filters, principals=READER)
        results = backend.search(query)
        statements = sql_of(lambda q=query: backend.search(q)) if database else []
        times = timed_runs(lambda q=query: backend.search(q))
        rows.append(
            {
                "kind": kind,
                "query": text + "".join(f" {k}={v[0]}" for k, v in filters.items()),
                "hits": results.total,
                "share": results.total / size,
                "median_ms": statistics.median(times),
                "p95_ms": percentile(times, 0.95),
                "runs": len(times),
                "sql": len(statements) if database else None,
            }
        )
        if EXPLAIN and large and database:
            say(f"\n  Plans of '{kind}' ({text}) at {size:,}:")
            explain(engine, statements)
    found = backend.suggest(SUGGEST_PREFIX, READER, limit=8)
    statements = (
        sql_of(lambda: backend.suggest(SUGGEST_PREFIX, READER, limit=8)) if database else []
    )
    times = timed_runs(lambda: backend.suggest(SUGGEST_PREFIX, READER, limit=8))
    rows.append(
        {
            "kind": "suggest",
            "query": f"{SUGGEST_PREFIX}…",
            "hits": len(found),
            "share": None,
            "median_ms": statistics.median(times),
            "p95_ms": percentile(times, 0.95),
            "runs": len(times),
            "sql": len(statements) if database else None,
        }
    )
    if EXPLAIN and large and database:
        say(f"\n  Plans of suggest ({SUGGEST_PREFIX}) at {size:,}:")
        explain(engine, statements)
    return rows


def folding(backend):
    from search.documents import Query

    rows = []
    for plain, accented in FOLDING:
        a = backend.search(Query(text=plain, principals=READER, per_page=1)).total
        b = backend.search(Query(text=accented, principals=READER, per_page=1)).total
        rows.append({"plain": plain, "accented": accented, "plain_hits": a, "accented_hits": b})
    return rows


# --- One engine, in a process of its own --------------------------------------------------------


def run_engine(engine):
    label, prepare_schema, remove = prepare(engine)
    # Production's middleware serves collected static files; a benchmark collects none.
    warnings.filterwarnings("ignore", message="No directory at")
    import django

    django.setup()
    from django.db import connections

    say(f"\n=== {label}")
    results = {"engine": engine, "label": label, "sizes": {}}
    backend = None
    try:
        step = time.perf_counter()
        say(f"database: {prepare_schema()} in {time.perf_counter() - step:.1f} s")
        step = time.perf_counter()
        raw = Corpus(SEED).documents(SIZES[-1])
        documents = [as_document(r) for r in raw]
        del raw
        say(f"{len(documents):,} documents generated in {time.perf_counter() - step:.1f} s")
        backend = make_backend(engine)
        backend.setup()
        for size in SIZES:
            say(f"  {size:,} documents:")
            seconds, analyze = rebuild(engine, backend, documents[:size])
            counted = sum(backend.counts().values())
            say(
                f"    rebuild {seconds:.1f} s"
                + (f", VACUUM ANALYZE {analyze:.1f} s" if analyze is not None else "")
                + f", {counted:,} documents in the index"
            )
            results["sizes"][str(size)] = {
                "seconds": seconds,
                "analyze": analyze,
                "counted": counted,
                "latency": latencies(engine, backend, size, size == SIZES[-1]),
                "folding": folding(backend),
            }
    finally:
        if backend is not None and engine == "elasticsearch" and not KEEP:
            remove_elasticsearch(backend)
        connections.close_all()
        if not KEEP:
            remove()
    return results


# --- The tables ---------------------------------------------------------------------------------


def report(results):
    small, large = (str(size) for size in SIZES)
    rows = []
    for result in results:
        name = ENGINE_LABELS[result["engine"]]
        for size, measured in result["sizes"].items():
            rows.append(
                [
                    name,
                    f"{int(size):,}",
                    f"{measured['seconds']:.1f}",
                    f"{int(size) / measured['seconds']:,.0f}",
                    "" if measured["analyze"] is None else f"{measured['analyze']:.1f}",
                    f"{measured['counted']:,}",
                ]
            )
    table(
        "Indexing through backend.rebuild() (documents generated beforehand, not counted)",
        ["engine", "docs", "seconds", "docs/s", "then VACUUM ANALYZE s", "in the index"],
        rows,
    )

    rows = []
    for result in results:
        name = ENGINE_LABELS[result["engine"]]
        for size, measured in result["sizes"].items():
            for r in measured["latency"]:
                share = "" if r["share"] is None else f" ({r['share']:.1%})"
                rows.append(
                    [
                        name,
                        f"{int(size):,}",
                        r["kind"],
                        r["query"],
                        f"{r['hits']:,}{share}",
                        f"{r['median_ms']:.1f}",
                        f"{r['p95_ms']:.1f}",
                        r["runs"],
                        "" if r["sql"] is None else r["sql"],
                    ]
                )
    table(
        "Latency, warm, anonymous reader (ms; hits = total found, or titles suggested; SQL = "
        "queries of one call, 3 expected for a search)",
        ["engine", "docs", "query kind", "query", "hits", "median ms", "p95 ms", "runs", "SQL"],
        rows,
    )

    rows = []
    for result in results:
        sizes = result["sizes"]
        if small not in sizes or large not in sizes:
            continue
        for before, after in zip(sizes[small]["latency"], sizes[large]["latency"], strict=True):
            rows.append(
                [
                    ENGINE_LABELS[result["engine"]],
                    before["kind"],
                    f"{before['p95_ms']:.1f}",
                    f"{after['p95_ms']:.1f}",
                    f"{after['p95_ms'] / before['p95_ms']:.1f}",
                ]
            )
    grew = int(large) // int(small)
    table(
        f"Growth: p95({int(large):,}) / p95({int(small):,}) (the data grew {grew}×)",
        ["engine", "query kind", f"p95@{int(small):,}", f"p95@{int(large):,}", "ratio"],
        rows,
    )

    rows = []
    for result in results:
        for size, measured in result["sizes"].items():
            for r in measured["folding"]:
                same = r["plain_hits"] == r["accented_hits"] and r["plain_hits"] > 0
                rows.append(
                    [
                        ENGINE_LABELS[result["engine"]],
                        f"{int(size):,}",
                        f"{r['plain']} / {r['accented']}",
                        f"{r['plain_hits']:,} / {r['accented_hits']:,}",
                        "PASS" if same else "MISS",
                    ]
                )
    table(
        "Accents folded: the unaccented query finds what the accented one finds",
        ["engine", "docs", "queries", "hits", "result"],
        rows,
    )
    return all(row[-1] == "PASS" for row in rows)


def main():
    child = os.environ.get("BENCH_SEARCH_CHILD")
    if child:
        results = run_engine(child)
        Path(os.environ["BENCH_SEARCH_RESULTS"]).write_text(json.dumps(results))
        return

    began = time.perf_counter()
    say(
        f"Search benchmark · {SIZES[0]:,} and {SIZES[1]:,} documents · seed {SEED} · "
        f"{RUNS} runs per query · load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs"
    )
    results, skipped, failed = [], [], []
    remove_leftovers(postgres_reachable=unavailable("postgres") is None)
    for engine in ENGINES:
        reason = unavailable(engine)
        if reason:
            skipped.append(f"{ENGINE_LABELS[engine]} skipped: {reason}")
            say(f"\n=== {skipped[-1]}")
            continue
        with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as handle:
            out = Path(handle.name)
        env = {
            **os.environ,
            "BENCH_SEARCH_CHILD": engine,
            "BENCH_SEARCH_RUN": RUN,
            "BENCH_SEARCH_RESULTS": str(out),
            "BENCH_QUICK": "1" if QUICK else "",
            "PYTHONPATH": str(ROOT),
        }
        started = time.perf_counter()
        done = subprocess.run([sys.executable, __file__], env=env, cwd=ROOT, check=False)  # noqa: S603
        if done.returncode != 0 or not out.stat().st_size:
            failed.append(f"{ENGINE_LABELS[engine]} failed (exit {done.returncode})")
            say(f"\n=== {failed[-1]}")
        else:
            results.append(json.loads(out.read_text()))
            say(f"({ENGINE_LABELS[engine]}: {time.perf_counter() - started:.0f} s)")
        out.unlink(missing_ok=True)

    folded = report(results) if results else True
    for line in skipped + failed:
        say(line)
    if not folded:
        failed.append("an unaccented query did not find the accented word")
        say(failed[-1])
    say(f"\nTotal {time.perf_counter() - began:.0f} s")
    if failed:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
