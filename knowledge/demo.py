"""Demo content of the knowledge hub, loaded by `manage.py seed_demo` (safe to run again)."""

from wagtail.models import Locale

from .models import HomePage

FIRST_INTRO = "Learn from a thousand landscape partnerships."


def seed(*, stdout, people, admin):
    home = HomePage.objects.filter(locale__language_code="en").first()
    if home is None:
        return
    if not home.intro or home.intro == FIRST_INTRO:
        home.intro = (
            "Learn from a thousand landscape partnerships: their case studies, their "
            "courses and their conversations."
        )
        home.save_revision(user=admin).publish(user=admin)
    french = Locale.objects.get(language_code="fr")
    if not HomePage.objects.filter(locale=french, translation_key=home.translation_key).exists():
        translated = home.copy_for_translation(french)
        translated.title = "Réseau des paysages"
        translated.intro = (
            "Apprenez de mille partenariats paysagers : leurs études de cas, leurs cours "
            "et leurs échanges."
        )
        translated.save_revision(user=admin).publish(user=admin)
