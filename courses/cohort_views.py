"""The pages of cohorts: the ones I follow, creating and editing one (institute
administrators), a cohort's dashboard for its facilitators with its exports (CSV of learners,
xAPI statements), and the invitation a learner receives.

Every page checks permission through ``courses.permissions`` (403 for the signed-in who may
not; sign-in first for the anonymous) and takes a fixed number of queries whatever the size
of the cohort (``courses.analytics``)."""

import csv
import io
import json
from urllib.parse import urlencode

from asgiref.sync import sync_to_async
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.handlers.asgi import ASGIRequest
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.http import content_disposition_header
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from people.models import TrainingInstitute

from . import analytics, permissions, services
from .cohort_forms import CohortForm, InviteForm
from .models import Cohort, CohortInvitation, Enrollment, LearningStatement

LEARNERS_PER_PAGE = 100
LEARNERS_PER_CHUNK = 500  # rows of the CSV export read at once
STATEMENTS_PER_CHUNK = 500


def _error_messages(exc):
    return exc.messages if hasattr(exc, "messages") else [str(exc)]


def _report(exc, form):
    """A service's ValidationError on the form that was sent (what was typed stays)."""
    if hasattr(exc, "error_dict"):
        for name, errors in exc.error_dict.items():
            for error in errors:
                form.add_error(name if name in form.fields else None, error)
    else:
        for text in _error_messages(exc):
            form.add_error(None, text)


def _cohort(cohort_id):
    return get_object_or_404(Cohort.objects.select_related("institute", "course"), pk=cohort_id)


def _facilitated(request, cohort_id):
    cohort = _cohort(cohort_id)
    if not permissions.can_facilitate(request.user, cohort):
        raise PermissionDenied(_("Only the cohort's facilitators can see its learners."))
    return cohort


def _id_or_404(value):
    try:
        return int(value)
    except (TypeError, ValueError) as exc:
        raise Http404 from exc


# --- The cohorts I follow -------------------------------------------------------------------


@login_required
def my_cohorts(request):
    today = timezone.localdate()
    cohorts = (
        permissions.cohorts_followed_by(request.user)
        .select_related("institute", "course")
        .annotate(
            learners=Count("enrollments", filter=Q(enrollments__status=Enrollment.Status.ACTIVE)),
            completed=Count("enrollments", filter=Q(enrollments__completed_at__isnull=False)),
        )
        .order_by("-starts_on", "name")
    )
    current, upcoming, past = [], [], []
    for cohort in cohorts:
        if cohort.ends_on < today:
            past.append(cohort)
        elif cohort.starts_on > today:
            upcoming.append(cohort)
        else:
            current.append(cohort)
    context = {
        "groups": [
            (_("Running now"), current),
            (_("Starting soon"), upcoming),
            (_("Finished"), past),
        ],
        "has_cohorts": bool(current or upcoming or past),
        "institutes": list(permissions.institutes_run_by(request.user)),
    }
    return render(request, "courses/my_cohorts.html", context)


# --- Creating and editing -------------------------------------------------------------------


@login_required
def cohort_create(request, slug):
    institute = get_object_or_404(TrainingInstitute, slug=slug)
    if not permissions.can_run_cohorts(request.user, institute):
        raise PermissionDenied(_("Only the institute's administrators can create cohorts."))
    form = CohortForm(request.POST or None, institute=institute)
    if request.method == "POST" and form.is_valid():
        try:
            cohort = services.cohort_create(
                institute=institute, by=request.user, **form.cohort_fields()
            )
        except ValidationError as exc:
            _report(exc, form)
        else:
            messages.success(request, _("The cohort has been created. Invite its learners below."))
            return redirect(cohort)
    return render(
        request,
        "courses/cohort_form.html",
        {"form": form, "institute": institute, "cohort": None},
        status=400 if form.errors else 200,
    )


