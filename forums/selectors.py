"""The forums' reads: each list a fixed number of queries whatever its size. Visibility comes
from ``forums.permissions`` (readable_q, moderated_q), never re-implemented here."""

from django.db.models import Count, Exists, IntegerField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce

from . import permissions
from .models import (
    Category,
    Flag,
    Notification,
    Post,
    Reaction,
    Subscription,
    Topic,
    TopicRead,
)

POSTS_PER_PAGE = 30
TOPICS_PER_PAGE = 30


def _signed_in(user):
    return bool(user is not None and user.is_authenticated)


def readable_categories(user):
    return Category.objects.filter(permissions.readable_q(user))


def category_tree(user):
    """The readable categories as a list of roots, each with ``.subcategories``, and
    ``.has_unread`` for a signed-in reader. One query (plus the reader's memberships)."""
    categories = readable_categories(user).order_by("position", "name")
    if _signed_in(user):
        read = TopicRead.objects.filter(user=user, topic=OuterRef("pk")).values("last_read_number")[
            :1
        ]
        unread_topics = Topic.objects.filter(category=OuterRef("pk")).filter(
            last_post_number__gt=Coalesce(Subquery(read), Value(0))
        )
        categories = categories.annotate(has_unread=Exists(unread_topics))
    categories = list(categories)
    by_id = {category.pk: category for category in categories}
    roots = []
    for category in categories:
        category.subcategories = []
    for category in categories:
        parent = by_id.get(category.parent_id)
        if parent is not None:
            parent.subcategories.append(category)
        else:
            # A subcategory whose parent this reader cannot see stands on its own.
            roots.append(category)
    return roots


def category_topics(user, category):
    """Topics of a category, pinned first then by last activity, with ``last_read`` (None if
    never opened) for a signed-in reader."""
    topics = Topic.objects.filter(category=category).select_related("author")
    if _signed_in(user):
        read = TopicRead.objects.filter(user=user, topic=OuterRef("pk")).values("last_read_number")[
            :1
        ]
        topics = topics.annotate(last_read=Subquery(read, output_field=IntegerField()))
    return topics.order_by("-is_pinned", "-last_activity_at", "-pk")


def mark_unread(topics):
    """Set ``unread`` (posts after the last one read; all of them if never opened)."""
    for topic in topics:
        last_read = getattr(topic, "last_read", None)
        topic.never_read = last_read is None and hasattr(topic, "last_read")
        topic.unread = max(topic.last_post_number - (last_read or 0), 0)
    return topics


def watching(user, topic=None, category=None):
    if not _signed_in(user):
        return False
    if topic is not None:
        return Subscription.objects.filter(user=user, topic=topic).exists()
    return Subscription.objects.filter(user=user, category=category).exists()


def last_read_number(user, topic):
    if not _signed_in(user):
        return 0
    return (
        TopicRead.objects.filter(user=user, topic=topic)
        .values_list("last_read_number", flat=True)
        .first()
        or 0
    )


def topic_posts(topic, first, last, *, with_revisions=False):
    """Posts numbered ``first``..``last`` of a topic with what ``includes/post.html`` reads."""
    posts = (
        Post.objects.filter(topic=topic, number__gte=first, number__lte=last)
        .select_related("author", "reply_to")
        .prefetch_related("attachments")
        .order_by("number")
    )
    if with_revisions:
        posts = posts.prefetch_related("revisions__edited_by")
    posts = list(posts)
    for post in posts:
        post.topic = topic  # the reader already has it: no query per post
    return posts


def reaction_summary(post, counts=None, mine=()):
    counts = counts if counts is not None else _counts_from(post)
    return [
        {"kind": kind, "label": label, "count": counts.get(kind, 0), "mine": kind in mine}
        for kind, label in Reaction.Kind.choices
    ]


def _counts_from(post):
    counts = {}
    for reaction in post.reactions.all():
        counts[reaction.kind] = counts.get(reaction.kind, 0) + 1
    return counts


def prepare_posts(posts, viewer=None, topic=None):
    """Annotate posts for ``includes/post.html``: reaction counts (one query) and, for a
    viewer, which reactions are theirs (one query) and what they may do with each post
    (no query: permissions cache the viewer's memberships). Also usable for live payloads
    with viewer=None."""
    posts = list(posts)
    if not posts:
        return posts
    ids = [post.pk for post in posts]
    counts = {}
    for post_id, kind, n in (
        Reaction.objects.filter(post_id__in=ids)
        .values("post_id", "kind")
        .annotate(n=Count("pk"))
        .values_list("post_id", "kind", "n")
    ):
        counts.setdefault(post_id, {})[kind] = n
    mine = {}
    signed_in = _signed_in(viewer)
    if signed_in:
        for post_id, kind in Reaction.objects.filter(post_id__in=ids, user=viewer).values_list(
            "post_id", "kind"
        ):
            mine.setdefault(post_id, set()).add(kind)
    topic = topic or posts[0].topic
    moderator = signed_in and permissions.can_moderate(viewer, topic.category)
    can_solve = signed_in and permissions.can_mark_solution(viewer, topic)
    suspended = signed_in and permissions.active_suspension(viewer) is not None
    for post in posts:
        post.reaction_summary = reaction_summary(
            post, counts.get(post.pk, {}), mine.get(post.pk, ())
        )
        post.is_solution = topic.solution_id == post.pk
        if signed_in:
            own = post.author_id == viewer.pk
            post.visible_to_viewer = (not post.is_hidden) or own or moderator
            post.can_edit = moderator or (own and not post.is_hidden and not topic.is_locked)
            post.can_react = not suspended and post.visible_to_viewer and not post.is_hidden
            post.can_flag = not own and not post.is_hidden
            post.can_moderate = moderator
            post.can_solve = can_solve and post.number > 1
        else:
            post.visible_to_viewer = not post.is_hidden
    return posts


def page_topics(user, page, limit=20):
    """Readable topics attached to a Wagtail page (one query)."""
    return list(
        Topic.objects.filter(page_id=page.pk)
        .filter(permissions.readable_q(user, "category__"))
        .select_related("category")
        .order_by("-last_activity_at")[:limit]
    )


def unread_notification_count(user):
    if not _signed_in(user):
        return 0
    return Notification.objects.filter(user=user, read_at__isnull=True).count()


def notifications(user):
    return (
        Notification.objects.filter(user=user)
        .select_related("post__topic__category", "actor")
        .order_by("-created_at", "-pk")
    )


def open_flags_by_post(user):
    """Open flags in the categories this person moderates, grouped per post: a list of posts,
    each with ``.open_flags``. Two queries."""
    flags = list(
        Flag.objects.filter(status=Flag.Status.OPEN)
        .filter(permissions.moderated_q(user, "post__topic__category__"))
        .select_related("post__topic__category", "post__author", "reporter")
        .order_by("created_at", "pk")
    )
    posts = {}
    for flag in flags:
        post = posts.setdefault(flag.post_id, flag.post)
        if not hasattr(post, "open_flags"):
            post.open_flags = []
        post.open_flags.append(flag)
    return list(posts.values())


def moderation_log(user):
    from people import permissions as people_permissions

    from .models import ModerationAction

    # Actions on topics in what this person moderates; suspensions (no topic) only for the
    # forum moderators who may suspend.
    where = permissions.moderated_q(user, "topic__category__") & Q(topic__isnull=False)
    if people_permissions.is_moderator(user):
        where |= Q(topic__isnull=True)
    return (
        ModerationAction.objects.filter(where)
        .select_related("moderator", "topic", "post", "target_user")
        .order_by("-created_at", "-pk")
    )
