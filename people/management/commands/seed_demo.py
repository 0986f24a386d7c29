"""Demo content for one machine: people with every role, three partnerships, one institute.

Safe to run again: everything is looked up by a natural key (email, slug) and created only
when missing, so nothing is duplicated and nothing a person changed is overwritten.
Later capabilities add their own content through the `seed_demo_steps` of their apps.
"""

import importlib
import importlib.util
import os

from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import translation

from people.geo import square
from people.models import (
    ILMElement,
    InstituteStaff,
    Membership,
    Partnership,
    Region,
    SpokenLanguage,
    TrainingInstitute,
    User,
)
from people.permissions import FORUM_MODERATORS_GROUP, PRACTITIONERS_GROUP

ADMIN_EMAIL = "admin@landscape.test"
DEMO_PASSWORD_ENV = "DEMO_PASSWORD"  # noqa: S105 (the name of a variable)
# Demo accounts only; seed_demo refuses to run with DEBUG off.
DEFAULT_DEMO_PASSWORD = "landscape-demo-2026"  # noqa: S105


PEOPLE = [
    {
        "email": "amina.diallo@landscape.test",
        "username": "amina",
        "display_name": "Amina Diallo",
        "country": "SN",
        "preferred_language": "fr",
        "languages": ["fr", "wo", "en"],
        "expertise": ["pastoralism", "land governance", "restoration"],
        "affiliations": "Partenariat du Ferlo, Réseau Sahel Vert",
        "bio": "Coordinatrice du partenariat paysager du Ferlo. Vingt ans avec les éleveurs "
        "et les communes du Sahel sénégalais.",
    },
    {
        "email": "carlos.mendoza@landscape.test",
        "username": "carlos",
        "display_name": "Carlos Mendoza",
        "country": "PE",
        "preferred_language": "es",
        "languages": ["es", "qu", "en"],
        "expertise": ["water security", "páramo", "payments for ecosystem services"],
        "affiliations": "Andean Páramo Water Partnership",
        "bio": "Hydrologist working with water boards and farming communities in the Andes.",
    },
    {
        "email": "grace.wanjiru@landscape.test",
        "username": "grace",
        "display_name": "Grace Wanjiru",
        "country": "KE",
        "preferred_language": "en",
        "languages": ["en", "sw"],
        "expertise": ["agroforestry", "community forestry", "restoration"],
        "affiliations": "Kijabe Forest Trust",
        "bio": "Field officer supporting farmer groups on the edge of Kijabe forest.",
    },
    {
        "email": "lucie.martin@landscape.test",
        "username": "lucie",
        "display_name": "Lucie Martin",
        "country": "FR",
        "preferred_language": "fr",
        "languages": ["fr", "en", "es"],
        "expertise": ["knowledge management", "case studies"],
        "affiliations": "1000 Landscapes secretariat",
        "bio": "Éditrice des études de cas du réseau.",
        "groups": ["Moderators"],
    },
    {
        "email": "rahul.sharma@landscape.test",
        "username": "rahul",
        "display_name": "Rahul Sharma",
        "country": "IN",
        "preferred_language": "en",
        "languages": ["en", "hi"],
        "expertise": ["watershed management", "facilitation"],
        "affiliations": "Watershed Support Services",
        "bio": "Moderates the network's discussions on watersheds and water governance.",
        "groups": [FORUM_MODERATORS_GROUP, PRACTITIONERS_GROUP],
    },
    {
        "email": "joao.silva@landscape.test",
        "username": "joao",
        "display_name": "João Silva",
        "country": "BR",
        "preferred_language": "pt",
        "languages": ["pt", "es", "en"],
        "expertise": ["adult learning", "curriculum design"],
        "affiliations": "Instituto de Paisagens Sustentáveis",
        "bio": "Coordena os cursos de gestão integrada de paisagens do instituto.",
    },
    {
        "email": "sophie.nkemelu@landscape.test",
        "username": "sophie",
        "display_name": "Sophie Nkemelu",
        "country": "CM",
        "preferred_language": "fr",
        "languages": ["fr", "en"],
        "expertise": ["facilitation", "gender and land"],
        "affiliations": "Instituto de Paisagens Sustentáveis",
        "bio": "Facilitatrice des cohortes francophones.",
    },
    {
        "email": "tomas.rivera@landscape.test",
        "username": "tomas",
        "display_name": "Tomás Rivera",
        "country": "CO",
        "preferred_language": "es",
        "languages": ["es"],
        "expertise": ["coffee agroforestry"],
        "affiliations": "",
        "bio": "Joven productor de café aprendiendo sobre manejo integrado del paisaje.",
    },
]

