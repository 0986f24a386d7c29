"""Pages of the knowledge hub for tests. Wagtail pages are created through the tree, so each
factory takes the parent page (``parent=``) and adds the page under it, live unless
``live=False``. Taxonomy terms are given as lists (``themes=[...]``) and saved with the page."""

import factory
from wagtail.models import Page

from knowledge.models import (
    CaseStudyIndexPage,
    CaseStudyPage,
    CurriculumIndexPage,
    CurriculumModulePage,
    CurriculumPage,
    HomePage,
)

M2M = ("partnerships", "countries", "themes", "ecosystems", "land_uses", "sdgs", "ilm_elements")


class _PageFactory(factory.Factory):
    class Meta:
        abstract = True

    @classmethod
    def _create(cls, model_class, *args, parent=None, **kwargs):
        relations = {name: kwargs.pop(name) for name in M2M if name in kwargs}
        page = model_class(*args, **kwargs)
        for name, values in relations.items():
            setattr(page, name, values)
        parent = parent or cls._default_parent()
        parent.add_child(instance=page)
        if page.live:
            page.save_revision().publish()
        else:
            page.save_revision()
        return page

    @classmethod
    def _default_parent(cls):
        return HomePage.objects.get(locale__language_code="en", depth=2)


class HomePageFactory(factory.Factory):
    """A home page added under the tree root (Wagtail pages are created through the tree)."""

    class Meta:
        model = HomePage

    title = factory.Sequence(lambda n: f"Home {n}")
    slug = factory.Sequence(lambda n: f"home-{n}")
    intro = "Learn from landscape partnerships."

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        page = model_class(*args, **kwargs)
        Page.get_first_root_node().add_child(instance=page)
        return page


class _SectionFactory(_PageFactory):
    """A section index: the one a migration made under the default home page is reused."""

    class Meta:
        abstract = True

    @classmethod
    def _create(cls, model_class, *args, parent=None, **kwargs):
        parent = parent or cls._default_parent()
        existing = model_class.objects.child_of(parent).first()
        if existing is not None:
            return existing
        return super()._create(model_class, *args, parent=parent, **kwargs)


class CaseStudyIndexPageFactory(_SectionFactory):
    class Meta:
        model = CaseStudyIndexPage

    title = "Case studies"
    slug = "case-studies"
    intro = "What partnerships did, where, and what came of it."


class CaseStudyPageFactory(_PageFactory):
    class Meta:
        model = CaseStudyPage

    title = factory.Sequence(lambda n: f"Restoring watershed {n}")
    slug = factory.Sequence(lambda n: f"case-study-{n}")
    summary = "Farmers and a district council restored a degraded watershed together."
    problem = "<p>Springs were drying up.</p>"
    latitude = -1.3
    longitude = 36.8

    @classmethod
    def _default_parent(cls):
        index = CaseStudyIndexPage.objects.filter(locale__language_code="en").first()
        return index or CaseStudyIndexPageFactory()


class CurriculumIndexPageFactory(_SectionFactory):
    class Meta:
        model = CurriculumIndexPage

    title = "Curricula"
    slug = "curricula"


class CurriculumPageFactory(_PageFactory):
    class Meta:
        model = CurriculumPage

    title = factory.Sequence(lambda n: f"Facilitating landscape partnerships {n}")
    slug = factory.Sequence(lambda n: f"curriculum-{n}")
    summary = "A five-day course for partnership facilitators."
    audience = "<p>Partnership facilitators.</p>"
    learning_objectives = factory.LazyFunction(
        lambda: [("objective", "Map the actors of a landscape")]
    )

    @classmethod
    def _default_parent(cls):
        index = CurriculumIndexPage.objects.filter(locale__language_code="en").first()
        return index or CurriculumIndexPageFactory()


class CurriculumModulePageFactory(_PageFactory):
    class Meta:
        model = CurriculumModulePage

    title = factory.Sequence(lambda n: f"Module {n}")
    slug = factory.Sequence(lambda n: f"module-{n}")
    summary = "Who is in the landscape, and what they need."
    sessions = factory.LazyFunction(
        lambda: [
            (
                "session",
                {
                    "title": "Stakeholder mapping",
                    "objective": "Know who holds a stake",
                    "activities": [
                        {
                            "title": "Draw the map",
                            "minutes": 45,
                            "method": "exercise",
                            "description": "<p>In groups, draw the landscape.</p>",
                            "materials": "Flip chart",
                        }
                    ],
                },
            )
        ]
    )


def translate(page, language="fr", **fields):
    """Publish a translation of ``page`` into ``language`` with ``fields`` set (its parents
    present as aliases first, as the locale synchronisation makes them on the site); returns
    it as saved."""
    from wagtail.models import Locale

    from knowledge.translation import page_sync_aliases

    page_sync_aliases(page.get_parent())
    version = page.copy_for_translation(Locale.objects.get(language_code=language))
    for name, value in fields.items():
        setattr(version, name, value)
    version.save_revision().publish()
    return type(version.specific).objects.get(pk=version.pk)
