"""Every write of the forums, for the HTTP views, the websocket consumer and the admin alike.

Each function checks permission, validates, writes in one transaction (the change and its
``TopicEvent`` with the topic's next sequence number), and after the commit rings the topic's
doorbell and updates the badges of the people notified. Search indexing follows from the
saved rows (search.signals).
"""

from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from . import attachments as attachment_checks
from . import limits, markdown, permissions, realtime
from .models import (
    MAX_POST_LENGTH,
    Attachment,
    Category,
    DigestSettings,
    Flag,
    ModerationAction,
    Notification,
    Post,
    PostRevision,
    Reaction,
    Subscription,
    Suspension,
    Topic,
    TopicEvent,
    TopicRead,
)

MAX_ATTACHMENTS = 5


class NotAllowed(Exception):
    """The person may not do this here; the message says why."""

    def __init__(self, message):
        super().__init__(message)
        self.message = str(message)


class RateLimited(NotAllowed):
    def __init__(self, message, retry_after):
        super().__init__(message)
        self.retry_after = retry_after


@dataclass
class _Pending:
    """What to announce once the transaction has committed."""

    events: list = field(default_factory=list)
    notified: set = field(default_factory=set)


# --- Helpers ---------------------------------------------------------------------------


def _profile_url(username):
    return reverse("people:profile", args=[username])


def _render(body):
    names = markdown.mentioned_names(body)
    known = {}
    if names:
        User = get_user_model()
        for username in User.objects.filter(
            username__iregex=r"^(" + "|".join(_regex_escape(n) for n in names) + r")$",
            is_active=True,
        ).values_list("username", flat=True)[:50]:
            known[username.lower()] = username
    return markdown.render(body, mentions=known, profile_url=_profile_url), known


def _regex_escape(name):
    import re

    return re.escape(name)


def _clean_body(body):
    body = (body or "").strip()
    if not body:
        raise ValidationError({"body": _("Write a message.")})
    if len(body) > MAX_POST_LENGTH:
        raise ValidationError(
            {
                "body": _("Messages are at most %(max)s characters; this one has %(n)s.")
                % {"max": MAX_POST_LENGTH, "n": len(body)}
            }
        )
    return body


def _check_limits(user, html):
    wait = limits.blocked_for(user)
    if wait:
        raise RateLimited(
            ngettext(
                "You are posting faster than we allow. You can post again in %(n)s second; "
                "your message is kept below.",
                "You are posting faster than we allow. You can post again in %(n)s seconds; "
                "your message is kept below.",
                wait,
            )
            % {"n": wait},
            wait,
        )
    most = limits.max_links(user)
    if most is not None and markdown.count_links(html) > most:
        raise ValidationError(
            {
                "body": ngettext(
                    "New accounts may include at most %(n)s link per message; please remove some.",
                    "New accounts may include at most %(n)s links per message; please remove some.",
                    most,
                )
                % {"n": most}
                if limits.is_new_account(user)
                else ngettext(
                    "A message may include at most %(n)s link.",
                    "A message may include at most %(n)s links.",
                    most,
                )
                % {"n": most}
            }
        )


def _check_slow_mode(user, topic):
    """Slow mode: one post per person per N seconds in this topic (moderators excepted).
    Checked on the locked, fresh topic row."""
    if not topic.slow_mode_seconds or permissions.can_moderate(user, topic.category):
        return
    since = timezone.now() - timedelta(seconds=topic.slow_mode_seconds)
    last = (
        Post.objects.filter(topic=topic, author=user, created_at__gt=since)
        .order_by("-created_at")
        .values_list("created_at", flat=True)
        .first()
    )
    if last is not None:
        wait = int((last - since).total_seconds()) + 1
        raise RateLimited(
            ngettext(
                "This topic is in slow mode: you can post again in %(n)s second.",
                "This topic is in slow mode: you can post again in %(n)s seconds.",
                wait,
            )
            % {"n": wait},
            wait,
        )


def _check_uploads(uploads):
    uploads = list(uploads or [])
    if len(uploads) > MAX_ATTACHMENTS:
        raise ValidationError(
            {"attachments": _("Attach at most %(n)s files.") % {"n": MAX_ATTACHMENTS}}
        )
    checked, errors = [], []
    for upload in uploads:
        try:
            checked.append((upload, *attachment_checks.check(upload)))
        except ValidationError as error:
            errors.extend(error.messages)
    if errors:
        raise ValidationError({"attachments": errors})
    return checked


