import factory
from wagtail.models import Page

from knowledge.models import HomePage


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
