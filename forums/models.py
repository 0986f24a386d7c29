"""Discussion: categories in a tree, topics, posts and what hangs off them (attachments,
reactions, revisions), the per-topic event log that real time replays, reading state,
subscriptions, notifications and moderation.

Written only by ``forums.services``. Every change a reader could see live (a post, an edit,
a hidden post, a reaction, a lock, a move) appends a ``TopicEvent`` with the topic's next
sequence number in the same transaction; a database constraint keeps the numbers unique.
"""

import os
import uuid

from django.conf import settings
from django.core.validators import MaxLengthValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

MAX_POST_LENGTH = 20_000
MAX_TITLE_LENGTH = 160


class Category(models.Model):
    """A place to discuss: global, a theme, a region, or private to one partnership or one
    course cohort (only its members read and post there). Categories nest."""

    class Kind(models.TextChoices):
        GENERAL = "general", _("General")
        THEME = "theme", _("Theme")
        REGION = "region", _("Region")
        PARTNERSHIP = "partnership", _("Partnership")
        COHORT = "cohort", _("Course cohort")

    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent category"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    description = models.TextField(_("description"), blank=True, max_length=1000)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.GENERAL)
    partnership = models.ForeignKey(
        "people.Partnership",
        verbose_name=_("partnership"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="forum_categories",
        help_text=_("Only this partnership's members may read and post."),
    )
    cohort = models.ForeignKey(
        "courses.Cohort",
        verbose_name=_("cohort"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="forum_categories",
        help_text=_("Only this cohort's learners and facilitators may read and post."),
    )
    is_qa = models.BooleanField(
        _("questions and answers"),
        default=False,
        help_text=_("A topic's author (or a moderator) can mark the reply that solved it."),
    )
    position = models.PositiveIntegerField(_("position"), default=0)
    topic_count = models.PositiveIntegerField(default=0, editable=False)
    post_count = models.PositiveIntegerField(default=0, editable=False)
    last_activity_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("forum category")
        verbose_name_plural = _("forum categories")
        ordering = ["position", "name"]
        constraints = [
            models.CheckConstraint(
                condition=~(models.Q(partnership__isnull=False) & models.Q(cohort__isnull=False)),
                name="category_one_private_owner",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("forums:category", args=[self.slug])

    @property
    def is_private(self):
        return self.partnership_id is not None or self.cohort_id is not None

    def clean(self):
        from django.core.exceptions import ValidationError

        if self.partnership_id and self.cohort_id:
            raise ValidationError(_("A category belongs to a partnership or a cohort, not both."))
        parent = self.parent
        if (
            parent is not None
            and parent.is_private
            and ((parent.partnership_id, parent.cohort_id) != (self.partnership_id, self.cohort_id))
        ):
            # Readers see a category's own privacy only: a child must keep its parent's.
            raise ValidationError(
                {"parent": _("A category inside a private one must belong to the same space.")}
            )
        ancestor, seen = self.parent, set()
        while ancestor is not None:
            if ancestor.pk == self.pk or ancestor.pk in seen:
                raise ValidationError({"parent": _("A category cannot be inside itself.")})
            seen.add(ancestor.pk)
            ancestor = ancestor.parent


class Topic(models.Model):
    """A conversation in a category, optionally about a page (a case study, a lesson)."""

    category = models.ForeignKey(
        Category, verbose_name=_("category"), on_delete=models.PROTECT, related_name="topics"
    )
    title = models.CharField(
        _("title"), max_length=MAX_TITLE_LENGTH, validators=[MaxLengthValidator(MAX_TITLE_LENGTH)]
    )
    slug = models.SlugField(max_length=80, allow_unicode=False, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="forum_topics",
    )
    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("discusses"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="forum_topics",
    )
    language = models.CharField(_("language"), max_length=8, blank=True)
    is_pinned = models.BooleanField(_("pinned"), default=False)
    is_locked = models.BooleanField(_("locked"), default=False)
    slow_mode_seconds = models.PositiveIntegerField(
        _("slow mode (seconds between posts per person)"), default=0
    )
    solution = models.ForeignKey(
        "Post", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Counters kept by the services in the transaction that changes them.
    last_seq = models.PositiveIntegerField(default=0, editable=False)
    last_post_number = models.PositiveIntegerField(default=0, editable=False)
    post_count = models.PositiveIntegerField(default=0, editable=False)
    created_at = models.DateTimeField(default=timezone.now)
    last_activity_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        ordering = ["-is_pinned", "-last_activity_at"]
        indexes = [models.Index(fields=["category", "-is_pinned", "-last_activity_at"])]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.title)[:80] or "topic"
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("forums:topic", args=[self.pk, self.slug])


class Post(models.Model):
    """One message in a topic. ``number`` counts posts in the topic from 1; the first post is
    the topic's opening message. The markdown source is kept; the sanitised HTML is what is
    shown."""

    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="posts")
    number = models.PositiveIntegerField(validators=[MinValueValidator(1)])
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="forum_posts"
    )
    reply_to = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="replies"
    )
    body = models.TextField(
        _("message"), max_length=MAX_POST_LENGTH, validators=[MaxLengthValidator(MAX_POST_LENGTH)]
    )
    body_html = models.TextField(editable=False)
    created_at = models.DateTimeField(default=timezone.now)
    edited_at = models.DateTimeField(null=True, blank=True)
    is_hidden = models.BooleanField(default=False)
    hidden_reason = models.CharField(max_length=300, blank=True)
    # Idempotency: a client that retries a send (a websocket reconnecting mid-send) passes
    # the same key and gets the post it already made.
    client_key = models.CharField(max_length=64, blank=True)

    class Meta:
        verbose_name = _("post")
        verbose_name_plural = _("posts")
        ordering = ["topic", "number"]
        constraints = [
            models.UniqueConstraint(fields=["topic", "number"], name="post_number_unique"),
            models.UniqueConstraint(
                fields=["author", "client_key"],
                condition=~models.Q(client_key=""),
                name="post_client_key_unique",
            ),
        ]
        indexes = [models.Index(fields=["author", "created_at"])]

    def __str__(self):
        return f"{self.topic} #{self.number}"

    def get_absolute_url(self):
        return f"{self.topic.get_absolute_url()}?post={self.number}#post-{self.number}"


class PostRevision(models.Model):
    """The text a post had before an edit; moderators see the history."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="revisions")
    body = models.TextField()
    edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.post} ({self.created_at:%Y-%m-%d %H:%M})"


def _attachment_path(instance, filename):
    _, ext = os.path.splitext(filename)
    return f"forums/{timezone.now():%Y/%m}/{uuid.uuid4().hex}{ext.lower()[:10]}"


class Attachment(models.Model):
    """An image or document attached to a post. Served through a view that checks the
    reader may read the topic, never straight from the media folder."""

    class Kind(models.TextChoices):
        IMAGE = "image", _("Image")
        DOCUMENT = "document", _("Document")

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="attachments")
    kind = models.CharField(max_length=16, choices=Kind.choices)
    file = models.FileField(upload_to=_attachment_path, max_length=200)
    name = models.CharField(max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["pk"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("forums:attachment", args=[self.pk, self.name])


class Reaction(models.Model):
    class Kind(models.TextChoices):
        LIKE = "like", _("Like")
        THANKS = "thanks", _("Thanks")
        INSIGHTFUL = "insightful", _("Insightful")
        AGREE = "agree", _("Agree")

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="reactions")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="forum_reactions"
    )
    kind = models.CharField(max_length=16, choices=Kind.choices)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["post", "user", "kind"], name="reaction_unique"),
        ]

    def __str__(self):
        return f"{self.kind} on {self.post}"


class TopicEvent(models.Model):
    """The topic's log of visible changes, numbered 1, 2, 3… per topic. Live clients are
    told only ``{topic, seq, kind}``; they read the event (re-checked against their
    permission) from here, and a reconnecting client replays every event after the last
    one it saw."""

    class Kind(models.TextChoices):
        POST = "post", _("New post")
        EDIT = "edit", _("Post edited")
        HIDE = "hide", _("Post hidden")
        RESTORE = "restore", _("Post restored")
        REACT = "react", _("Reactions changed")
        SOLVE = "solve", _("Solution marked")
        LOCK = "lock", _("Locked or unlocked")
        PIN = "pin", _("Pinned or unpinned")
        MOVE = "move", _("Moved")
        SLOW = "slow", _("Slow mode changed")

    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="events")
    seq = models.PositiveIntegerField()
    kind = models.CharField(max_length=16, choices=Kind.choices)
    post = models.ForeignKey(
        Post, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["topic", "seq"]
        constraints = [
            models.UniqueConstraint(fields=["topic", "seq"], name="topic_event_seq_unique"),
        ]

    def __str__(self):
        return f"{self.topic_id}#{self.seq} {self.kind}"


class TopicRead(models.Model):
    """How far a person has read a topic (the highest post number seen)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="reads")
    last_read_number = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "topic"], name="topic_read_unique"),
        ]

    def __str__(self):
        return f"{self.user_id} read {self.topic_id} to {self.last_read_number}"