def _append_event(topic, kind, post=None):
    """The topic's next event. The caller holds the topic row locked."""
    topic.last_seq += 1
    event = TopicEvent(topic=topic, seq=topic.last_seq, kind=kind, post=post)
    event.save()
    Topic.objects.filter(pk=topic.pk).update(last_seq=topic.last_seq)
    return event


def _locked(topic):
    return Topic.objects.select_for_update().select_related("category").get(pk=topic.pk)


@contextmanager
def _writing():
    """The transaction of one write. Its doorbells ring as soon as it commits: their hook is
    registered before anything else the write sets off on commit (the search index update of
    the same post takes longer than the rest of the write), so readers never wait for it."""
    pending = _Pending()
    with transaction.atomic():
        transaction.on_commit(lambda: _announce(pending))
        yield pending


def _announce(pending):
    for event in pending.events:
        realtime.ring(event.topic_id, event.seq, event.kind)
    if pending.notified:
        realtime.notify_unread(unread_counts(pending.notified))


def unread_counts(user_ids):
    counts = dict(
        Notification.objects.filter(user_id__in=user_ids, read_at__isnull=True)
        .values("user_id")
        .annotate(n=Count("pk"))
        .values_list("user_id", "n")
    )
    return {pk: counts.get(pk, 0) for pk in user_ids}


# --- Topics and posts ------------------------------------------------------------------


def topic_create(
    *, author, category, title, body, page=None, attachments=(), language="", client_key=""
):
    """A new topic with its opening post. Returns the topic."""
    reason = permissions.why_cannot_post(author, category=category)
    if reason:
        raise NotAllowed(reason)
    title = (title or "").strip()
    errors = {}
    if not title:
        errors["title"] = _("Give the topic a title.")
    elif len(title) > 160:
        errors["title"] = _("Titles are at most 160 characters.")
    try:
        body = _clean_body(body)
    except ValidationError as error:
        errors.update(error.message_dict)
    if errors:
        raise ValidationError(errors)
    if client_key:
        existing = Post.objects.filter(author=author, client_key=client_key, number=1).first()
        if existing:
            return existing.topic
    html, mentioned = _render(body)
    _check_limits(author, html)
    uploads = _check_uploads(attachments)
    now = timezone.now()
    with _writing() as pending:
        topic = Topic(
            category=category,
            title=title,
            author=author,
            page=page,
            language=language or (author.preferred_language or settings.LANGUAGE_CODE),
            created_at=now,
            last_activity_at=now,
        )
        topic.full_clean()
        topic.save()
        Category.objects.filter(pk=category.pk).update(topic_count=F("topic_count") + 1)
        topic = _locked(topic)
        _add_post(pending, topic, author, body, html, mentioned, None, uploads, client_key, now)
        Subscription.objects.get_or_create(user=author, topic=topic)
    limits.count_post(author)
    return topic


def post_create(*, author, topic, body, reply_to=None, attachments=(), client_key=""):
    """A reply in a topic, from the form or the websocket. Returns the post. Sending again
    with the same ``client_key`` returns the post already made, so a retried send never
    posts twice."""
    if client_key:
        existing = Post.objects.filter(author=author, client_key=client_key).first()
        if existing is not None:
            return existing
    reason = permissions.why_cannot_post(author, topic=topic)
    if reason:
        raise NotAllowed(reason)
    body = _clean_body(body)
    if reply_to is not None and reply_to.topic_id != topic.pk:
        raise ValidationError({"reply_to": _("You can only reply to a post in this topic.")})
    html, mentioned = _render(body)
    _check_limits(author, html)
    uploads = _check_uploads(attachments)
    with _writing() as pending:
        topic = _locked(topic)
        # Re-checked under the lock: a moderator may have locked or moved it meanwhile.
        reason = permissions.why_cannot_post(author, topic=topic)
        if reason:
            raise NotAllowed(reason)
        if client_key:
            # The same send may have come in twice at once (a retry on a new connection):
            # the one that got the lock second returns the post the first one made.
            existing = Post.objects.filter(author=author, client_key=client_key).first()
            if existing is not None:
                return existing
        _check_slow_mode(author, topic)
        post = _add_post(
            pending,
            topic,
            author,
            body,
            html,
            mentioned,
            reply_to,
            uploads,
            client_key,
            timezone.now(),
        )
        Subscription.objects.get_or_create(user=author, topic=topic)
    limits.count_post(author)
    return post


