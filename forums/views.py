"""The forums' pages. Every page works with plain HTML forms; the websocket (forums.consumers)
only enhances the topic page. All writes go through ``forums.services``; a refused write
re-renders the form with what was typed and the reason above it."""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import permissions, selectors, services
from .forms import (
    DigestForm,
    EditForm,
    FlagForm,
    PostForm,
    ReasonForm,
    SuspendForm,
    TopicForm,
    TopicModerationForm,
)
from .models import Attachment, Category, DigestSettings, Flag, Post, Suspension, Topic

POSTS_PER_PAGE = selectors.POSTS_PER_PAGE
TOPICS_PER_PAGE = selectors.TOPICS_PER_PAGE


# --- Helpers ---------------------------------------------------------------------------


def _int(value, default=None):
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


def _readable_category_or_404(user, slug):
    category = get_object_or_404(Category, slug=slug)
    if not permissions.can_read_category(user, category):
        # Never say a private space exists.
        raise Http404
    return category


def _readable_topic_or_404(user, pk):
    topic = get_object_or_404(Topic.objects.select_related("category", "author", "page"), pk=pk)
    if not permissions.can_read_topic(user, topic):
        raise Http404
    return topic


def _readable_post_or_404(user, pk):
    post = get_object_or_404(
        Post.objects.select_related("topic__category", "author", "reply_to"), pk=pk
    )
    if not permissions.can_read_post(user, post):
        raise Http404
    return post


def _apply_error(form, exc):
    """Put a service's refusal on the form (so what was typed stays); the HTTP status."""
    if isinstance(exc, services.RateLimited):
        form.add_error(None, exc.message)
        return 429
    if isinstance(exc, services.NotAllowed):
        form.add_error(None, exc.message)
        return 403
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            for error in errors:
                form.add_error(field if field in form.fields else None, error)
    else:
        for message in exc.messages:
            form.add_error(None, message)
    return 400


def _service_message(request, exc):
    """A refusal from a button (no form to re-render) as a message."""
    if isinstance(exc, services.NotAllowed):
        messages.error(request, exc.message)
    else:
        for message in exc.messages:
            messages.error(request, message)


def _back(request, fallback):
    """The page the button was on, when it is one of ours."""
    target = request.POST.get("next") or ""
    from django.utils.http import url_has_allowed_host_and_scheme

    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return HttpResponseRedirect(target)
    return HttpResponseRedirect(fallback)


def _post_page(number):
    return (max(number, 1) - 1) // POSTS_PER_PAGE + 1


def _post_url(post):
    return post.get_absolute_url()


# --- Reading ---------------------------------------------------------------------------


def index(request):
    roots = selectors.category_tree(request.user)
    return render(request, "forums/index.html", {"categories": roots})


def category(request, slug):
    category = _readable_category_or_404(request.user, slug)
    subcategories = list(
        selectors.readable_categories(request.user)
        .filter(parent=category)
        .order_by("position", "name")
    )
    topics_page = Paginator(
        selectors.category_topics(request.user, category), TOPICS_PER_PAGE
    ).get_page(request.GET.get("page"))
    selectors.mark_unread(topics_page.object_list)
    context = {
        "category": category,
        "subcategories": subcategories,
        "topics": topics_page,
        "watching": selectors.watching(request.user, category=category),
        "cannot_post": permissions.why_cannot_post(request.user, category=category),
    }
    return render(request, "forums/category.html", context)


@require_POST
@login_required
def category_watch(request, slug):
    category = _readable_category_or_404(request.user, slug)
    _watch(
        request,
        {"category": category},
        _("You are watching this category."),
        _("You no longer watch this category."),
    )
    return redirect(category.get_absolute_url())


def _watch(request, target, watching_message, stopped_message):
    """Start or stop watching a topic or a category (the button's ``watching`` field)."""
    watching = request.POST.get("watching") == "1"
    services.watch_set(user=request.user, watching=watching, **target)
    messages.success(request, watching_message if watching else stopped_message)


