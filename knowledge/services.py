"""Writes that carry the rules of case studies submitted from the site.

A practitioner's submission is a ``CaseStudyPage`` under the English case-study index, owned by
them and never live: it is saved as Wagtail revisions, enters Wagtail's moderation workflow when
submitted, and only an editor's approval publishes it. Rich text typed in the public form is
plain text; it becomes Wagtail rich text here (escaped, wrapped in paragraphs), never raw HTML.

Each write takes keyword arguments and runs in one transaction; ``Page.save`` runs
``full_clean()`` before anything is written. The views, and any later API, call these functions
so every rule (who may submit, whose drafts may be edited and when, how many per day) holds
in one place.
"""

from dataclasses import dataclass
from datetime import timedelta
from html.parser import HTMLParser

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import models, transaction
from django.db.models.functions import Cast
from django.dispatch import receiver
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import linebreaks
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.models import Locale, Page, PageLogEntry, Revision, TaskState, Workflow, WorkflowState
from wagtail.signals import task_rejected, workflow_approved
from wagtail.users.models import UserProfile

from people import permissions
from people.models import Partnership

from .models import CaseStudyIndexPage, CaseStudyPage, Licence
from .models.case_studies import TERM_RELATIONS
from .translation import page_sync_aliases

# New drafts one person may start in 24 hours: enough for a partnership's backlog, too few
# for a script filling the editors' queue.
DRAFTS_PER_DAY = 10
# Wagtail's own default workflow (wagtailcore migration 0048 assigns it to the tree root, with
# a "Moderators" group approval task): used when no workflow applies to the index.
DEFAULT_WORKFLOW_NAME = "Moderators approval"

# What the public form may set; everything else (live, owner, slug, dates) is the editors'.
PLAIN_FIELDS = (
    "title",
    "summary",
    "kind",
    "original_language",
    "region",
    "latitude",
    "longitude",
    "boundary",
    "scale",
    "area_type",
    "benefits",
    "zones",
    "licence",
)
M2M_FIELDS = TERM_RELATIONS  # partnerships and taxonomy terms
RICH_TEXT_FIELDS = (
    "challenges",
    "beneficiaries",
    "problem",
    "process",
    "outcomes",
    "lessons_learned",
)
BLOCK_TEXT_FIELDS = ("description", "enabling_factors", "lessons_learned")
SUBMITTABLE_FIELDS = frozenset((*PLAIN_FIELDS, *M2M_FIELDS, *RICH_TEXT_FIELDS, "building_blocks"))


class State(models.TextChoices):
    DRAFT = "draft", gettext_lazy("Draft")
    IN_REVIEW = "in-review", gettext_lazy("In review")
    CHANGES_REQUESTED = "changes-requested", gettext_lazy("Changes requested")
    SCHEDULED = "scheduled", gettext_lazy("Scheduled")
    PUBLISHED = "published", gettext_lazy("Published")


EDITABLE_STATES = {State.DRAFT, State.CHANGES_REQUESTED}


@dataclass
class Submission:
    """A submitted case study and where it stands in review."""

    page: CaseStudyPage
    state: State
    comment: str = ""
    go_live_at: object = None
    url: str = ""  # where a published one is read (set by the view, in the reader's language)

    @property
    def editable(self):
        return self.state in EDITABLE_STATES


# --- Plain text in, rich text out ---------------------------------------------------------


def plain_to_richtext(text):
    """Paragraphs typed in a textarea as Wagtail rich text: escaped, blank lines separate
    paragraphs, single line breaks stay line breaks."""
    text = (text or "").replace("\r\n", "\n").strip()
    return linebreaks(text, autoescape=True) if text else ""