def _add_post(pending, topic, author, body, html, mentioned, reply_to, uploads, client_key, now):
    number = topic.last_post_number + 1
    post = Post(
        topic=topic,
        number=number,
        author=author,
        reply_to=reply_to,
        body=body,
        body_html=html,
        created_at=now,
        client_key=client_key or "",
    )
    # The fields only: the topic and author are rows we hold, the number is the next one under
    # the topic's lock and a repeated client key is answered before; the database constraints
    # stand behind both (and checking them here cost five queries on every post).
    post.full_clean(
        exclude=["body_html", "topic", "author", "reply_to"],
        validate_unique=False,
        validate_constraints=False,
    )
    post.save()
    for upload, kind, content_type in uploads:
        Attachment.objects.create(
            post=post,
            kind=kind,
            file=upload,
            name=upload.name[-200:],
            content_type=content_type,
            size=upload.size,
        )
    pending.events.append(_append_event(topic, TopicEvent.Kind.POST, post))
    Topic.objects.filter(pk=topic.pk).update(
        last_post_number=number, post_count=F("post_count") + 1, last_activity_at=now
    )
    topic.last_post_number = number
    Category.objects.filter(pk=topic.category_id).update(
        post_count=F("post_count") + 1, last_activity_at=now
    )
    TopicRead.objects.update_or_create(
        user=author, topic=topic, defaults={"last_read_number": number}
    )
    pending.notified.update(_notify(post, topic, author, mentioned, reply_to))
    return post


def _notify(post, topic, author, mentioned, reply_to):
    """Notification rows for the people concerned who may read the topic: mentioned people,
    the author replied to, then watchers of the topic or its category. One per person."""
    User = get_user_model()
    kinds = {}
    if mentioned:
        for pk in User.objects.filter(username__in=mentioned.values()).values_list("pk", flat=True):
            kinds[pk] = Notification.Kind.MENTION
    if reply_to is not None and reply_to.author_id:
        kinds.setdefault(reply_to.author_id, Notification.Kind.REPLY)
    watchers = Subscription.objects.filter(
        Q(topic=topic) | Q(category=topic.category_id)
    ).values_list("user_id", flat=True)
    for pk in watchers:
        kinds.setdefault(pk, Notification.Kind.WATCHED)
    kinds.pop(author.pk if author else None, None)
    if not kinds:
        return set()
    readers = User.objects.filter(pk__in=kinds, is_active=True)
    allowed = {reader.pk for reader in readers if permissions.can_read_topic(reader, topic)}
    Notification.objects.bulk_create(
        [
            Notification(user_id=pk, kind=kind, post=post, actor=author)
            for pk, kind in kinds.items()
            if pk in allowed
        ],
        ignore_conflicts=True,
    )
    return allowed


def post_edit(*, editor, post, body):
    """Change a post's text; the previous text is kept as a revision."""
    if not permissions.can_edit_post(editor, post):
        raise NotAllowed(_("You cannot edit this post."))
    body = _clean_body(body)
    html, mentioned = _render(body)
    if not permissions.can_moderate(editor, post.topic.category):
        most = limits.max_links(editor)
        if most is not None and markdown.count_links(html) > most:
            raise ValidationError({"body": _("Please remove some links.")})
    if body == post.body:
        return post
    with _writing() as pending:
        topic = _locked(post.topic)
        post = Post.objects.select_for_update().get(pk=post.pk)
        PostRevision.objects.create(post=post, body=post.body, edited_by=editor)
        post.body, post.body_html, post.edited_at = body, html, timezone.now()
        post.save(update_fields=["body", "body_html", "edited_at"])
        pending.events.append(_append_event(topic, TopicEvent.Kind.EDIT, post))
        if editor.pk != post.author_id:
            _log(
                editor,
                ModerationAction.Action.EDIT,
                topic=topic,
                post=post,
                target_user=post.author,
            )
    return post


def reaction_toggle(*, user, post, kind):
    if kind not in Reaction.Kind.values:
        raise ValidationError(_("Unknown reaction."))
    if not permissions.can_read_post(user, post) or not user.is_authenticated:
        raise NotAllowed(_("You cannot react to this post."))
    if permissions.active_suspension(user):
        raise NotAllowed(_("You are suspended and cannot react to posts."))
    with _writing() as pending:
        topic = _locked(post.topic)
        deleted, _rows = Reaction.objects.filter(post=post, user=user, kind=kind).delete()
        if not deleted:
            Reaction.objects.create(post=post, user=user, kind=kind)
        pending.events.append(_append_event(topic, TopicEvent.Kind.REACT, post))
    return not deleted


