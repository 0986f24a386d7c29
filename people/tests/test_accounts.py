"""Sign-up, confirmation, sign-in and out, password reset and the interface language."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.conf import settings

from people.models import User
from people.tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

LINK = re.compile(r"https?://\S+")


def _link_in(message):
    return LINK.findall(message.body)[0].replace("http://testserver", "")


def test_sign_up_confirm_and_land_signed_in(client, mailoutbox):
    response = client.post(
        "/en/accounts/signup/",
        {
            "display_name": "Nadia Benali",
            "email": "nadia@example.org",
            "password1": "terraces and olive trees",
            "password2": "terraces and olive trees",
        },
    )
    assert response.status_code == 302
    user = User.objects.get(email="nadia@example.org")
    assert user.display_name == "Nadia Benali"
    assert user.username  # a public handle is made for them
    assert user.preferred_language == "en"
    # Not signed in before the address is confirmed.
    assert client.get("/en/me/edit/").status_code == 302

    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["nadia@example.org"]
    confirm_url = _link_in(mailoutbox[0])
    page = client.get(confirm_url)
    assert page.status_code == 200
    assert b"nadia@example.org" in page.content
    response = client.post(confirm_url, follow=True)
    assert EmailAddress.objects.get(email="nadia@example.org").verified
    assert response.context["user"] == user
    assert "Nadia Benali" in response.content.decode()


def test_sign_up_with_bad_input_keeps_what_was_typed(client):
    response = client.post(
        "/en/accounts/signup/",
        {
            "display_name": "Nadia Benali",
            "email": "nadia@example.org",
            "password1": "terraces and olive trees",
            "password2": "something else",
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "You must type the same password each time." in html
    assert 'value="Nadia Benali"' in html
    assert 'value="nadia@example.org"' in html
    assert not User.objects.filter(email="nadia@example.org").exists()


def test_an_address_can_only_sign_up_once_without_revealing_it(client, mailoutbox):
    UserFactory(email="taken@example.org")
    response = client.post(
        "/en/accounts/signup/",
        {
            "email": "TAKEN@example.org",
            "password1": "terraces and olive trees",
            "password2": "terraces and olive trees",
        },
    )
    # The same answer as a new sign-up, so nobody can probe which addresses have accounts;
    # the owner of the address is told by email instead.
    assert response.status_code == 302
    assert User.objects.filter(email__iexact="taken@example.org").count() == 1
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["taken@example.org"]
    assert "already" in mailoutbox[0].body


def test_sign_in_and_out(client):
    user = UserFactory(email="grace@example.org", display_name="Grace W")
    response = client.post(
        "/en/accounts/login/", {"login": "grace@example.org", "password": PASSWORD}, follow=True
    )
    assert response.context["user"] == user
    assert "Grace W" in response.content.decode()
    response = client.post("/en/accounts/logout/", follow=True)
    assert not response.context["user"].is_authenticated
    assert "Sign in" in response.content.decode()


def test_wrong_password_says_so_and_keeps_the_address(client):
    UserFactory(email="grace@example.org")
    response = client.post(
        "/en/accounts/login/", {"login": "grace@example.org", "password": "nope"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "The email address and/or password you specified are not correct." in html
    assert 'value="grace@example.org"' in html


def test_unconfirmed_account_cannot_sign_in(client, mailoutbox):
    UserFactory(email="new@example.org", verified=False)
    response = client.post(
        "/en/accounts/login/", {"login": "new@example.org", "password": PASSWORD}, follow=True
    )
    assert not response.context["user"].is_authenticated
    assert "Verify Your Email Address" in response.content.decode()
    assert mailoutbox, "a fresh confirmation email is sent"


def test_password_reset(client, mailoutbox):
    UserFactory(email="forgetful@example.org")
    response = client.post("/en/accounts/password/reset/", {"email": "forgetful@example.org"})
    assert response.status_code == 302
    assert len(mailoutbox) == 1
    reset_url = _link_in(mailoutbox[0])
    # allauth moves the key into the session and redirects to a key-less URL.
    response = client.get(reset_url, follow=True)
    form_url = response.redirect_chain[-1][0] if response.redirect_chain else reset_url
    response = client.post(
        form_url, {"password1": "a brand new passphrase", "password2": "a brand new passphrase"}
    )
    assert response.status_code == 302
    client.logout()
    assert client.login(username="forgetful@example.org", password="a brand new passphrase")


def test_language_switch_is_remembered_on_the_profile(client):
    user = UserFactory(preferred_language="en")
    client.force_login(user)
    response = client.post("/i18n/setlang/", {"language": "fr", "next": "/en/people/"})
    assert response.status_code == 302
    assert response["Location"] == "/fr/people/"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "fr"
    user.refresh_from_db()
    assert user.preferred_language == "fr"


def test_sign_in_brings_back_the_chosen_language(client):
    UserFactory(email="amina@example.org", preferred_language="fr")
    response = client.post(
        "/en/accounts/login/", {"login": "amina@example.org", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"].startswith("/fr/")
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "fr"


def test_root_follows_the_browser_language(client):
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="pt-BR,pt;q=0.9")["Location"] == "/pt/"
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="de")["Location"] == "/en/"