def topic(request, pk, slug):
    """A topic, 30 posts a page. ``?post=N`` opens the page holding post N; ``?unread=1``
    jumps to the first post not read yet."""
    topic = _readable_topic_or_404(request.user, pk)
    if slug != topic.slug:
        query = request.GET.urlencode()
        return redirect(topic.get_absolute_url() + (f"?{query}" if query else ""), permanent=True)
    if request.GET.get("unread"):
        number = min(
            selectors.last_read_number(request.user, topic) + 1, max(topic.last_post_number, 1)
        )
        return redirect(f"{topic.get_absolute_url()}?post={number}#post-{number}")
    page_number = request.GET.get("page")
    post_number = _int(request.GET.get("post"))
    if post_number:
        page_number = _post_page(min(post_number, max(topic.last_post_number, 1)))
    return _topic_page(request, topic, page_number)


def _topic_page(request, topic, page_number, form=None, status=200):
    user = request.user
    last_read = selectors.last_read_number(user, topic)
    posts_page = Paginator(range(topic.last_post_number), POSTS_PER_PAGE).get_page(page_number)
    first = (posts_page.number - 1) * POSTS_PER_PAGE + 1
    last = first + POSTS_PER_PAGE - 1
    moderator = permissions.can_moderate(user, topic.category)
    posts = selectors.topic_posts(topic, first, last, with_revisions=moderator)
    selectors.prepare_posts(posts, user, topic)
    shown = posts[-1].number if posts else 0
    if user.is_authenticated and shown > last_read:
        services.topic_mark_read(user=user, topic=topic, number=shown)

    cannot_post = permissions.why_cannot_post(user, topic=topic)
    if form is None and cannot_post is None:
        form = _reply_form(request, topic)
    context = {
        "topic": topic,
        "category": topic.category,
        "posts": posts,
        "posts_page": posts_page,
        "last_read": last_read,
        "first_unread": last_read + 1 if 0 < last_read < topic.last_post_number else None,
        "form": form,
        "cannot_post": cannot_post,
        "watching": selectors.watching(user, topic=topic),
        "is_moderator": moderator,
        "viewer": user,
        "can_mark_solution": permissions.can_mark_solution(user, topic),
        "solution_number": topic.solution.number if topic.solution_id else None,
    }
    if moderator:
        context["moderation_form"] = TopicModerationForm(
            categories=Category.objects.filter(permissions.moderated_q(user)).order_by("name"),
            initial={"seconds": topic.slow_mode_seconds, "category": topic.category_id},
        )
    return render(request, "forums/topic.html", context, status=status)


def _reply_form(request, topic):
    """A reply form, prefilled from ``?reply_to=N`` or ``?quote=N``."""
    initial = {}
    number = _int(request.GET.get("quote")) or _int(request.GET.get("reply_to"))
    if number:
        target = Post.objects.filter(topic=topic, number=number).select_related("author").first()
        if target is not None and permissions.can_read_post(request.user, target):
            initial["reply_to"] = target.number
            if request.GET.get("quote") and not target.is_hidden:
                name = target.author.username if target.author else _("someone")
                quoted = "\n".join(f"> {line}" for line in target.body.splitlines())
                initial["body"] = _("> @%(name)s wrote:") % {"name": name} + "\n" + quoted + "\n\n"
    return PostForm(initial=initial)


@login_required
def reply(request, pk):
    """The reply form on its own (GET) and where every reply form posts to."""
    topic = _readable_topic_or_404(request.user, pk)
    if request.method != "POST":
        cannot_post = permissions.why_cannot_post(request.user, topic=topic)
        return render(
            request,
            "forums/reply.html",
            {"topic": topic, "form": _reply_form(request, topic), "cannot_post": cannot_post},
        )
    form = PostForm(request.POST, request.FILES)
    status = 400
    if form.is_valid():
        reply_to = None
        if form.cleaned_data.get("reply_to"):
            reply_to = Post.objects.filter(
                topic=topic, number=form.cleaned_data["reply_to"]
            ).first()
        try:
            post = services.post_create(
                author=request.user,
                topic=topic,
                body=form.cleaned_data["body"],
                reply_to=reply_to,
                attachments=form.cleaned_data["attachments"],
                client_key=form.cleaned_data.get("client_key") or "",
            )
        except (services.NotAllowed, ValidationError) as exc:
            status = _apply_error(form, exc)
        else:
            return redirect(_post_url(post))
    # The topic's last page with the refused form under the posts: the text stays (files
    # cannot be kept by a browser form and must be chosen again).
    return _topic_page(request, topic, _post_page(topic.last_post_number), form, status)