class Subscription(models.Model):
    """Watching a topic or a whole category: new posts there notify the watcher."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="forum_subscriptions"
    )
    topic = models.ForeignKey(
        Topic, null=True, blank=True, on_delete=models.CASCADE, related_name="subscriptions"
    )
    category = models.ForeignKey(
        Category, null=True, blank=True, on_delete=models.CASCADE, related_name="subscriptions"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(topic__isnull=False, category__isnull=True)
                | models.Q(topic__isnull=True, category__isnull=False),
                name="subscription_one_target",
            ),
            models.UniqueConstraint(
                fields=["user", "topic"],
                condition=models.Q(topic__isnull=False),
                name="subscription_topic_unique",
            ),
            models.UniqueConstraint(
                fields=["user", "category"],
                condition=models.Q(category__isnull=False),
                name="subscription_category_unique",
            ),
        ]

    def __str__(self):
        return f"{self.user_id} watches {self.topic_id or self.category_id}"


class Notification(models.Model):
    """Something for one person to see: a mention, a reply to their post, activity in what
    they watch. Unread until opened; gathered into the daily digest email if unread."""

    class Kind(models.TextChoices):
        MENTION = "mention", _("mentioned you")
        REPLY = "reply", _("replied to you")
        WATCHED = "watched", _("posted in a topic you watch")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="forum_notifications"
    )
    kind = models.CharField(max_length=16, choices=Kind.choices)
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="notifications")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["user", "post"], name="notification_once_per_post"),
        ]
        indexes = [models.Index(fields=["user", "read_at"])]

    def __str__(self):
        return f"{self.user_id}: {self.kind} {self.post_id}"


class DigestSettings(models.Model):
    """Whether a person wants the daily email of unread notifications, and when it last
    went."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="forum_digest"
    )
    enabled = models.BooleanField(_("send me a daily email digest"), default=True)
    last_sent_at = models.DateTimeField(null=True, blank=True)

    def __str__(self):
        return f"digest for {self.user_id}: {self.enabled}"


