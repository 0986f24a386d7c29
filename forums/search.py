"""Topics and replies in the network's search, visible exactly as in the forums: public
categories to everyone, a partnership's category to its members (``partnership:N``, a token
people/search.py gives members), a cohort's category to its learners and facilitators
(``cohort:N``, given below). Hidden posts are not found."""

from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _

from search import registry
from search.documents import PUBLIC, Document

from .models import Category, Post, Topic


def visibility(category):
    if category.partnership_id:
        return [f"partnership:{category.partnership_id}"]
    if category.cohort_id:
        return [f"cohort:{category.cohort_id}"]
    return [PUBLIC]


def _text(post):
    return strip_tags(post.body_html)


class Topics(registry.SearchType):
    name = "topic"
    label = _("Forum topics")
    model = Topic
    # The opening post is the topic's text.
    depends_on = [(Post, lambda post: [post.topic_id] if post.number == 1 else [])]

    def get_queryset(self):
        return Topic.objects.select_related("category").prefetch_related("posts")

    def document(self, topic):
        first = next((p for p in topic.posts.all() if p.number == 1), None)
        if first is None or first.is_hidden:
            return None
        text = _text(first)
        return Document(
            type=self.name,
            id=str(topic.pk),
            title=topic.title,
            url=topic.get_absolute_url(),
            language=topic.language,
            summary=text[:300],
            body=text,
            date=topic.last_activity_at,
            facets={"forum": [topic.category.slug]},
            visibility=visibility(topic.category),
        )


class Replies(registry.SearchType):
    name = "post"
    label = _("Forum replies")
    model = Post
    # A moved topic takes its replies to the new category's readers.
    depends_on = [(Topic, lambda topic: list(topic.posts.values_list("pk", flat=True)))]

    def get_queryset(self):
        return Post.objects.select_related("topic__category", "author")

    def document(self, post):
        if post.number == 1 or post.is_hidden:
            return None
        text = _text(post)
        return Document(
            type=self.name,
            id=str(post.pk),
            title=post.topic.title,
            url=post.get_absolute_url(),
            language=post.topic.language,
            summary=text[:300],
            body=text,
            date=post.created_at,
            facets={"forum": [post.topic.category.slug]},
            visibility=visibility(post.topic.category),
        )


def forum_labels(values):
    return dict(Category.objects.filter(slug__in=values).values_list("slug", "name"))


@registry.register_principals
def cohort_tokens(user):
    """Learners and facilitators read what is private to their cohorts."""
    from . import permissions

    return [f"cohort:{pk}" for pk in permissions.cohort_access(user)[0]]


registry.register(Topics())
registry.register(Replies())
registry.register_facet(registry.Facet("forum", _("Forum"), forum_labels, order=80))