@login_required
def topic_new(request):
    user = request.user
    categories = selectors.readable_categories(user).order_by("position", "name")
    fixed = None
    slug = request.GET.get("category") or request.POST.get("category_slug")
    if slug:
        fixed = _readable_category_or_404(user, slug)
    page = None
    page_id = _int(request.GET.get("page") or request.POST.get("page"))
    if page_id:
        from wagtail.models import Page

        page = Page.objects.live().public().filter(pk=page_id).first()
        if page is not None:
            page = page.specific
    status = 200
    if request.method == "POST":
        form = TopicForm(request.POST, request.FILES, categories=categories, fixed_category=fixed)
        status = 400
        if form.is_valid():
            category = fixed or form.cleaned_data["category"]
            try:
                topic = services.topic_create(
                    author=user,
                    category=category,
                    title=form.cleaned_data["title"],
                    body=form.cleaned_data["body"],
                    page=page,
                    attachments=form.cleaned_data["attachments"],
                    language=request.LANGUAGE_CODE,
                    client_key=form.cleaned_data.get("client_key") or "",
                )
            except (services.NotAllowed, ValidationError) as exc:
                status = _apply_error(form, exc)
            else:
                return redirect(topic.get_absolute_url())
    else:
        initial = {"page": page.pk if page else None}
        if page is not None:
            initial["title"] = _("About: %(title)s") % {"title": page.title}
        form = TopicForm(initial=initial, categories=categories, fixed_category=fixed)
    cannot_post = None
    if fixed is not None:
        cannot_post = permissions.why_cannot_post(user, category=fixed)
    elif not categories.exists():
        cannot_post = _("There is no category you can post in.")
    context = {"form": form, "category": fixed, "discussed_page": page, "cannot_post": cannot_post}
    return render(request, "forums/topic_new.html", context, status=status)


@require_POST
@login_required
def topic_watch(request, pk):
    topic = _readable_topic_or_404(request.user, pk)
    _watch(
        request,
        {"topic": topic},
        _("You are watching this topic."),
        _("You no longer watch this topic."),
    )
    return _back(request, topic.get_absolute_url())


@require_POST
@login_required
def topic_solution(request, pk):
    topic = _readable_topic_or_404(request.user, pk)
    number = _int(request.POST.get("post"))
    post = None
    if number:
        post = get_object_or_404(Post, topic=topic, number=number)
    try:
        services.solution_mark(user=request.user, topic=topic, post=post)
    except (services.NotAllowed, ValidationError) as exc:
        _service_message(request, exc)
    return redirect(post.get_absolute_url() if post else topic.get_absolute_url())


@require_POST
@login_required
def topic_moderate(request, pk):
    topic = _readable_topic_or_404(request.user, pk)
    if not permissions.can_moderate(request.user, topic.category):
        raise PermissionDenied
    form = TopicModerationForm(
        request.POST,
        categories=Category.objects.filter(permissions.moderated_q(request.user)),
    )
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect(topic.get_absolute_url())
    data, moderator = form.cleaned_data, request.user
    reason = data.get("reason") or ""
    try:
        action = data["action"]
        if action in ("lock", "unlock"):
            services.topic_lock(
                moderator=moderator, topic=topic, locked=action == "lock", reason=reason
            )
        elif action in ("pin", "unpin"):
            services.topic_pin(
                moderator=moderator, topic=topic, pinned=action == "pin", reason=reason
            )
        elif action == "slow":
            services.topic_slow_mode(
                moderator=moderator, topic=topic, seconds=data.get("seconds") or 0, reason=reason
            )
        elif action == "move":
            if data.get("category") is None:
                raise ValidationError(_("Choose the category to move the topic to."))
            services.topic_move(
                moderator=moderator, topic=topic, category=data["category"], reason=reason
            )
    except (services.NotAllowed, ValidationError) as exc:
        _service_message(request, exc)
    else:
        messages.success(request, _("Done."))
    return redirect(topic.get_absolute_url())


