from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.utils import user_username
from django.conf import settings
from django.urls import translate_url
from django.utils import translation
from django.utils.text import slugify


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
            base = slugify(user.display_name or "")[:24] or "member"
            user_username(user, self.generate_unique_username([base, "member"]))

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
