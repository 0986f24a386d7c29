from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.i18n import set_language as django_set_language

from . import permissions, selectors, services
from .forms import (
    InvitationForm,
    JoinRequestForm,
    PartnershipFilterForm,
    PartnershipForm,
    PeopleFilterForm,
    ProfileForm,
    RoleForm,
    StaffForm,
    StaffRoleForm,
)
from .models import (
    InstituteStaff,
    Invitation,
    JoinRequest,
    Membership,
    Partnership,
    TrainingInstitute,
    User,
)

PAGE_SIZE = 24


def _page(request, queryset):
    return Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))


def _filters_querystring(form):
    """The current filters, to keep them in pagination links."""
    if not form.is_bound or not form.is_valid():
        return ""
    return urlencode({k: v for k, v in form.cleaned_data.items() if v})


def _id_or_404(value):
    """A primary key from a form, or 404 (never a server error on a tampered form)."""
    try:
        return int(value)
    except (TypeError, ValueError) as exc:
        raise Http404 from exc


def _report(request, exc, form=None):
    """Show a service's ValidationError: field errors on the form that was sent (so what was
    typed stays), anything else as a message."""
    if form is not None and hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            for error in errors:
                form.add_error(field if field in form.fields else None, error)
    else:
        for text in _error_messages(exc):
            messages.error(request, text)


def _error_messages(exc):
    return exc.messages if hasattr(exc, "messages") else [str(exc)]


@require_POST
def set_language(request):
    """Django's language switch, remembered on the profile of a signed-in person."""
    response = django_set_language(request)
    language = request.POST.get("language")
    if request.user.is_authenticated and language in dict(settings.LANGUAGES):
        services.user_set_language(user=request.user, language=language)
    return response


# --- People --------------------------------------------------------------------------------


def directory(request):
    form = PeopleFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_bound and form.is_valid() else {}
    people = selectors.people_directory(**{k: v for k, v in filters.items() if v})
    return render(
        request,
        "people/directory.html",
        {"form": form, "page": _page(request, people), "query": _filters_querystring(form)},
    )


def profile(request, username):
    person = get_object_or_404(User, username=username)
    if not permissions.can_view_profile(request.user, person):
        raise Http404
    context = {
        "person": person,
        "can_edit": permissions.can_edit_profile(request.user, person),
        "roles": sorted(permissions.roles_of(person), key=lambda r: r.label),
        **selectors.profile_memberships(user=person),
    }
    return render(request, "people/profile.html", context)


@login_required
def me(request):
    return redirect(request.user.get_absolute_url())


@login_required
def profile_edit(request):
    # The form works on its own copy: a rejected form must not change the signed-in person
    # shown in the page header.
    user = User.objects.get(pk=request.user.pk)
    if request.method == "POST":
        form = ProfileForm(request.POST, request.FILES, instance=user)
        if form.is_valid():
            services.profile_update(user=user, **form.profile_fields())
            messages.success(request, _("Your profile has been saved."))
            return redirect(user.get_absolute_url())
        messages.error(request, _("Please correct the errors below. Nothing has been saved yet."))
    else:
        form = ProfileForm(instance=user)
    return render(request, "people/profile_edit.html", {"form": form})


# --- Partnerships --------------------------------------------------------------------------


def partnerships(request):
    form = PartnershipFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_bound and form.is_valid() else {}
    results = selectors.partnership_directory(**{k: v for k, v in filters.items() if v})
    return render(
        request,
        "people/partnerships.html",
        {
            "form": form,
            "page": _page(request, results),
            "query": _filters_querystring(form),
            "can_create": permissions.can_create_partnership(request.user),
        },
    )


def partnership(request, slug):
    return _partnership_page(request, get_object_or_404(Partnership, slug=slug))


def _partnership_page(request, partnership, join_form=None, status=200):
    membership = permissions.membership_of(request.user, partnership)
    pending = None
    if membership is None:
        pending = selectors.pending_request(partnership=partnership, user=request.user)
    context = {
        "partnership": partnership,
        "members": selectors.partnership_members(partnership=partnership),
        "membership": membership,
        "pending_request": pending,
        "can_manage": permissions.can_manage_partnership(request.user, partnership),
        "can_join": permissions.can_join_partnership(request.user, partnership),
        "can_request": permissions.can_request_to_join(request.user, partnership),
        "join_form": join_form or JoinRequestForm(),
    }
    return render(request, "people/partnership.html", context, status=status)


