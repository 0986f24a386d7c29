"""Demo discussions for `manage.py seed_demo`: a global category, two themes, two regions and
one partnership's private category, with topics and replies in English and French, written
through the services like real posts (events, counters, notifications, search)."""

from django.test.utils import override_settings

from people.models import Partnership

from . import services
from .models import Category

CATEGORIES = [
    (
        "general",
        "General discussion",
        "general",
        None,
        False,
        "Introduce yourself, share news and ask anything about landscape partnerships.",
    ),
    (
        "restoration",
        "Restoration practice",
        "theme",
        None,
        False,
        "Agroforestry, assisted natural regeneration, terraces and what works where.",
    ),
    (
        "water",
        "Water and watersheds",
        "theme",
        None,
        True,
        "Questions and answers on springs, rivers, irrigation and watershed governance.",
    ),
    ("africa", "Africa", "region", None, False, "Partnerships across the African continent."),
    (
        "latin-america",
        "Latin America",
        "region",
        None,
        False,
        "Alianzas y paisajes de América Latina y el Caribe.",
    ),
    (
        "kijabe-forest-members",
        "Kijabe Forest: members' room",
        "partnership",
        "kijabe-forest",
        False,
        "Private to the Kijabe Forest partnership's members.",
    ),
]

TOPICS = [
    (
        "general",
        "amina",
        "en",
        "Welcome! Introduce your landscape",
        "Tell us **where** you work, who is in your partnership and what you want to learn.",
        [
            (
                "grace",
                "Hello from the Kijabe forest in Kenya. We are 14 organisations around one "
                "water tower.",
            ),
            ("carlos", "Saludos from the Andean páramo: we protect the water of 3 cities."),
        ],
    ),
    (
        "restoration",
        "grace",
        "en",
        "Which tree species survive the first dry season?",
        "We lost 40% of seedlings last year. What worked for you? @rahul had ideas.",
        [
            (
                "rahul",
                "Grevillea and Croton did best for us; plant at the start of the long rains.",
            ),
            ("amina", "In the Ferlo we use *zaï* pits and half-moons to hold the water."),
        ],
    ),
    (
        "restoration",
        "sophie",
        "fr",
        "Régénération naturelle assistée : vos retours ?",
        "Nous lançons la RNA avec 30 producteurs. Comment suivez-vous les repousses ?",
        [
            ("amina", "Nous marquons les souches avec de la peinture et comptons chaque saison."),
            ("lucie", "Un protocole simple sur téléphone marche très bien, je peux le partager."),
        ],
    ),
    (
        "water",
        "tomas",
        "en",
        "How do you share water data with upstream farmers?",
        "Our monitoring stations produce data nobody reads. How do you make it useful?",
        [("carlos", "A monthly radio show with the numbers in plain words worked for us.")],
    ),
    (
        "africa",
        "rahul",
        "en",
        "Finance for partnership secretariats",
        "Who pays for the coordinator in your partnership?",
        [("grace", "Three member NGOs share the cost; the county added a grant this year.")],
    ),
    (
        "latin-america",
        "joao",
        "pt",
        "Pagamento por serviços ambientais",
        "Alguém tem experiência com PSA para nascentes?",
        [("carlos", "Sí: en Quito el fondo de agua paga a las comunidades del páramo.")],
    ),
    (
        "kijabe-forest-members",
        "grace",
        "en",
        "Agenda for the June assembly",
        "Draft agenda: budget, nursery report, fire season plan. Comments before Friday please.",
        [("rahul", "Please add ten minutes on the new water-point committee.")],
    ),
]


def seed(*, stdout, people, admin):
    if Category.objects.filter(slug="general").exists():
        stdout.write("Forums: demo categories exist; skipped.")
        return
    categories = {}
    for position, (slug, name, kind, partnership_slug, is_qa, description) in enumerate(CATEGORIES):
        categories[slug] = Category.objects.create(
            slug=slug,
            name=name,
            kind=kind,
            partnership=Partnership.objects.filter(slug=partnership_slug).first()
            if partnership_slug
            else None,
            is_qa=is_qa,
            description=description,
            position=position,
        )
    posts = 0
    # Demo accounts are new, so the posting limits for new accounts would stop the seed.
    with override_settings(FORUM_LIMITS=_unlimited()):
        for slug, author, language, title, body, replies in TOPICS:
            category = categories[slug]
            if category.partnership_id is None and slug == "kijabe-forest-members":
                continue
            topic = services.topic_create(
                author=people[author],
                category=category,
                title=title,
                body=body,
                language=language,
            )
            posts += 1
            for who, text in replies:
                services.post_create(author=people[who], topic=topic, body=text)
                posts += 1
        services.watch_set(user=people["amina"], category=categories["restoration"], watching=True)
    stdout.write(f"Forums: {len(categories)} categories, {len(TOPICS)} topics, {posts} posts.")


def _unlimited():
    from django.conf import settings

    return {
        **settings.FORUM_LIMITS,
        "posts": ["10000/minute"],
        "new_account_posts": ["10000/minute"],
        "new_account_links": 100,
    }