class _PlainText(HTMLParser):
    BLOCKS = {"p", "li", "h2", "h3", "h4", "h5", "h6", "blockquote", "ul", "ol", "div"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.blocks = [""]

    def _new_block(self):
        if self.blocks[-1].strip():
            self.blocks.append("")

    def handle_starttag(self, tag, attrs):
        if tag in self.BLOCKS:
            self._new_block()
        if tag == "li":
            self.blocks[-1] += "- "
        elif tag == "br":
            self.blocks[-1] += "\n"

    def handle_endtag(self, tag):
        if tag in self.BLOCKS:
            self._new_block()

    def handle_data(self, data):
        self.blocks[-1] += data.replace("\n", " ") if self.blocks[-1] else data.lstrip("\n")


def richtext_to_plain(html):
    """Rich text back to the paragraphs a person typed, for editing in a textarea."""
    if not html:
        return ""
    parser = _PlainText()
    parser.feed(str(html))
    parser.close()
    return "\n\n".join(block.strip() for block in parser.blocks if block.strip())


def _known_richtext(page):
    """Rich text already on the page, by its plain-text form. Text given back unchanged keeps
    what editors formatted (links, lists) instead of being flattened to paragraphs."""
    known = {}
    sources = [getattr(page, name) for name in RICH_TEXT_FIELDS]
    for block in page.building_blocks or []:
        sources += [block.value.get(name) for name in BLOCK_TEXT_FIELDS]
    for source in sources:
        html = getattr(source, "source", source) or ""
        if html:
            known.setdefault(richtext_to_plain(html), html)
    return known


def _richtext(text, known):
    text = (text or "").replace("\r\n", "\n").strip()
    if not text:
        return ""
    return known.get(text) or plain_to_richtext(text)


# --- Reads the rules depend on ------------------------------------------------------------


def _default_locale():
    return Locale.get_default()


def case_study_index():
    """The English case-study index, under which every submission is created."""
    index = CaseStudyIndexPage.objects.filter(locale=_default_locale()).first()
    if index is None:
        raise ValidationError(
            _("The case study library is not set up yet, so nothing can be submitted."),
            code="no_index",
        )
    return index


def _state(page, workflow_state, go_live_at):
    if page.live:
        return Submission(page, State.PUBLISHED)
    if go_live_at:
        return Submission(page, State.SCHEDULED, go_live_at=go_live_at)
    if workflow_state is not None and workflow_state.status == WorkflowState.STATUS_IN_PROGRESS:
        return Submission(page, State.IN_REVIEW)
    if workflow_state is not None and workflow_state.status == WorkflowState.STATUS_NEEDS_CHANGES:
        task_state = workflow_state.current_task_state
        comment = (task_state.comment if task_state else "") or ""
        return Submission(page, State.CHANGES_REQUESTED, comment=comment)
    return Submission(page, State.DRAFT)


def _go_live_subquery():
    return models.Subquery(
        Revision.page_revisions.filter(
            object_id=Cast(models.OuterRef("pk"), output_field=models.CharField()),
            approved_go_live_at__isnull=False,
        )
        .order_by("-created_at")
        .values("approved_go_live_at")[:1]
    )


def case_study_state(page):
    """Where one submission stands: draft, in review, changes requested, scheduled, published."""
    go_live_at = (
        Revision.page_revisions.filter(object_id=str(page.pk), approved_go_live_at__isnull=False)
        .values_list("approved_go_live_at", flat=True)
        .first()
    )
    return _state(page, page.current_workflow_state, go_live_at)


def case_study_submissions(*, user):
    """A person's submissions, newest first, in a fixed number of queries."""
    pages = (
        CaseStudyPage.objects.filter(owner=user, locale=_default_locale(), alias_of__isnull=True)
        .select_related("locale")
        # Wagtail's prefetch_workflow_states() matches on the base (Page) content type,
        # which a CaseStudyPage queryset does not carry: prefetch on the specific one.
        .prefetch_related(
            models.Prefetch(
                "_specific_workflow_states",
                queryset=WorkflowState.objects.active().select_related("current_task_state"),
                to_attr="_current_workflow_states",
            )
        )
        .annotate(scheduled_at=_go_live_subquery())
        .order_by(models.F("latest_revision_created_at").desc(nulls_last=True), "-pk")
    )
    return [_state(page, page.current_workflow_state, page.scheduled_at) for page in pages]


def case_study_owned(*, user):
    """The submissions a person may open in the form (their own, in the original tree)."""
    return CaseStudyPage.objects.filter(owner=user, locale=_default_locale(), alias_of__isnull=True)


def case_study_drafts_left(*, user):
    """New drafts this person may still start in the coming 24 hours."""
    since = timezone.now() - timedelta(days=1)
    started = PageLogEntry.objects.filter(
        user=user,
        action="wagtail.create",
        content_type=ContentType.objects.get_for_model(CaseStudyPage),
        page__alias_of__isnull=True,  # its aliases in the other languages are logged too
        timestamp__gte=since,
    ).count()
    return max(0, DRAFTS_PER_DAY - started)


def case_study_missing(page):
    """What a submission still needs before editors can review it: {field: message}."""
    missing = {}
    if not page.title:
        missing["title"] = _("Give the case study a title.")
    if not page.summary:
        missing["summary"] = _("Write a short summary.")
    owner_has_partnerships = Partnership.objects.filter(memberships__user_id=page.owner_id)
    if not page.partnerships.all() and owner_has_partnerships.exists():
        missing["partnerships"] = _("Choose the partnership (or partnerships) it is about.")
    if not page.countries.all():
        missing["countries"] = _("Choose at least one country.")
    if not page.themes.all():
        missing["themes"] = _("Choose at least one theme.")
    if not page.problem:
        missing["problem"] = _("Describe the problem the partnership faced.")
    if not page.building_blocks:
        missing["building_blocks"] = _("Add at least one building block.")
    return missing


# --- Writes -------------------------------------------------------------------------------


def _ensure_can_submit(user):
    if not permissions.is_practitioner(user):
        raise PermissionDenied(
            _(
                "Only practitioners can submit case studies: members of a landscape "
                "partnership, or people the editors have added to the practitioners."
            )
        )


def _ensure_can_edit(user, page):
    _ensure_can_submit(user)
    if page.owner_id != user.pk:
        raise PermissionDenied(_("You can only edit your own submissions."))
    submission = case_study_state(page)
    if submission.state == State.IN_REVIEW:
        raise PermissionDenied(
            _("This case study is with the editors. You can change it again if they ask you to.")
        )
    if submission.state in (State.PUBLISHED, State.SCHEDULED):
        raise PermissionDenied(
            _(
                "This case study is approved for publication. Please contact the editors to "
                "change it."
            )
        )


def _locked(page):
    # The row lock orders two saves of one draft (two tabs, a double click on "submit").
    return Page.objects.select_for_update().get(pk=page.pk).specific


def _free_slug(parent, title):
    base = (slugify(title, allow_unicode=True) or "case-study")[:70].strip("-") or "case-study"
    slug, number = base, 1
    while not Page._slug_is_available(slug, parent):
        number += 1
        slug = f"{base}-{number}"
    return slug


def _building_blocks(blocks, known):
    return [
        {
            "type": "building_block",
            "value": {
                "title": (block.get("title") or "").strip(),
                **{name: _richtext(block.get(name), known) for name in BLOCK_TEXT_FIELDS},
            },
        }
        for block in blocks
    ]


def _apply(page, fields, *, user):
    unknown = set(fields) - SUBMITTABLE_FIELDS
    if unknown:
        raise ValueError(f"Not fields of a submission: {', '.join(sorted(unknown))}")
    known = _known_richtext(page)
    for name, value in fields.items():
        if name == "partnerships":
            value = _partnerships(page, value, user=user)
        if name in M2M_FIELDS:
            setattr(page, name, _terms(name, value))
        elif name in RICH_TEXT_FIELDS:
            setattr(page, name, _richtext(value, known))
        elif name == "building_blocks":
            page.building_blocks = _building_blocks(value, known)
        elif name == "boundary":
            if value != page.boundary:
                page.area_ha = None  # measured again from the new boundary when cleaned
            page.boundary = value or None
        else:
            setattr(page, name, value)
    if "title" in fields:
        page.draft_title = page.title


def _terms(name, values):
    """Linked rows (taxonomy terms, partnerships) from rows or their keys; unknown keys are
    refused rather than dropped."""
    model = CaseStudyPage._meta.get_field(name).related_model
    keys = {getattr(value, "pk", value) for value in values}
    rows = list(model.objects.filter(pk__in=keys))
    if len(rows) != len(keys):
        raise ValidationError({name: _("Choose from the list.")})
    return rows


def _partnerships(page, chosen, *, user):
    """The submitter links partnerships they belong to; links an editor made to others stay."""
    own = set(Partnership.objects.filter(memberships__user=user).values_list("pk", flat=True))
    current = {p.pk for p in page.partnerships.all()} if page.pk else set()
    chosen = {getattr(p, "pk", p) for p in chosen}
    if chosen - own - current:
        raise ValidationError(
            {"partnerships": _("You can only link partnerships you are a member of.")}
        )
    return chosen | (current - own)


@transaction.atomic
def case_study_save_draft(*, user, page=None, fields):
    """Save one step of the form as a new draft revision (creating the draft on the first
    step). The page stays non-live; nothing is published here."""
    if page is None:
        _ensure_can_submit(user)
        if case_study_drafts_left(user=user) <= 0:
            raise ValidationError(
                _(
                    "You have started %(count)s case studies in the last 24 hours, the most "
                    "allowed. Continue one of your drafts, or start a new one tomorrow."
                )
                % {"count": DRAFTS_PER_DAY},
                code="rate_limited",
            )
        index = case_study_index()
        draft = CaseStudyPage(owner=user, live=False, has_unpublished_changes=True)
        _apply(draft, fields, user=user)
        draft.slug = _free_slug(index, draft.title)
        index.add_child(instance=draft)  # Page.save runs full_clean, and logs the creation
        draft.save_revision(user=user)
        # The French, Spanish and Portuguese trees get aliases now; aliases of a draft are
        # not live either, and go live with it when an editor publishes it.
        page_sync_aliases(draft)
        return draft

    page = _locked(page)
    _ensure_can_edit(user, page)
    draft = page.get_latest_revision_as_object()
    _apply(draft, fields, user=user)
    draft.save()  # never live here, so the row follows the latest revision (as in the admin)
    draft.save_revision(user=user, log_action=True)
    return draft


def _workflow_for(page):
    if not getattr(settings, "WAGTAIL_WORKFLOW_ENABLED", True):
        workflow = None
    else:
        workflow = page.get_workflow() or (
            Workflow.objects.active().filter(name=DEFAULT_WORKFLOW_NAME).first()
        )
    if workflow is None:
        raise ValidationError(
            _(
                "Case studies cannot be reviewed at the moment: no review workflow is set up. "
                "Your draft is saved; please tell the editors."
            ),
            code="no_workflow",
        )
    return workflow


def _mute_admin_notifications(user):
    """Wagtail emails the requester of a workflow with links into the admin. A practitioner
    cannot open the admin, so they get this app's emails (in their language, with links to
    the site) instead of Wagtail's."""
    if permissions.is_editor(user):
        return
    profile = UserProfile.get_for_user(user)
    if profile.approved_notifications or profile.rejected_notifications:
        profile.approved_notifications = False
        profile.rejected_notifications = False
        profile.save(update_fields=["approved_notifications", "rejected_notifications"])


@transaction.atomic
def case_study_submit(*, user, page, licence=Licence.CC_BY):
    """Send a draft to the editors: save a final revision, then start Wagtail's workflow for
    the page (or resume it, when the editors had asked for changes)."""
    page = _locked(page)
    _ensure_can_edit(user, page)
    draft = page.get_latest_revision_as_object()
    _apply(draft, {"licence": licence}, user=user)
    missing = case_study_missing(draft)
    if missing:
        raise ValidationError(missing, code="incomplete")
    workflow = _workflow_for(draft)
    draft.save()
    draft.save_revision(user=user, log_action=True)
    workflow_state = draft.current_workflow_state
    if workflow_state is not None and workflow_state.status == WorkflowState.STATUS_NEEDS_CHANGES:
        workflow_state.resume(user)
    else:
        workflow_state = workflow.start(draft, user)
    _mute_admin_notifications(user)
    return workflow_state


# --- Telling the submitter ----------------------------------------------------------------


def _front_end_submitter(workflow_state):
    """The practitioner to tell about a decision, or None: Wagtail itself notifies people who
    use the admin."""
    model = workflow_state.content_type.model_class()
    submitter = workflow_state.requested_by
    if model is None or not issubclass(model, CaseStudyPage):
        return None
    if submitter is None or not submitter.is_active or not submitter.email:
        return None
    if permissions.is_editor(submitter):
        return None
    return submitter


def _absolute(path):
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def _language_of(user):
    return user.preferred_language or settings.LANGUAGE_CODE


def _page_url_in(page, language):
    """The page's address in the reader's language (its translation or alias), else its own."""
    localized = (
        Page.objects.live()
        .filter(translation_key=page.translation_key, locale__language_code=language)
        .first()
    )
    target = localized or page
    parts = target.get_url_parts()
    return _absolute(parts[2]) if parts else ""


def _mail(user, subject, template, context):
    context = {
        **context,
        "user": user,
        "submissions_url": _absolute(reverse("knowledge:my_submissions")),
    }
    send_mail(
        subject=subject,
        message=render_to_string(template, context),
        from_email=None,
        recipient_list=[user.email],
    )


def _send_approved(page_id, user):
    page = CaseStudyPage.objects.get(pk=page_id)
    submission = case_study_state(page)
    language = _language_of(user)
    with translation.override(language):
        if submission.state == State.PUBLISHED:
            subject = _("Your case study “%(title)s” is published") % {"title": page.title}
        else:
            subject = _("Your case study “%(title)s” is approved") % {"title": page.title}
        url = _page_url_in(page, language) if page.live else ""
        context = {"page": page, "submission": submission, "url": url}
        _mail(user, subject, "knowledge/email/case_study_approved.txt", context)


def _send_changes_requested(page_id, user, comment):
    page = CaseStudyPage.objects.get(pk=page_id)
    with translation.override(_language_of(user)):
        subject = _("Changes requested to your case study “%(title)s”") % {"title": page.title}
        edit_url = _absolute(reverse("knowledge:submit_edit", args=[page.pk]) + "?step=5")
        context = {"page": page, "comment": comment, "edit_url": edit_url}
        _mail(user, subject, "knowledge/email/case_study_changes_requested.txt", context)


def _after_commit(send):
    """Mail goes once the decision is saved; a failing mail server is logged and never undoes
    an editor's decision."""
    transaction.on_commit(send, robust=True)


@receiver(workflow_approved, dispatch_uid="knowledge_case_study_approved")
def _on_workflow_approved(sender, instance, user=None, **kwargs):
    submitter = _front_end_submitter(instance)
    if submitter is not None:
        page_id = int(instance.object_id)
        _after_commit(lambda: _send_approved(page_id, submitter))


@receiver(task_rejected, dispatch_uid="knowledge_case_study_changes_requested")
def _on_task_rejected(sender, instance, user=None, **kwargs):
    if not isinstance(instance, TaskState):
        return
    workflow_state = instance.workflow_state
    submitter = _front_end_submitter(workflow_state)
    if submitter is not None:
        page_id, comment = int(workflow_state.object_id), instance.comment or ""
        _after_commit(lambda: _send_changes_requested(page_id, submitter, comment))