@login_required
def partnership_create(request):
    if not permissions.can_create_partnership(request.user):
        raise PermissionDenied(_("Only practitioners and editors can create a partnership."))
    form = PartnershipForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            created = services.partnership_create(creator=request.user, **form.model_fields())
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The partnership has been created. You are its manager."))
            return redirect(created)
    return render(request, "people/partnership_form.html", {"form": form, "partnership": None})


@login_required
def partnership_edit(request, slug):
    partnership = get_object_or_404(Partnership, slug=slug)
    if not permissions.can_manage_partnership(request.user, partnership):
        raise PermissionDenied(_("Only the partnership's managers can edit it."))
    # The form edits its own copy, so a rejected form leaves the page heading as saved.
    editing = Partnership.objects.get(pk=partnership.pk)
    form = PartnershipForm(request.POST or None, request.FILES or None, instance=editing)
    if request.method == "POST" and form.is_valid():
        try:
            services.partnership_update(partnership=editing, by=request.user, **form.model_fields())
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The partnership has been saved."))
            return redirect(editing)
    return render(
        request, "people/partnership_form.html", {"form": form, "partnership": partnership}
    )


@login_required
@require_POST
def partnership_join(request, slug):
    partnership = get_object_or_404(Partnership, slug=slug)
    form = JoinRequestForm(request.POST)
    if not form.is_valid():
        # Shown again with the message as typed and the reason beside it.
        return _partnership_page(request, partnership, join_form=form, status=400)
    message = form.cleaned_data["message"]
    try:
        result = services.partnership_join(
            partnership=partnership, user=request.user, message=message
        )
    except (ValidationError, PermissionDenied) as exc:
        for text in _error_messages(exc):
            messages.error(request, text)
    else:
        if isinstance(result, Membership):
            messages.success(request, _("Welcome to %(name)s!") % {"name": partnership.name})
        else:
            messages.success(
                request,
                _("Your request has been sent to the managers of %(name)s.")
                % {"name": partnership.name},
            )
    return redirect(partnership)


@login_required
@require_POST
def partnership_leave(request, slug):
    partnership = get_object_or_404(Partnership, slug=slug)
    membership = get_object_or_404(Membership, partnership=partnership, user=request.user)
    try:
        services.membership_remove(membership=membership, by=request.user)
    except ValidationError as exc:
        for text in exc.messages:
            messages.error(request, text)
    else:
        messages.success(request, _("You have left %(name)s.") % {"name": partnership.name})
    return redirect(partnership)


@login_required
def partnership_members(request, slug):
    """The managers' page: requests, invitations, roles."""
    partnership = get_object_or_404(Partnership, slug=slug)
    if not permissions.can_manage_partnership(request.user, partnership):
        raise PermissionDenied(_("Only the partnership's managers can manage its members."))
    invite_form = InvitationForm()
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "invite":
                invite_form = InvitationForm(request.POST)
                if invite_form.is_valid():
                    services.invitation_create(
                        partnership=partnership,
                        email=invite_form.cleaned_data["email"],
                        role=invite_form.cleaned_data["role"],
                        by=request.user,
                        request=request,
                    )
                    messages.success(
                        request,
                        _("An invitation has been sent to %(email)s.")
                        % {"email": invite_form.cleaned_data["email"]},
                    )
                    return redirect("people:partnership_members", slug=slug)
            elif action in {"approve", "decline"}:
                join_request = get_object_or_404(
                    JoinRequest, pk=_id_or_404(request.POST.get("request")), partnership=partnership
                )
                services.join_request_decide(
                    join_request=join_request, by=request.user, approve=action == "approve"
                )
                messages.success(request, _("The request has been answered."))
                return redirect("people:partnership_members", slug=slug)
            elif action in {"role", "remove"}:
                membership = get_object_or_404(
                    Membership,
                    pk=_id_or_404(request.POST.get("membership")),
                    partnership=partnership,
                )
                if action == "remove":
                    services.membership_remove(membership=membership, by=request.user)
                    messages.success(request, _("The member has been removed."))
                else:
                    role_form = RoleForm(request.POST)
                    if role_form.is_valid():
                        services.membership_set_role(
                            membership=membership,
                            role=role_form.cleaned_data["role"],
                            by=request.user,
                        )
                        messages.success(request, _("The role has been changed."))
                    else:
                        messages.error(request, _("Choose a role from the list."))
                return redirect("people:partnership_members", slug=slug)
            elif action == "revoke":
                invitation = get_object_or_404(
                    Invitation,
                    pk=_id_or_404(request.POST.get("invitation")),
                    partnership=partnership,
                )
                services.invitation_revoke(invitation=invitation, by=request.user)
                messages.success(request, _("The invitation has been withdrawn."))
                return redirect("people:partnership_members", slug=slug)
        except ValidationError as exc:
            _report(request, exc, invite_form if action == "invite" else None)
    context = {
        "partnership": partnership,
        "members": selectors.partnership_members(partnership=partnership),
        "requests": selectors.pending_requests(partnership=partnership),
        "invitations": selectors.open_invitations(partnership=partnership),
        "invite_form": invite_form,
        "roles": Membership.Role.choices,
    }
    return render(request, "people/partnership_members.html", context)


