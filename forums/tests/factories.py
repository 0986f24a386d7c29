"""Forum test data, made through the services like real posts (events, counters, reads)."""

import itertools
from datetime import timedelta

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from forums import services
from forums.models import Category
from people.tests.factories import UserFactory

_titles = itertools.count(1)


def confirmed_user(**kwargs):
    """A signed-up person with a confirmed email, old enough not to count as a new account."""
    kwargs.setdefault("date_joined", timezone.now() - timedelta(days=60))
    return UserFactory(**kwargs)


class CategoryFactory(DjangoModelFactory):
    class Meta:
        model = Category

    name = factory.Sequence(lambda n: f"Category {n}")
    slug = factory.Sequence(lambda n: f"category-{n}")
    description = "Talk about landscapes."


def topic(*, category=None, author=None, title=None, body="Opening message.", **kwargs):
    category = category or CategoryFactory()
    author = author or confirmed_user()
    return services.topic_create(
        author=author,
        category=category,
        title=title or f"Topic {next(_titles)}",
        body=body,
        **kwargs,
    )


def reply(topic, *, author=None, body="A reply.", **kwargs):
    return services.post_create(author=author or confirmed_user(), topic=topic, body=body, **kwargs)