# --- Posts -----------------------------------------------------------------------------


def post_redirect(request, pk):
    post = _readable_post_or_404(request.user, pk)
    return redirect(_post_url(post))


@login_required
def post_edit(request, pk):
    post = _readable_post_or_404(request.user, pk)
    if not permissions.can_edit_post(request.user, post):
        raise PermissionDenied
    status = 200
    if request.method == "POST":
        form = EditForm(request.POST)
        status = 400
        if form.is_valid():
            try:
                services.post_edit(editor=request.user, post=post, body=form.cleaned_data["body"])
            except (services.NotAllowed, ValidationError) as exc:
                status = _apply_error(form, exc)
            else:
                messages.success(request, _("Your changes are saved."))
                return redirect(_post_url(post))
    else:
        form = EditForm(initial={"body": post.body})
    return render(request, "forums/post_edit.html", {"post": post, "form": form}, status=status)


@require_POST
@login_required
def react(request, pk):
    post = _readable_post_or_404(request.user, pk)
    try:
        services.reaction_toggle(user=request.user, post=post, kind=request.POST.get("kind", ""))
    except (services.NotAllowed, ValidationError) as exc:
        _service_message(request, exc)
    return redirect(_post_url(post))


@login_required
def post_flag(request, pk):
    post = _readable_post_or_404(request.user, pk)
    status = 200
    if request.method == "POST":
        form = FlagForm(request.POST)
        status = 400
        if form.is_valid():
            try:
                services.post_flag(
                    reporter=request.user,
                    post=post,
                    reason=form.cleaned_data["reason"],
                    details=form.cleaned_data["details"],
                )
            except (services.NotAllowed, ValidationError) as exc:
                status = _apply_error(form, exc)
            else:
                messages.success(request, _("Thank you: the moderators will look at this post."))
                return redirect(_post_url(post))
    else:
        form = FlagForm()
    return render(request, "forums/post_flag.html", {"post": post, "form": form}, status=status)


def _moderate_post(request, pk, service):
    """Hide or restore a post (a moderator's button, with the reason typed beside it)."""
    post = _readable_post_or_404(request.user, pk)
    if not permissions.can_moderate(request.user, post.topic.category):
        raise PermissionDenied
    form = ReasonForm(request.POST)
    form.is_valid()
    try:
        service(moderator=request.user, post=post, reason=form.cleaned_data.get("reason", ""))
    except (services.NotAllowed, ValidationError) as exc:
        _service_message(request, exc)
    return _back(request, _post_url(post))


@require_POST
@login_required
def post_hide(request, pk):
    return _moderate_post(request, pk, services.post_hide)


@require_POST
@login_required
def post_restore(request, pk):
    return _moderate_post(request, pk, services.post_restore)


IMAGE_TYPES = {"image/jpeg", "image/png", "image/webp", "image/gif"}