def solution_mark(*, user, topic, post):
    """Mark (or, with post=None, unmark) the reply that solved a question."""
    if not permissions.can_mark_solution(user, topic):
        raise NotAllowed(_("Only the person who asked, or a moderator, can mark the solution."))
    if post is not None and (post.topic_id != topic.pk or post.number == 1):
        raise ValidationError(_("Choose a reply in this topic."))
    with _writing() as pending:
        topic = _locked(topic)
        topic.solution = post
        topic.save(update_fields=["solution"])
        pending.events.append(_append_event(topic, TopicEvent.Kind.SOLVE, post))
    return topic


# --- Reading, watching, notifications ----------------------------------------------------


def topic_mark_read(*, user, topic, number):
    """Remember that this person has read up to post ``number`` (never goes backwards) and
    mark the notifications about those posts read."""
    if not user.is_authenticated:
        return
    # The topic object may be older than the posts the reader saw (a live page).
    last = Topic.objects.filter(pk=topic.pk).values_list("last_post_number", flat=True).first()
    number = min(int(number), last or 0)
    read, created = TopicRead.objects.get_or_create(
        user=user, topic=topic, defaults={"last_read_number": number}
    )
    if not created and read.last_read_number < number:
        TopicRead.objects.filter(pk=read.pk, last_read_number__lt=number).update(
            last_read_number=number
        )
    changed = Notification.objects.filter(
        user=user, read_at__isnull=True, post__topic=topic, post__number__lte=number
    ).update(read_at=timezone.now())
    if changed:
        transaction.on_commit(lambda: realtime.notify_unread(unread_counts([user.pk])))


def notifications_mark_read(*, user, ids=None):
    qs = Notification.objects.filter(user=user, read_at__isnull=True)
    if ids is not None:
        qs = qs.filter(pk__in=ids)
    changed = qs.update(read_at=timezone.now())
    if changed:
        transaction.on_commit(lambda: realtime.notify_unread(unread_counts([user.pk])))
    return changed


def watch_set(*, user, topic=None, category=None, watching):
    if not user.is_authenticated:
        raise NotAllowed(_("Sign in to watch."))
    target = topic.category if topic is not None else category
    if not permissions.can_read_category(user, target):
        raise NotAllowed(_("You cannot watch this."))
    lookup = (
        {"user": user, "topic": topic}
        if topic is not None
        else {"user": user, "category": category}
    )
    if watching:
        Subscription.objects.get_or_create(**lookup)
    else:
        Subscription.objects.filter(**lookup).delete()


def digest_set(*, user, enabled):
    DigestSettings.objects.update_or_create(user=user, defaults={"enabled": enabled})


# --- Moderation --------------------------------------------------------------------------


def _log(moderator, action, *, topic=None, post=None, target_user=None, reason="", **details):
    ModerationAction.objects.create(
        moderator=moderator,
        action=action,
        topic=topic,
        post=post,
        target_user=target_user,
        reason=reason[:300],
        details=details,
    )


def _require_moderator(user, category):
    if not permissions.can_moderate(user, category):
        raise NotAllowed(_("Only moderators can do this."))


def post_flag(*, reporter, post, reason, details=""):
    if not reporter.is_authenticated or not permissions.can_read_post(reporter, post):
        raise NotAllowed(_("You cannot flag this post."))
    if reason not in Flag.Reason.values:
        raise ValidationError({"reason": _("Choose a reason.")})
    flag, created = Flag.objects.get_or_create(
        post=post,
        reporter=reporter,
        status=Flag.Status.OPEN,
        defaults={"reason": reason, "details": (details or "")[:1000]},
    )
    return flag


def post_hide(*, moderator, post, reason):
    """Hide a post from readers (its author and moderators still see it, with the reason);
    its open flags count as acted on."""
    _require_moderator(moderator, post.topic.category)
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Say why: the author sees the reason.")})
    return _set_hidden(moderator, post, True, reason, ModerationAction.Action.HIDE)


def post_restore(*, moderator, post, reason=""):
    return _set_hidden(moderator, post, False, reason, ModerationAction.Action.RESTORE)


def _set_hidden(moderator, post, hidden, reason, action):
    _require_moderator(moderator, post.topic.category)
    with _writing() as pending:
        topic = _locked(post.topic)
        # Saved, not updated: the search index follows the saved row.
        post.is_hidden, post.hidden_reason = hidden, reason[:300] if hidden else ""
        post.save(update_fields=["is_hidden", "hidden_reason"])
        if hidden:
            Flag.objects.filter(post=post, status=Flag.Status.OPEN).update(
                status=Flag.Status.ACTED, resolved_by=moderator, resolved_at=timezone.now()
            )
        kind = TopicEvent.Kind.HIDE if hidden else TopicEvent.Kind.RESTORE
        pending.events.append(_append_event(topic, kind, post))
        _log(moderator, action, topic=topic, post=post, target_user=post.author, reason=reason)
    return post


