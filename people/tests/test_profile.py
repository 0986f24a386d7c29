"""Editing a profile, and who can see it."""

import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from people.models import User
from people.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _png(size=(40, 40)):
    buffer = io.BytesIO()
    Image.new("RGB", size, "green").save(buffer, "PNG")
    return SimpleUploadedFile("me.png", buffer.getvalue(), content_type="image/png")


def _profile_data(**overrides):
    data = {
        "display_name": "Grace Wanjiru",
        "bio": "Field officer with farmer groups.",
        "country": "KE",
        "languages": ["en", "sw"],
        "expertise": "agroforestry, community forestry",
        "affiliations": "Kijabe Forest Trust, County Government",
        "preferred_language": "en",
        "is_profile_public": "on",
    }
    data.update(overrides)
    return data


def test_edit_profile_and_see_it_in_public(client):
    user = UserFactory(username="grace")
    client.force_login(user)
    response = client.post("/en/me/edit/", {**_profile_data(), "photo": _png()})
    assert response.status_code == 302
    assert response["Location"] == "/en/people/grace/"

    client.logout()
    html = client.get("/en/people/grace/").content.decode()
    for text in [
        "Grace Wanjiru",
        "Field officer with farmer groups.",
        "Kenya",
        "English, Swahili",
        "agroforestry",
        "community forestry",
        "Kijabe Forest Trust, County Government",
    ]:
        assert text in html
    assert user.email not in html
    user.refresh_from_db()
    assert user.photo.name.startswith("people/photos/")
    assert 'alt="Photo of Grace Wanjiru"' in html


def test_bad_input_shows_clear_messages_and_keeps_what_was_typed(client):
    user = UserFactory(display_name="Before")
    client.force_login(user)
    long_bio = "Terraces " * 80  # 719 characters once the last space is trimmed
    response = client.post(
        "/en/me/edit/", _profile_data(display_name="", bio=long_bio, country="XX")
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "This field is required." in html
    assert "Ensure this value has at most 600 characters (it has 719)." in html
    assert "Select a valid choice. XX is not one of the available choices." in html
    assert "Nothing has been saved yet." in html
    # What was typed is still there.
    assert "Kijabe Forest Trust, County Government" in html
    assert "agroforestry, community forestry" in html
    assert long_bio.strip() in html
    assert re.search(r'value="sw"[^>]*checked', html), "ticked languages stay ticked"
    user.refresh_from_db()
    assert user.display_name == "Before"
    assert user.bio == ""
    # The header still shows the saved name, not what was typed.
    assert response.context["user"].name == "Before"


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (
            SimpleUploadedFile("notes.png", b"not an image at all", content_type="image/png"),
            "Upload a valid image.",
        ),
        (None, "the limit is 5.0"),
    ],
)
def test_photo_upload_is_checked(client, settings, upload, message):
    user = UserFactory()
    client.force_login(user)
    if upload is None:
        upload = _png(size=(2000, 2000))
        settings.MAX_IMAGE_UPLOAD_BYTES = 1024  # make the real PNG "too large"
        message = "the limit is 1.0"
    response = client.post("/en/me/edit/", {**_profile_data(), "photo": upload})
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert "please choose the photo again" in html
    user.refresh_from_db()
    assert not user.photo


def test_hidden_profile_is_visible_only_to_its_owner(client):
    hidden = UserFactory(username="shy", is_profile_public=False, display_name="Shy Person")
    assert client.get("/en/people/shy/").status_code == 404
    assert "Shy Person" not in client.get("/en/people/").content.decode()
    client.force_login(UserFactory())
    assert client.get("/en/people/shy/").status_code == 404
    client.force_login(hidden)
    response = client.get("/en/people/shy/")
    assert response.status_code == 200
    assert "Your profile is hidden" in response.content.decode()


def test_inactive_people_are_not_shown(client):
    UserFactory(username="gone", is_active=False)
    assert client.get("/en/people/gone/").status_code == 404


def test_editing_requires_signing_in(client):
    response = client.get("/en/me/edit/")
    assert response.status_code == 302
    assert response["Location"].startswith("/en/accounts/login/")


def test_languages_are_replaced_not_added(client):
    user = UserFactory()
    client.force_login(user)
    client.post("/en/me/edit/", _profile_data(languages=["en", "sw"]))
    client.post("/en/me/edit/", _profile_data(languages=["fr"]))
    assert User.objects.get(pk=user.pk).languages == ["fr"]