def invitation(request, token):
    invitation = get_object_or_404(
        Invitation.objects.select_related("partnership", "invited_by"), token=token
    )
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect(f"{reverse('account_login')}?next={request.path}")
        try:
            services.invitation_accept(invitation=invitation, user=request.user)
        except (ValidationError, PermissionDenied) as exc:
            for text in _error_messages(exc):
                messages.error(request, text)
        else:
            messages.success(
                request, _("Welcome to %(name)s!") % {"name": invitation.partnership.name}
            )
            return redirect(invitation.partnership)
    return render(request, "people/invitation.html", {"invitation": invitation})


# --- Training institutes -------------------------------------------------------------------


def institutes(request):
    return render(
        request,
        "people/institutes.html",
        {"page": _page(request, selectors.institute_directory())},
    )


def institute(request, slug):
    try:
        found = selectors.institute_detail(slug=slug)
    except TrainingInstitute.DoesNotExist as exc:
        raise Http404 from exc
    return render(
        request,
        "people/institute.html",
        {
            "institute": found,
            "can_manage": permissions.can_manage_institute(request.user, found),
        },
    )


@login_required
def institute_staff(request, slug):
    """The institute administrators' page: add staff, change roles, remove."""
    institute = get_object_or_404(TrainingInstitute, slug=slug)
    if not permissions.can_manage_institute(request.user, institute):
        raise PermissionDenied(_("Only the institute's administrators can change its staff."))
    add_form = StaffForm()
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "add":
                add_form = StaffForm(request.POST)
                if add_form.is_valid():
                    services.institute_staff_add(
                        institute=institute,
                        email=add_form.cleaned_data["email"],
                        role=add_form.cleaned_data["role"],
                        by=request.user,
                    )
                    messages.success(request, _("The staff member has been added."))
                    return redirect("people:institute_staff", slug=slug)
            elif action in {"role", "remove"}:
                staff = get_object_or_404(
                    InstituteStaff, pk=_id_or_404(request.POST.get("staff")), institute=institute
                )
                if action == "remove":
                    services.institute_staff_remove(staff=staff, by=request.user)
                    messages.success(request, _("The staff member has been removed."))
                else:
                    role_form = StaffRoleForm(request.POST)
                    if not role_form.is_valid():
                        messages.error(request, _("Choose a role from the list."))
                    else:
                        services.institute_staff_set_role(
                            staff=staff, role=role_form.cleaned_data["role"], by=request.user
                        )
                        messages.success(request, _("The role has been changed."))
                return redirect("people:institute_staff", slug=slug)
        except ValidationError as exc:
            _report(request, exc, add_form if action == "add" else None)
    context = {
        "institute": institute,
        "staff": selectors.institute_staff(institute=institute),
        "add_form": add_form,
        "roles": InstituteStaff.Role.choices,
    }
    return render(request, "people/institute_staff.html", context)