def flag_dismiss(*, moderator, flag, reason=""):
    _require_moderator(moderator, flag.post.topic.category)
    with transaction.atomic():
        Flag.objects.filter(post=flag.post, status=Flag.Status.OPEN).update(
            status=Flag.Status.DISMISSED, resolved_by=moderator, resolved_at=timezone.now()
        )
        _log(
            moderator,
            ModerationAction.Action.DISMISS_FLAG,
            topic=flag.post.topic,
            post=flag.post,
            target_user=flag.post.author,
            reason=reason,
        )


def topic_lock(*, moderator, topic, locked, reason=""):
    return _topic_flag(
        moderator,
        topic,
        "is_locked",
        locked,
        TopicEvent.Kind.LOCK,
        ModerationAction.Action.LOCK if locked else ModerationAction.Action.UNLOCK,
        reason,
    )


def topic_pin(*, moderator, topic, pinned, reason=""):
    return _topic_flag(
        moderator,
        topic,
        "is_pinned",
        pinned,
        TopicEvent.Kind.PIN,
        ModerationAction.Action.PIN if pinned else ModerationAction.Action.UNPIN,
        reason,
    )


def topic_slow_mode(*, moderator, topic, seconds, reason=""):
    seconds = int(seconds)
    if not 0 <= seconds <= 24 * 3600:
        raise ValidationError({"seconds": _("Choose between 0 seconds and one day.")})
    return _topic_flag(
        moderator,
        topic,
        "slow_mode_seconds",
        seconds,
        TopicEvent.Kind.SLOW,
        ModerationAction.Action.SLOW_MODE,
        reason,
    )


def _topic_flag(moderator, topic, field, value, kind, action, reason):
    _require_moderator(moderator, topic.category)
    with _writing() as pending:
        topic = _locked(topic)
        setattr(topic, field, value)
        topic.save(update_fields=[field])
        pending.events.append(_append_event(topic, kind))
        _log(moderator, action, topic=topic, reason=reason, value=value)
    return topic


def topic_move(*, moderator, topic, category, reason=""):
    """Move a topic to another category; the moderator must moderate both. Readers who may
    not read the new category stop receiving it (the consumers re-check on this event)."""
    _require_moderator(moderator, topic.category)
    _require_moderator(moderator, category)
    with _writing() as pending:
        topic = _locked(topic)
        old = topic.category
        if old.pk == category.pk:
            return topic
        topic.category = category
        topic.save(update_fields=["category"])
        Category.objects.filter(pk=old.pk).update(
            topic_count=F("topic_count") - 1, post_count=F("post_count") - topic.post_count
        )
        Category.objects.filter(pk=category.pk).update(
            topic_count=F("topic_count") + 1, post_count=F("post_count") + topic.post_count
        )
        # Watchers who can no longer read it stop being notified.
        for sub in Subscription.objects.filter(topic=topic).select_related("user"):
            if not permissions.can_read_category(sub.user, category):
                sub.delete()
        pending.events.append(_append_event(topic, TopicEvent.Kind.MOVE))
        _log(
            moderator,
            ModerationAction.Action.MOVE,
            topic=topic,
            reason=reason,
            **{"from": old.pk, "to": category.pk},
        )
    return topic


def user_suspend(*, moderator, user, days, reason):
    if not (moderator.is_superuser or permissions.people_permissions.is_moderator(moderator)):
        raise NotAllowed(_("Only forum moderators can suspend people."))
    if user.is_superuser or user.pk == moderator.pk:
        raise NotAllowed(_("This person cannot be suspended."))
    days = int(days)
    if not 1 <= days <= 365:
        raise ValidationError({"days": _("Choose between 1 and 365 days.")})
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Say why: the person sees the reason.")})
    with transaction.atomic():
        suspension = Suspension.objects.create(
            user=user,
            until=timezone.now() + timedelta(days=days),
            reason=reason[:300],
            created_by=moderator,
        )
        _log(moderator, ModerationAction.Action.SUSPEND, target_user=user, reason=reason, days=days)
    return suspension


def user_unsuspend(*, moderator, user, reason=""):
    if not (moderator.is_superuser or permissions.people_permissions.is_moderator(moderator)):
        raise NotAllowed(_("Only forum moderators can lift suspensions."))
    with transaction.atomic():
        Suspension.objects.filter(user=user, lifted_at__isnull=True).update(
            lifted_at=timezone.now()
        )
        _log(moderator, ModerationAction.Action.UNSUSPEND, target_user=user, reason=reason)
