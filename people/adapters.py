from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.utils import user_username
from django.conf import settings
from django.urls import translate_url
from django.utils import translation
from django.utils.text import slugify


def unique_handle(display_name):
    """A free handle from a display name, in the name's own script ("سلمى-الحسن", "王小明"),
    never a reserved word ("admin" becomes "admin-2")."""
    from .models import User

    base = slugify(display_name or "", allow_unicode=True)[:24].strip("-") or "member"
    reserved = {name.lower() for name in settings.ACCOUNT_USERNAME_BLACKLIST}
    candidate, number = base, 1
    while candidate.lower() in reserved or User.objects.filter(username__iexact=candidate):
        number += 1
        candidate = f"{base}-{number}"
    return candidate


class AccountAdapter(DefaultAccountAdapter):
    """Public handles that never reveal an email address, and the interface language a person
    chose brought back on any device."""

    def save_user(self, request, user, form, commit=True):
        # Set before allauth populates the username, which is built from the display name.
        user.display_name = form.cleaned_data.get("display_name", "") or user.display_name
        user = super().save_user(request, user, form, commit=False)
        if not user.preferred_language:
            user.preferred_language = translation.get_language() or settings.LANGUAGE_CODE
        if commit:
            user.save()
        return user

    def populate_username(self, request, user):
        # allauth would derive the handle from the email's local part, which is shown on the
        # public profile: use the display name instead, or a neutral word.
        if not user_username(user):
            user_username(user, unique_handle(user.display_name))

    def get_login_redirect_url(self, request):
        url = super().get_login_redirect_url(request)
        language = getattr(request.user, "preferred_language", "")
        if language and language != translation.get_language():
            url = translate_url(url, language)
        return url

    def post_login(self, request, user, **kwargs):
        response = super().post_login(request, user, **kwargs)
        if user.preferred_language:
            response.set_cookie(
                settings.LANGUAGE_COOKIE_NAME,
                user.preferred_language,
                max_age=settings.LANGUAGE_COOKIE_AGE,
                samesite=settings.LANGUAGE_COOKIE_SAMESITE,
                secure=getattr(settings, "LANGUAGE_COOKIE_SECURE", False),
            )
        return response