class Flag(models.Model):
    """A reader's report of a post to the moderators."""

    class Reason(models.TextChoices):
        SPAM = "spam", _("Spam or advertising")
        ABUSE = "abuse", _("Harassment or abuse")
        OFF_TOPIC = "off-topic", _("Off topic")
        PRIVATE = "private", _("Shares private information")
        OTHER = "other", _("Something else")

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        ACTED = "acted", _("Acted on")
        DISMISSED = "dismissed", _("Dismissed")

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="flags")
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    reason = models.CharField(_("reason"), max_length=16, choices=Reason.choices)
    details = models.TextField(_("details"), blank=True, max_length=1000)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.OPEN)
    created_at = models.DateTimeField(default=timezone.now)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["post", "reporter"],
                condition=models.Q(status="open"),
                name="flag_open_once",
            ),
        ]

    def __str__(self):
        return f"{self.reason} on {self.post}"


class Suspension(models.Model):
    """A person may not post or react until ``until``."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="forum_suspensions"
    )
    until = models.DateTimeField(_("until"))
    reason = models.CharField(_("reason"), max_length=300)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    lifted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-until"]

    def __str__(self):
        return f"{self.user} until {self.until:%Y-%m-%d}"


class ModerationAction(models.Model):
    """The log of every moderator action: who did what to which post, topic or person, and
    why. Append-only."""

    class Action(models.TextChoices):
        HIDE = "hide", _("Hid a post")
        RESTORE = "restore", _("Restored a post")
        LOCK = "lock", _("Locked a topic")
        UNLOCK = "unlock", _("Unlocked a topic")
        PIN = "pin", _("Pinned a topic")
        UNPIN = "unpin", _("Unpinned a topic")
        MOVE = "move", _("Moved a topic")
        SLOW_MODE = "slow-mode", _("Changed slow mode")
        SUSPEND = "suspend", _("Suspended a person")
        UNSUSPEND = "unsuspend", _("Lifted a suspension")
        DISMISS_FLAG = "dismiss-flag", _("Dismissed a flag")
        EDIT = "edit", _("Edited someone's post")

    moderator = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    action = models.CharField(max_length=16, choices=Action.choices)
    topic = models.ForeignKey(
        Topic, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    post = models.ForeignKey(
        Post, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    target_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reason = models.CharField(max_length=300, blank=True)
    details = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.action} by {self.moderator_id}"
