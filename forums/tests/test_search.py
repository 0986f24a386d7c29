"""Forum topics and replies in the network's search, with the forums' own visibility: a
partnership's or a cohort's conversations are found only by its members."""

import pytest

from courses.services import enrollment_create
from forums import services as forum_services
from forums.tests.factories import CategoryFactory, confirmed_user, reply, topic
from people.tests.factories import MembershipFactory, PartnershipFactory, UserFactory
from search import services

pytestmark = pytest.mark.django_db


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    def run(action, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return action(*args, **kwargs)

    return run


def found(text, user=None, **kwargs):
    return sorted((h.type, h.title) for h in services.search(text=text, user=user, **kwargs).hits)


def test_public_topics_and_replies_are_found_by_everyone(commit):
    t = commit(topic, title="Agroforestry nurseries", body="Which seedlings survive drought?")
    commit(reply, t, body="Grevillea survives droughts well.")
    assert found("seedlings") == [("topic", "Agroforestry nurseries")]
    assert found("grevillea") == [("post", "Agroforestry nurseries")]
    results = services.search(text="drought", user=None)
    assert dict(results.facets["forum"]) == {t.category.slug: 2}
    assert results.hits[0].url.startswith(t.get_absolute_url())


def test_a_partnership_category_is_found_only_by_members(commit):
    partnership = PartnershipFactory()
    member = MembershipFactory(partnership=partnership).user
    private = CategoryFactory(partnership=partnership)
    t = commit(topic, category=private, author=member, title="Budget quarrel", body="Zebu fund")
    commit(reply, t, author=member, body="The zebu fund is late.")
    assert found("zebu") == []
    assert found("zebu", user=confirmed_user()) == []
    assert found("zebu", user=member) == [("post", "Budget quarrel"), ("topic", "Budget quarrel")]
    assert services.suggest(prefix="Budg", user=None) == [] or all(
        "Budget" not in s.title for s in services.suggest(prefix="Budg", user=None)
    )


def test_a_cohort_category_is_found_by_its_learners(commit):
    from courses.tests.factories import CohortFactory

    cohort = CohortFactory()
    learner = confirmed_user()
    enrollment_create(user=learner, course=cohort.course, cohort=cohort)
    category = CategoryFactory(cohort=cohort)
    commit(
        topic, category=category, author=learner, title="Week two homework", body="Quokka exercise"
    )
    assert found("quokka", user=learner) == [("topic", "Week two homework")]
    assert found("quokka", user=confirmed_user()) == []


def test_hidden_posts_leave_the_index_and_moves_change_who_finds_it(commit):
    moderator = UserFactory(is_superuser=True)
    t = commit(topic, title="Open talk", body="Zephyrine words")
    spam = commit(reply, t, body="Buy marmalade now")
    assert found("marmalade") == [("post", "Open talk")]
    commit(forum_services.post_hide, moderator=moderator, post=spam, reason="Spam")
    assert found("marmalade") == []
    partnership = PartnershipFactory()
    commit(
        forum_services.topic_move,
        moderator=moderator,
        topic=t,
        category=CategoryFactory(partnership=partnership),
    )
    assert found("zephyrine") == []
    member = MembershipFactory(partnership=partnership).user
    assert found("zephyrine", user=member) == [("topic", "Open talk")]
