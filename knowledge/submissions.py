"""A practitioner's guided case-study submission on the site, and where their submissions stand.

Five steps, each saving a draft revision of the page (so closing the browser loses nothing);
the last sends the draft into Wagtail's moderation workflow, where editors approve it, or ask
for changes and the practitioner edits and submits again. Every page works without JavaScript:
"add another building block" is a submit button, the summary's limit is its ``maxlength``.
The rules themselves live in ``knowledge.services``.
"""

import json
from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from wagtail.models import Page

from people import permissions

from . import services
from .forms import (
    BasicsForm,
    BuildingBlockForm,
    BuildingBlockFormSet,
    ContextForm,
    PlaceForm,
    ReviewForm,
    StoryForm,
)
from .models import Country

BLOCKS_PREFIX = "blocks"


@dataclass(frozen=True)
class Step:
    number: int
    title: Promise
    form_class: type
    template: str
    fields: tuple


STEPS = (
    Step(
        1,
        gettext_lazy("The story in brief"),
        BasicsForm,
        "knowledge/submit/step.html",
        ("title", "summary", "kind", "original_language", "partnerships"),
    ),
    Step(
        2,
        gettext_lazy("Place"),
        PlaceForm,
        "knowledge/submit/step.html",
        ("countries", "region", "latitude", "longitude", "boundary", "scale", "area_type"),
    ),
    Step(
        3,
        gettext_lazy("Context"),
        ContextForm,
        "knowledge/submit/step.html",
        (
            "themes",
            "ecosystems",
            "land_uses",
            "sdgs",
            "ilm_elements",
            "benefits",
            "zones",
            "challenges",
            "beneficiaries",
        ),
    ),
    Step(
        4,
        gettext_lazy("Story"),
        StoryForm,
        "knowledge/submit/story.html",
        ("problem", "process", "building_blocks", "outcomes", "lessons_learned"),
    ),
    Step(5, gettext_lazy("Review and submit"), ReviewForm, "knowledge/submit/review.html", ()),
)
STEP_OF_FIELD = {name: step for step in STEPS for name in step.fields}


def _step_url(page, number):
    if page is None:
        return reverse("knowledge:submit")
    return f"{reverse('knowledge:submit_edit', args=[page.pk])}?step={number}"


def _anchor(name):
    """Where an error about a field points: the field itself, or a group's first option."""
    if name == "building_blocks":
        return "building-blocks"
    step = STEP_OF_FIELD.get(name)
    field = step.form_class.base_fields.get(name) if step else None
    if field is not None and field.widget.use_fieldset:
        return f"id_{name}_0"
    return f"id_{name}"


def _field_link(page, name, text):
    step = STEP_OF_FIELD.get(name)
    if step is None:
        return {"href": "", "text": text}
    return {"href": f"{_step_url(page, step.number)}#{_anchor(name)}", "text": text}


def _add_errors(form, exc):
    """A service's ValidationError, shown next to the fields it names (or at the top)."""
    if hasattr(exc, "error_dict"):
        for name, errors in exc.error_dict.items():
            for error in errors:
                form.add_error(name if name in form.fields else None, error)
    else:
        form.add_error(None, exc)


# --- What the form shows of a draft ---------------------------------------------------------


def _pks(related):
    return [item.pk for item in related.all()]


def _initial(step, draft):
    if draft is None:
        return {}
    initial = {}
    for name in step.fields:
        if name in services.M2M_FIELDS:
            initial[name] = _pks(getattr(draft, name))
        elif name in services.RICH_TEXT_FIELDS:
            initial[name] = services.richtext_to_plain(getattr(draft, name))
        elif name == "boundary":
            initial[name] = json.dumps(draft.boundary) if draft.boundary else ""
        elif name != "building_blocks":
            initial[name] = getattr(draft, name)
    if step.number == 2 and not initial["countries"] and initial["latitude"] is None:
        initial.update(_place_of_partnerships(draft))
    if step.number == 5:
        initial["licence"] = draft.licence
    return initial


def _place_of_partnerships(draft):
    """A first guess at the place: where the linked partnerships are."""
    partnerships = list(draft.partnerships.all())
    codes = {str(code) for p in partnerships for code in p.countries}
    guess = {"countries": list(Country.objects.filter(pk__in=codes).values_list("pk", flat=True))}
    for partnership in partnerships:
        if partnership.region and not guess.get("region"):
            guess["region"] = partnership.region
        if partnership.location and "latitude" not in guess:
            guess["latitude"], guess["longitude"] = partnership.latitude, partnership.longitude
    return guess


def _block_initial(draft):
    if draft is None:
        return []
    blocks = []
    for block in draft.building_blocks:
        value = block.value
        blocks.append(
            {
                "title": value.get("title") or "",
                **{
                    name: services.richtext_to_plain(getattr(value.get(name), "source", ""))
                    for name in services.BLOCK_TEXT_FIELDS
                },
            }
        )
    return blocks