@login_required
def cohort_edit(request, cohort_id):
    cohort = _cohort(cohort_id)
    if not permissions.can_run_cohorts(request.user, cohort.institute):
        raise PermissionDenied(_("Only the institute's administrators can edit cohorts."))
    initial = {
        "name": cohort.name,
        "starts_on": cohort.starts_on,
        "ends_on": cohort.ends_on,
        "facilitators": list(cohort.facilitators.all()),
    }
    form = CohortForm(
        request.POST or None, initial=initial, institute=cohort.institute, with_course=False
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.cohort_update(cohort=cohort, by=request.user, **form.cohort_fields())
        except ValidationError as exc:
            _report(exc, form)
        else:
            messages.success(request, _("The cohort has been saved."))
            return redirect(cohort)
    return render(
        request,
        "courses/cohort_form.html",
        {"form": form, "institute": cohort.institute, "cohort": cohort},
        status=400 if form.errors else 200,
    )


# --- The facilitators' dashboard ------------------------------------------------------------


class _LearnerPaginator(Paginator):
    """Pages of the learner table, told how many learners there are (the cohort's figures
    counted them: no COUNT query). The database sorts and slices the learners' ids, then
    reads the page's rows with their user and certificate: sorting a large cohort's narrow
    rows, not its wide ones, takes half the time."""

    def __init__(self, object_list, per_page, *, count):
        super().__init__(object_list, per_page)
        self.count = count  # instead of the cached property

    def page(self, number):
        page = super().page(number)
        page.object_list = self.object_list.filter(pk__in=page.object_list.values("pk"))
        return page


def _learners_page(request, cohort, *, course_map, enrolled, now):
    """The page of the learner table asked for (``?sort=…&page=…``), with the best quiz scores
    of its learners only."""
    sort = analytics.learner_sort(request.GET.get("sort"))
    paginator = _LearnerPaginator(
        analytics.cohort_learners_queryset(cohort, sort), LEARNERS_PER_PAGE, count=enrolled
    )
    page = paginator.get_page(request.GET.get("page"))
    enrollments = list(page.object_list)
    rows = analytics.learner_rows(
        enrollments,
        cohort=cohort,
        course_map=course_map,
        scores=analytics.best_scores(cohort, enrollments),
        now=now,
    )
    return sort, page, rows


def _sort_links(sort):
    """Per sortable column, the sort its heading links to (the column's natural order, or the
    reverse when the table is already sorted by it) and the table's aria-sort for it."""
    natural = {"name": "name", "progress": "-progress", "activity": "-activity"}
    links = {}
    for column, first in natural.items():
        if sort.lstrip("-") == column:
            links[column] = {
                "sort": sort[1:] if sort.startswith("-") else f"-{sort}",
                "aria": "descending" if sort.startswith("-") else "ascending",
            }
        else:
            links[column] = {"sort": first, "aria": ""}
    return links


def _dashboard(request, cohort, *, invite_form=None, status=200):
    now = timezone.now()
    course_map = analytics.course_map(cohort)
    overview = analytics.cohort_overview(cohort, course_map=course_map, now=now)
    sort, page, rows = _learners_page(
        request, cohort, course_map=course_map, enrolled=overview["counts"]["enrolled"], now=now
    )
    context = {
        "cohort": cohort,
        "course": course_map.course,
        "course_map": course_map,
        "overview": overview,
        "page": page,
        "rows": rows,
        "sort": sort,
        "sort_query": "" if sort == analytics.DEFAULT_SORT else urlencode({"sort": sort}),
        "sort_links": _sort_links(sort),
        "invitations": list(
            CohortInvitation.objects.filter(cohort=cohort, accepted_at__isnull=True)
            .select_related("invited_by")
            .order_by("email")
        ),
        "invite_form": invite_form or InviteForm(),
        "can_edit": permissions.can_run_cohorts(request.user, cohort.institute),
    }
    return render(request, "courses/cohort_detail.html", context, status=status)


def _back_to_learners(request, cohort):
    """The dashboard at the page of the learner table the form was sent from."""
    query = {}
    sort = analytics.learner_sort(request.GET.get("sort"))
    if sort != analytics.DEFAULT_SORT:
        query["sort"] = sort
    page = request.GET.get("page", "")
    if page.isdigit() and int(page) > 1:
        query["page"] = int(page)
    return f"{cohort.get_absolute_url()}{'?' + urlencode(query) if query else ''}#learners"


@login_required
def cohort_detail(request, cohort_id):
    cohort = _facilitated(request, cohort_id)
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "revoke":
                invitation = get_object_or_404(
                    CohortInvitation, pk=_id_or_404(request.POST.get("invitation")), cohort=cohort
                )
                services.cohort_invitation_revoke(invitation=invitation, by=request.user)
                messages.success(
                    request,
                    _("The invitation to %(email)s has been withdrawn.")
                    % {"email": invitation.email},
                )
            elif action == "remove":
                enrollment = get_object_or_404(
                    Enrollment.objects.select_related("user"),
                    pk=_id_or_404(request.POST.get("enrollment")),
                    cohort=cohort,
                )
                services.cohort_remove_learner(
                    cohort=cohort, enrollment=enrollment, by=request.user
                )
                messages.success(
                    request,
                    _("%(name)s is no longer in this cohort (still enrolled in the course).")
                    % {"name": enrollment.user.name},
                )
            else:
                return HttpResponse(status=400)
        except ValidationError as exc:
            for text in _error_messages(exc):
                messages.error(request, text)
        if action == "remove":
            return redirect(_back_to_learners(request, cohort))
        return redirect(cohort)
    return _dashboard(request, cohort)


@login_required
@require_POST
def cohort_invite(request, cohort_id):
    cohort = _facilitated(request, cohort_id)
    form = InviteForm(request.POST)
    if form.is_valid():
        try:
            report = services.cohort_invite(
                cohort=cohort, emails=form.cleaned_data["emails"], by=request.user, request=request
            )
        except ValidationError as exc:
            _report(exc, form)
        else:
            _invitation_messages(request, report)
            return redirect(f"{cohort.get_absolute_url()}#invite")
    # Shown again with the addresses as typed and what is wrong with them.
    return _dashboard(request, cohort, invite_form=form, status=400)


def _invitation_messages(request, report):
    if report.invited:
        messages.success(
            request,
            translation.ngettext(
                "%(count)s invitation sent.", "%(count)s invitations sent.", len(report.invited)
            )
            % {"count": len(report.invited)},
        )
    if report.already_invited:
        messages.info(
            request,
            _("Already invited, not sent again: %(addresses)s.")
            % {"addresses": ", ".join(report.already_invited)},
        )
    if report.already_enrolled:
        messages.info(
            request,
            _("Already in the cohort: %(addresses)s.")
            % {"addresses": ", ".join(report.already_enrolled)},
        )


# --- Exports --------------------------------------------------------------------------------

# A spreadsheet runs a cell that starts with one of these as a formula.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def csv_safe(value):
    """A cell a spreadsheet shows as text: a value that would start a formula is prefixed with
    an apostrophe (OWASP's advice against CSV injection)."""
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def _filename(cohort, extension):
    return f"{slugify(cohort.name) or 'cohort'}-{cohort.pk}.{extension}"


def _iso(moment):
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M") if moment else ""


def _csv_text(rows):
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    return buffer.getvalue()


def _csv_chunk(cohort, course_map, after, language):
    """The next chunk of the learner table as CSV lines, and the last learner in it (``None``
    after the last chunk): two queries, the learners and their best scores."""
    with translation.override(language):
        enrollments = analytics.cohort_learners_after(cohort, after, size=LEARNERS_PER_CHUNK)
        rows = analytics.learner_rows(
            enrollments,
            cohort=cohort,
            course_map=course_map,
            scores=analytics.best_scores(cohort, enrollments),
        )
        text = _csv_text(
            [
                csv_safe(value)
                for value in (
                    row.name,
                    row.email,
                    row.status,
                    _iso(row.enrolled_at),
                    row.percent,
                    row.lessons_completed,
                    row.seconds_spent // 60,
                    _iso(row.last_activity_at),
                    _iso(row.completed_at),
                    *row.scores,
                    row.certificate_code,
                )
            ]
            for row in rows
        )
    last = enrollments[-1] if len(enrollments) == LEARNERS_PER_CHUNK else None
    return text, last


def _csv_sync(cohort, course_map, header, language):
    yield header
    after = None
    while True:
        text, after = _csv_chunk(cohort, course_map, after, language)
        yield text
        if after is None:
            return


async def _csv_async(cohort, course_map, header, language):
    yield header
    after = None
    while True:
        text, after = await sync_to_async(_csv_chunk)(cohort, course_map, after, language)
        yield text
        if after is None:
            return


@login_required
def cohort_csv(request, cohort_id):
    """The learner table as CSV, for Excel (UTF-8 with a byte order mark) and anything else:
    every learner, in the order of names, streamed in chunks read one after the other (by
    keyset), so that a large cohort is never held in memory at once."""
    cohort = _facilitated(request, cohort_id)
    course_map = analytics.course_map(cohort)
    header = "\ufeff" + _csv_text(
        [
            [
                _("Name"),
                _("Email"),
                _("Status"),
                _("Enrolled"),
                _("Complete (%)"),
                _("Lessons done"),
                _("Time spent (minutes)"),
                _("Last activity"),
                _("Completed"),
                *[
                    _("Best score (%%): %(quiz)s") % {"quiz": quiz.title}
                    for quiz in course_map.quizzes
                ],
                _("Certificate"),
            ]
        ]
    )
    language = translation.get_language()
    # As for the statements: an async iterator under ASGI, a sync one under WSGI.
    stream = (
        _csv_async(cohort, course_map, header, language)
        if isinstance(request, ASGIRequest)
        else _csv_sync(cohort, course_map, header, language)
    )
    response = StreamingHttpResponse(stream, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=_filename(cohort, "csv")
    )
    return response


def _statements_after(cohort, after):
    """The next chunk of the cohort's statements in (timestamp, id) order: keyset pagination
    keeps every chunk an index range scan, however far into the record."""
    rows = LearningStatement.objects.filter(cohort=cohort)
    if after is not None:
        timestamp, pk = after
        rows = rows.filter(Q(timestamp__gt=timestamp) | Q(timestamp=timestamp, pk__gt=pk))
    return list(
        rows.order_by("timestamp", "pk").values_list("timestamp", "pk", "statement")[
            :STATEMENTS_PER_CHUNK
        ]
    )


def _json_chunks(chunk, first):
    parts = []
    for index, (_timestamp, _pk, statement) in enumerate(chunk):
        separator = "" if first and index == 0 else ","
        parts.append(separator + json.dumps(statement, ensure_ascii=False))
    return "".join(parts)


def _statements_sync(cohort):
    yield '{"statements":['
    after, first = None, True
    while chunk := _statements_after(cohort, after):
        yield _json_chunks(chunk, first)
        first = False
        after = chunk[-1][:2]
    yield "]}"


async def _statements_async(cohort):
    yield '{"statements":['
    after, first = None, True
    while chunk := await sync_to_async(_statements_after)(cohort, after):
        yield _json_chunks(chunk, first)
        first = False
        after = chunk[-1][:2]
    yield "]}"


@login_required
def cohort_statements(request, cohort_id):
    """The cohort's learning record as xAPI statements (``{"statements": [...]}``), streamed
    in chunks so a large cohort's record is never held in memory at once."""
    cohort = _facilitated(request, cohort_id)
    # Under ASGI the response is streamed from an async iterator (a sync one would be read
    # whole first); under WSGI from a sync one.
    stream = (
        _statements_async(cohort) if isinstance(request, ASGIRequest) else _statements_sync(cohort)
    )
    response = StreamingHttpResponse(stream, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=_filename(cohort, "statements.json")
    )
    return response


# --- The invitation a learner receives ------------------------------------------------------


def cohort_invitation(request, token):
    invitation = get_object_or_404(
        CohortInvitation.objects.select_related(
            "cohort__course", "cohort__institute", "invited_by"
        ),
        token=token,
    )
    cohort = invitation.cohort
    course = services.course_for_language(cohort, translation.get_language())
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect(f"{reverse('account_login')}?next={request.path}")
        try:
            services.cohort_invitation_accept(invitation=invitation, user=request.user)
        except (ValidationError, PermissionDenied) as exc:
            for text in _error_messages(exc):
                messages.error(request, text)
        else:
            messages.success(
                request,
                _("Welcome to %(cohort)s! You are enrolled in %(course)s.")
                % {"cohort": cohort.name, "course": course.title},
            )
            return redirect(course.get_url(request))
    email_matches = None
    if request.user.is_authenticated:
        email_matches = request.user.emailaddress_set.filter(
            email__iexact=invitation.email, verified=True
        ).exists()
    context = {
        "invitation": invitation,
        "cohort": cohort,
        "course": course,
        "email_matches": email_matches,
        "accepted_by_me": invitation.accepted_at is not None
        and invitation.accepted_by_id == getattr(request.user, "pk", None),
    }
    return render(request, "courses/cohort_invitation.html", context)