PARTNERSHIPS = [
    {
        "slug": "kijabe-forest",
        "name": "Kijabe Forest Landscape Partnership",
        "countries": ["KE"],
        "region": Region.SUB_SAHARAN_AFRICA,
        "ilm_element": ILMElement.TAKING_ACTION,
        "join_policy": Partnership.JoinPolicy.OPEN,
        "website": "https://example.org/kijabe",
        "boundary": square(36.58, -0.95, 0.06),
        "description": "County government, water users, tea and dairy farmers and the forest "
        "service restoring the Kijabe forest and the springs it feeds.",
        "members": [("grace", Membership.Role.MANAGER), ("rahul", Membership.Role.MEMBER)],
    },
    {
        "slug": "ferlo",
        "name": "Partenariat paysager du Ferlo",
        "countries": ["SN"],
        "region": Region.SUB_SAHARAN_AFRICA,
        "ilm_element": ILMElement.VISION_PLANNING,
        "join_policy": Partnership.JoinPolicy.REQUEST,
        "website": "https://example.org/ferlo",
        "boundary": square(-14.9, 15.3, 0.25),
        "description": "Éleveurs, communes et services techniques qui planifient ensemble les "
        "parcours du bétail, les points d'eau et la Grande Muraille Verte dans le Ferlo.",
        "members": [("amina", Membership.Role.MANAGER), ("sophie", Membership.Role.MEMBER)],
    },
    {
        "slug": "andean-paramo-water",
        "name": "Andean Páramo Water Partnership",
        "countries": ["PE", "EC"],
        "region": Region.LATIN_AMERICA_CARIBBEAN,
        "ilm_element": ILMElement.LEARNING_IMPACT,
        "join_policy": Partnership.JoinPolicy.INVITATION,
        "website": "https://example.org/paramo",
        "boundary": square(-79.2, -4.9, 0.15),
        "description": "Water boards, Quechua communities and municipalities protecting the "
        "páramo wetlands that supply the cities downstream.",
        "members": [("carlos", Membership.Role.MANAGER), ("tomas", Membership.Role.MEMBER)],
    },
]


class Command(BaseCommand):
    help = "Load the demo content (safe to run more than once)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="Load demo content even though DEBUG is off (never on a real deployment).",
        )

    def handle(self, *args, force=False, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "seed_demo creates accounts with a known password; it only runs with DEBUG on "
                "(or --force)."
            )
        password = os.environ.get(DEMO_PASSWORD_ENV, DEFAULT_DEMO_PASSWORD)
        with translation.override("en"), transaction.atomic():
            admin = self._admin(password)
            people = {spec["username"]: self._person(spec, password) for spec in PEOPLE}
            for spec in PARTNERSHIPS:
                self._partnership(spec, people)
            self._institute(people)
            # Every other app adds its own demo content in a `demo.py` with `seed(...)`;
            # people imports none of them, it only finds them.
            for app in apps.get_app_configs():
                if app.name == "people" or not app.path.startswith(str(settings.BASE_DIR)):
                    continue
                if importlib.util.find_spec(f"{app.name}.demo") is not None:
                    module = importlib.import_module(f"{app.name}.demo")
                    module.seed(stdout=self.stdout, people=people, admin=admin)

        self.stdout.write(self.style.SUCCESS("Demo content is ready."))
        self.stdout.write(f"  Admin login:  {ADMIN_EMAIL}  /  {password}")
        self.stdout.write(
            f"  Demo people:  {', '.join(p['email'] for p in PEOPLE[:3])}, … (same password)"
        )

    def _admin(self, password):
        admin = User.objects.filter(email__iexact=ADMIN_EMAIL).first()
        if admin is None:
            admin = User.objects.create_superuser(
                username="admin",
                email=ADMIN_EMAIL,
                password=password,
                display_name="Admin",
                is_profile_public=False,
            )
        self._verified(admin)
        return admin

    def _verified(self, user):
        from allauth.account.models import EmailAddress

        EmailAddress.objects.get_or_create(
            user=user, email=user.email, defaults={"verified": True, "primary": True}
        )

    def _person(self, spec, password):
        user = User.objects.filter(email__iexact=spec["email"]).first()
        if user is None:
            user = User(
                username=spec["username"],
                email=spec["email"],
                display_name=spec["display_name"],
                country=spec["country"],
                preferred_language=spec["preferred_language"],
                affiliations=spec["affiliations"],
                bio=spec["bio"],
            )
            user.set_password(password)
            user.full_clean()
            user.save()
            user.expertise.set(spec["expertise"])
            SpokenLanguage.objects.bulk_create(
                [SpokenLanguage(user=user, code=code) for code in spec["languages"]]
            )
            for name in spec.get("groups", []):
                user.groups.add(Group.objects.get(name=name))
        self._verified(user)
        return user

    def _partnership(self, spec, people):
        spec = dict(spec)
        members = spec.pop("members")
        partnership = Partnership.objects.filter(slug=spec["slug"]).first()
        if partnership is None:
            partnership = Partnership(**spec)
            partnership.full_clean()
            partnership.save()
        for username, role in members:
            Membership.objects.get_or_create(
                partnership=partnership, user=people[username], defaults={"role": role}
            )
        return partnership

    def _institute(self, people):
        institute, _ = TrainingInstitute.objects.get_or_create(
            slug="sustainable-landscapes-institute",
            defaults={
                "name": "Instituto de Paisagens Sustentáveis",
                "country": "BR",
                "website": "https://example.org/ips",
                "description": "Trains landscape partnership leaders across Latin America and "
                "Africa, in Portuguese, Spanish, French and English.",
            },
        )
        for username, role in [
            ("joao", InstituteStaff.Role.ADMIN),
            ("sophie", InstituteStaff.Role.FACILITATOR),
        ]:
            InstituteStaff.objects.get_or_create(
                institute=institute, user=people[username], defaults={"role": role}
            )