def _form(step, user, data=None, files=None, initial=None):
    kwargs = {"user": user} if step.form_class is BasicsForm else {}
    return step.form_class(data, files, initial=initial, **kwargs)


def _with_another_block(form, formset):
    """The story step again, as typed, with one more empty building block. Nothing is checked
    or saved yet: errors about a half-written step would only be in the way."""
    story = StoryForm(initial={name: form[name].data for name in form.fields})
    blocks = []
    for block in formset.forms:
        if block["DELETE"].data:
            continue
        values = {name: block[name].data or "" for name in BuildingBlockForm.base_fields}
        if any(value.strip() for value in values.values()):
            blocks.append(values)
    more = BuildingBlockFormSet(initial=blocks, prefix=BLOCKS_PREFIX)
    more.extra = 1
    more.forms[-1].fields["title"].widget.attrs["autofocus"] = True
    return story, more


def _names(related):
    return [str(item.label) for item in related.all()]


def _summary(draft, page):
    """Everything the draft holds, step by step, for the review page."""
    missing = services.case_study_missing(draft)

    def row(name, label, value, rich=False):
        entries = value if isinstance(value, list) else []
        value = "" if isinstance(value, list) else value
        return {
            "label": label,
            "value": value,
            "entries": entries,
            "rich": rich,
            "missing": missing.get(name),
        }

    point = ""
    if draft.latitude is not None and draft.longitude is not None:
        point = f"{draft.latitude}, {draft.longitude}"
    boundary = ""
    if draft.boundary:
        boundary = (
            _("Given (%(area)s ha)") % {"area": draft.area_ha} if draft.area_ha else _("Given")
        )
    rows = {
        1: [
            row("title", _("Title"), draft.title),
            row("summary", _("Summary"), draft.summary),
            row("kind", _("Type"), draft.get_kind_display()),
            row("original_language", _("Language"), draft.get_original_language_display()),
            row("partnerships", _("Partnerships"), [p.name for p in draft.partnerships.all()]),
        ],
        2: [
            row("countries", _("Countries"), _names(draft.countries)),
            row("region", _("Region"), draft.get_region_display() if draft.region else ""),
            row("latitude", _("Point"), point),
            row("boundary", _("Boundary"), boundary),
            row("scale", _("Scale"), draft.get_scale_display() if draft.scale else ""),
            row(
                "area_type",
                _("Area type"),
                draft.get_area_type_display() if draft.area_type else "",
            ),
        ],
        3: [
            row("themes", _("Themes"), _names(draft.themes)),
            row("ecosystems", _("Ecosystems"), [str(e) for e in draft.ecosystems.all()]),
            row("land_uses", _("Land uses"), _names(draft.land_uses)),
            row("sdgs", _("SDGs"), [str(s) for s in draft.sdgs.all()]),
            row("ilm_elements", _("ILM elements"), _names(draft.ilm_elements)),
            row("benefits", _("Benefits"), [str(b) for b in draft.benefit_labels()]),
            row("zones", _("Zones"), [str(z) for z in draft.zone_labels()]),
            row("challenges", _("Challenges addressed"), draft.challenges, rich=True),
            row("beneficiaries", _("Beneficiaries"), draft.beneficiaries, rich=True),
        ],
        4: [
            row("problem", _("Problem"), draft.problem, rich=True),
            row("process", _("Process"), draft.process, rich=True),
            row(
                "building_blocks",
                _("Building blocks"),
                [block.value.get("title") for block in draft.building_blocks],
            ),
            row("outcomes", _("Outcomes"), draft.outcomes, rich=True),
            row("lessons_learned", _("Lessons learned"), draft.lessons_learned, rich=True),
        ],
    }
    sections = [
        {"step": step, "url": _step_url(page, step.number), "rows": rows[step.number]}
        for step in STEPS[:-1]
    ]
    missing_links = [_field_link(page, name, text) for name, text in missing.items()]
    return sections, missing_links


# --- Views --------------------------------------------------------------------------------


def _forbidden(request):
    return render(request, "knowledge/submit/forbidden.html", status=403)


def _not_editable_message(submission):
    title = submission.page.title
    if submission.state == services.State.IN_REVIEW:
        return _(
            "“%(title)s” is with the editors. You can change it again if they ask for changes."
        ) % {"title": title}
    if submission.state == services.State.SCHEDULED:
        return _(
            "“%(title)s” is approved and will be published soon. To change it, please contact "
            "the editors."
        ) % {"title": title}
    return _("“%(title)s” is published. To change it, please contact the editors.") % {
        "title": title
    }


def _current_step(request, page):
    try:
        number = int(request.GET.get("step", 1))
    except (TypeError, ValueError):
        number = 1
    if page is None or not 1 <= number <= len(STEPS):
        number = 1
    return STEPS[number - 1]