def attachment(request, pk, name):
    """An attachment, to those who may read its post. Served with the type we determined on
    upload, never sniffed, sandboxed, and never cached by shared caches when private."""
    attachment = get_object_or_404(
        Attachment.objects.select_related("post__topic__category"), pk=pk
    )
    if attachment.name != name or not permissions.can_read_post(request.user, attachment.post):
        raise Http404
    try:
        handle = attachment.file.open("rb")
    except (FileNotFoundError, OSError) as exc:
        raise Http404 from exc
    inline = attachment.kind == Attachment.Kind.IMAGE and attachment.content_type in IMAGE_TYPES
    response = FileResponse(
        handle,
        content_type=attachment.content_type,
        as_attachment=not inline,
        filename=attachment.name,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox"
    category = attachment.post.topic.category
    if category.is_private or attachment.post.is_hidden:
        response["Cache-Control"] = "private, no-store"
    else:
        response["Cache-Control"] = "public, max-age=3600"
    response["Vary"] = "Cookie"
    return response


# --- Notifications ---------------------------------------------------------------------


@login_required
def notifications(request):
    page = Paginator(selectors.notifications(request.user), 30).get_page(request.GET.get("page"))
    unread = services.unread_counts([request.user.pk])[request.user.pk]
    digest = DigestSettings.objects.filter(user=request.user).first()
    context = {
        "notifications": page,
        "unread": unread,
        "digest_form": DigestForm(initial={"enabled": digest.enabled if digest else True}),
    }
    return render(request, "forums/notifications.html", context)


@require_POST
@login_required
def notifications_read(request):
    ids = [pk for pk in (_int(v) for v in request.POST.getlist("id")) if pk]
    services.notifications_mark_read(user=request.user, ids=ids or None)
    messages.success(request, _("Notifications marked as read."))
    return redirect("forums:notifications")


@require_POST
@login_required
def digest_setting(request):
    form = DigestForm(request.POST)
    form.is_valid()
    enabled = bool(form.cleaned_data.get("enabled"))
    services.digest_set(user=request.user, enabled=enabled)
    if enabled:
        messages.success(request, _("You will get a daily digest of unread notifications."))
    else:
        messages.success(request, _("You will not get the daily digest."))
    return redirect("forums:notifications")


# --- Moderation ------------------------------------------------------------------------


def _moderator_required(request):
    if not request.user.is_authenticated:
        return redirect(
            f"{reverse('account_login')}?{urlencode({'next': request.get_full_path()})}"
        )
    if not permissions.is_any_moderator(request.user):
        raise PermissionDenied
    return None


def moderation(request):
    refused = _moderator_required(request)
    if refused:
        return refused
    posts = selectors.open_flags_by_post(request.user)
    return render(request, "forums/moderation.html", {"posts": posts, "reason_form": ReasonForm()})


@require_POST
def flag_action(request, pk):
    """Act on the open flags of a post: hide it (with a reason) or dismiss them."""
    refused = _moderator_required(request)
    if refused:
        return refused
    flag = get_object_or_404(Flag.objects.select_related("post__topic__category"), pk=pk)
    if not permissions.can_moderate(request.user, flag.post.topic.category):
        raise PermissionDenied
    form = ReasonForm(request.POST)
    form.is_valid()
    reason = form.cleaned_data.get("reason", "")
    try:
        if request.POST.get("action") == "hide":
            services.post_hide(moderator=request.user, post=flag.post, reason=reason)
            messages.success(request, _("The post is hidden."))
        else:
            services.flag_dismiss(moderator=request.user, flag=flag, reason=reason)
            messages.success(request, _("The flags are dismissed."))
    except (services.NotAllowed, ValidationError) as exc:
        _service_message(request, exc)
    return redirect("forums:moderation")


def moderation_log(request):
    refused = _moderator_required(request)
    if refused:
        return refused
    page = Paginator(selectors.moderation_log(request.user), 50).get_page(request.GET.get("page"))
    return render(request, "forums/moderation_log.html", {"actions": page})


def suspend(request, username):
    refused = _moderator_required(request)
    if refused:
        return refused
    if not (request.user.is_superuser or permissions.people_permissions.is_moderator(request.user)):
        raise PermissionDenied
    person = get_object_or_404(get_user_model(), username=username)
    status = 200
    form = SuspendForm(request.POST or None)
    if request.method == "POST":
        status = 400
        try:
            if request.POST.get("action") == "lift":
                services.user_unsuspend(
                    moderator=request.user, user=person, reason=request.POST.get("reason", "")
                )
                messages.success(request, _("The suspension is lifted."))
                return redirect("forums:suspend", username=person.username)
            if form.is_valid():
                services.user_suspend(
                    moderator=request.user,
                    user=person,
                    days=form.cleaned_data["days"],
                    reason=form.cleaned_data["reason"] or "",
                )
                messages.success(request, _("%(name)s is suspended.") % {"name": person.name})
                return redirect("forums:suspend", username=person.username)
        except (services.NotAllowed, ValidationError) as exc:
            status = _apply_error(form, exc)
    context = {
        "person": person,
        "form": form,
        "active": permissions.active_suspension(person),
        "history": Suspension.objects.filter(user=person).select_related("created_by")[:20],
    }
    return render(request, "forums/suspend.html", context, status=status)
