"""Load the fixed reference lists (countries, the 17 SDGs, the five ILM elements), a first set
of themes and land uses that editors then grow, and keep the French, Spanish and Portuguese page
trees synchronised from English, so a page not yet translated is served in its original language
under every language prefix (wagtail-localize aliases)."""

from django.db import migrations
from django_countries.data import COUNTRIES

ILM_ELEMENTS = [
    "partnership",
    "shared-understanding",
    "vision-planning",
    "taking-action",
    "learning-impact",
]

# slug, English, French, Spanish, Portuguese
THEMES = [
    ("restoration", "Restoration", "Restauration", "Restauración", "Restauração"),
    ("water-security", "Water security", "Sécurité hydrique", "Seguridad hídrica", "Segurança hídrica"),
    (
        "climate-adaptation",
        "Climate adaptation",
        "Adaptation au climat",
        "Adaptación al clima",
        "Adaptação climática",
    ),
    ("agroforestry", "Agroforestry", "Agroforesterie", "Agroforestería", "Agrofloresta"),
    ("livelihoods", "Livelihoods", "Moyens de subsistance", "Medios de vida", "Meios de subsistência"),
    ("finance", "Finance", "Financement", "Financiamiento", "Financiamento"),
    ("governance", "Governance", "Gouvernance", "Gobernanza", "Governança"),
    ("biodiversity", "Biodiversity", "Biodiversité", "Biodiversidad", "Biodiversidade"),
    (
        "sustainable-agriculture",
        "Sustainable agriculture",
        "Agriculture durable",
        "Agricultura sostenible",
        "Agricultura sustentável",
    ),
    ("value-chains", "Value chains", "Chaînes de valeur", "Cadenas de valor", "Cadeias de valor"),
]

LAND_USES = [
    ("cropland", "Cropland", "Terres cultivées", "Tierras de cultivo", "Terras de cultivo"),
    ("grazing", "Grazing land", "Pâturages", "Pastizales", "Pastagens"),
    ("forestry", "Forestry", "Foresterie", "Silvicultura", "Silvicultura"),
    (
        "protected-area",
        "Protected area",
        "Aire protégée",
        "Área protegida",
        "Área protegida",
    ),
    ("settlements", "Settlements", "Habitat", "Asentamientos", "Assentamentos"),
    ("fisheries", "Fisheries", "Pêche", "Pesca", "Pesca"),
    ("mining", "Mining", "Mines", "Minería", "Mineração"),
]


def load(apps, schema_editor):
    Country = apps.get_model("knowledge", "Country")
    SDG = apps.get_model("knowledge", "SDG")
    ILMElementTerm = apps.get_model("knowledge", "ILMElementTerm")
    Theme = apps.get_model("knowledge", "Theme")
    LandUse = apps.get_model("knowledge", "LandUse")
    Locale = apps.get_model("wagtailcore", "Locale")
    LocaleSynchronization = apps.get_model("wagtail_localize", "LocaleSynchronization")

    Country.objects.bulk_create(
        [Country(code=code) for code in sorted(COUNTRIES)], ignore_conflicts=True
    )
    SDG.objects.bulk_create([SDG(number=n) for n in range(1, 18)], ignore_conflicts=True)
    for position, code in enumerate(ILM_ELEMENTS):
        ILMElementTerm.objects.update_or_create(code=code, defaults={"position": position})
    for model, rows in ((Theme, THEMES), (LandUse, LAND_USES)):
        for slug, en, fr, es, pt in rows:
            model.objects.get_or_create(
                slug=slug, defaults={"name": en, "name_fr": fr, "name_es": es, "name_pt": pt}
            )

    english = Locale.objects.filter(language_code="en").first()
    if english is None:
        return
    for locale in Locale.objects.exclude(pk=english.pk):
        LocaleSynchronization.objects.get_or_create(locale=locale, defaults={"sync_from": english})


class Migration(migrations.Migration):
    dependencies = [
        ("knowledge", "0003_case_studies_and_curricula"),
        ("wagtail_localize", "0016_rename_page_revision_translationlog_revision"),
    ]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