@login_required
def submit(request, page_id=None):
    user = request.user
    if not permissions.is_practitioner(user):
        return _forbidden(request)
    page = draft = submission = None
    if page_id is not None:
        page = get_object_or_404(services.case_study_owned(user=user), pk=page_id)
        submission = services.case_study_state(page)
        if not submission.editable:
            messages.info(request, _not_editable_message(submission))
            return redirect("knowledge:my_submissions")
        draft = page.get_latest_revision_as_object()
    step = _current_step(request, page)
    context = {"case_study": page, "draft": draft, "submission": submission, "step": step}

    if step.number == len(STEPS):
        return _review(request, context)

    formset = None
    if request.method != "POST":
        form = _form(step, user, initial=_initial(step, draft))
        if step.number == 4:
            formset = BuildingBlockFormSet(initial=_block_initial(draft), prefix=BLOCKS_PREFIX)
        return _render(request, context, form, formset)

    form = _form(step, user, request.POST, request.FILES)
    if step.number == 4:
        formset = BuildingBlockFormSet(request.POST, prefix=BLOCKS_PREFIX)
        if request.POST.get("action") == "add_block":
            form, formset = _with_another_block(form, formset)
            return _render(request, context, form, formset)
    valid = form.is_valid()
    valid = (formset is None or formset.is_valid()) and valid
    if valid:
        fields = {name: form.cleaned_data[name] for name in step.fields if name in form.fields}
        if formset is not None:
            fields["building_blocks"] = formset.blocks()
        try:
            page = services.case_study_save_draft(user=user, page=page, fields=fields)
        except PermissionDenied as exc:
            messages.error(request, str(exc))
            return redirect("knowledge:my_submissions")
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            if request.POST.get("action") == "save":
                messages.success(
                    request,
                    _("Your draft is saved. Continue it whenever you like from this page."),
                )
                return redirect("knowledge:my_submissions")
            return redirect(_step_url(page, step.number + 1))
    return _render(request, context, form, formset)


def _review(request, context):
    page, draft = context["case_study"], context["draft"]
    extra_errors = []
    if request.method == "POST":
        form = ReviewForm(request.POST)
        if form.is_valid():
            try:
                services.case_study_submit(
                    user=request.user, page=page, licence=form.cleaned_data["licence"]
                )
            except PermissionDenied as exc:
                messages.error(request, str(exc))
                return redirect("knowledge:my_submissions")
            except ValidationError as exc:
                if hasattr(exc, "error_dict"):
                    extra_errors = [
                        _field_link(page, name, " ".join(ValidationError(errors).messages))
                        for name, errors in exc.error_dict.items()
                    ]
                else:
                    form.add_error(None, exc)
            else:
                messages.success(
                    request,
                    _(
                        "Thank you! “%(title)s” is with the editors now. We will email you "
                        "when they have reviewed it."
                    )
                    % {"title": draft.title},
                )
                return redirect("knowledge:my_submissions")
    else:
        form = ReviewForm(initial=_initial(context["step"], draft))
    sections, missing_links = _summary(draft, page)
    context.update(sections=sections, missing=missing_links)
    return _render(request, context, form, None, extra_errors=extra_errors)


def _render(request, context, form, formset, extra_errors=()):
    page, step = context["case_study"], context["step"]
    errors = list(extra_errors)
    if form.is_bound:
        errors += form.error_links()
    if formset is not None and formset.is_bound:
        errors += formset.error_links()
    steps = [
        {
            "number": s.number,
            "title": s.title,
            "url": _step_url(page, s.number) if page is not None else "",
            "current": s == step,
        }
        for s in STEPS
    ]
    context.update(
        form=form,
        formset=formset,
        errors=errors,
        steps=steps,
        step_count=len(STEPS),
        action_url=_step_url(page, step.number)
        if page is not None
        else reverse("knowledge:submit"),
        back_url=_step_url(page, step.number - 1) if page is not None and step.number > 1 else "",
        drafts_left=services.case_study_drafts_left(user=request.user) if page is None else None,
    )
    return render(request, step.template, context)


@login_required
def my_submissions(request):
    submissions = services.case_study_submissions(user=request.user)
    _public_urls(request, submissions)
    return render(
        request,
        "knowledge/my_submissions.html",
        {
            "submissions": submissions,
            "can_submit": permissions.is_practitioner(request.user),
            "State": services.State,
        },
    )


def _public_urls(request, submissions):
    """Each published submission's address in the reader's language (its translation or
    alias there), in one query for them all."""
    published = [s for s in submissions if s.state == services.State.PUBLISHED]
    if not published:
        return
    localized = {
        p.translation_key: p
        for p in Page.objects.live()
        .filter(
            translation_key__in=[s.page.translation_key for s in published],
            locale__language_code=get_language(),
        )
        .select_related("locale")
    }
    for submission in published:
        target = localized.get(submission.page.translation_key, submission.page)
        submission.url = target.get_url(request)
