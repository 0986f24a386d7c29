"""Bad input and edge cases found in review: each must give a clear answer, never a 500,
and never leak or lose anything."""

import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from people.models import JoinRequest, Membership, Partnership, User
from people.tests.factories import MembershipFactory, PartnershipFactory, UserFactory

pytestmark = pytest.mark.django_db


def _photo_with_gps(size=(2000, 1500)):
    image = Image.new("RGB", size, "green")
    exif = Image.Exif()
    exif[0x8825] = {2: (1.0, 17.0, 30.0), 1: "S"}  # GPSInfo: a home's latitude
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", exif=exif)
    assert b"Exif" in buffer.getvalue()
    return SimpleUploadedFile("phone.jpg", buffer.getvalue(), content_type="image/jpeg")


def test_uploaded_photo_is_scaled_and_stripped_of_location(client):
    user = UserFactory(username="grace")
    client.force_login(user)
    client.post(
        "/en/me/edit/",
        {"display_name": "Grace", "photo": _photo_with_gps(), "preferred_language": "en"},
    )
    user.refresh_from_db()
    with user.photo.open("rb") as stored:
        data = stored.read()
    image = Image.open(io.BytesIO(data))
    assert max(image.size) == 512
    assert image.format == "WEBP"
    assert not image.getexif()
    assert len(data) < 50_000


def test_a_photo_can_be_removed(client):
    user = UserFactory()
    client.force_login(user)
    client.post("/en/me/edit/", {"display_name": "G", "photo": _photo_with_gps((100, 100))})
    user.refresh_from_db()
    assert user.photo
    client.post("/en/me/edit/", {"display_name": "G", "photo-clear": "on"})
    user.refresh_from_db()
    assert not user.photo


def test_clearing_a_partnership_logo(client, partnership, manager):
    partnership.logo = SimpleUploadedFile("l.png", b"x")
    partnership.save()
    client.force_login(manager)
    response = client.post(
        f"/en/partnerships/{partnership.slug}/edit/",
        {
            "name": partnership.name,
            "slug": partnership.slug,
            "ilm_element": "partnership",
            "join_policy": "open",
            "logo-clear": "on",
        },
    )
    assert response.status_code == 302
    partnership.refresh_from_db()
    assert not partnership.logo


@pytest.mark.parametrize("field", ["request", "membership", "invitation"])
@pytest.mark.parametrize("value", ["abc", "", "1 OR 1=1", "99999999"])
def test_tampered_ids_on_the_members_page_are_not_found(client, partnership, manager, field, value):
    action = {"request": "approve", "membership": "remove", "invitation": "revoke"}[field]
    client.force_login(manager)
    response = client.post(
        f"/en/partnerships/{partnership.slug}/members/", {"action": action, field: value}
    )
    assert response.status_code == 404


def test_a_membership_of_another_partnership_cannot_be_touched(client, partnership, manager):
    elsewhere = MembershipFactory()
    client.force_login(manager)
    response = client.post(
        f"/en/partnerships/{partnership.slug}/members/",
        {"action": "remove", "membership": elsewhere.pk},
    )
    assert response.status_code == 404
    assert Membership.objects.filter(pk=elsewhere.pk).exists()


def test_deleting_the_last_managers_account_hands_the_partnership_over(partnership, manager):
    first = MembershipFactory(partnership=partnership).user
    MembershipFactory(partnership=partnership)
    manager.delete()
    assert list(
        Membership.objects.filter(partnership=partnership, role="manager").values_list(
            "user", flat=True
        )
    ) == [first.pk]


def test_a_deactivated_manager_does_not_count(partnership, manager, member):
    from people import services

    other_manager = MembershipFactory(partnership=partnership, role="manager").user
    other_manager.is_active = False
    other_manager.save()
    with pytest.raises(Exception, match="at least one manager"):
        services.membership_remove(membership=Membership.objects.get(user=manager), by=manager)


def test_unconfirmed_sign_ups_are_not_listed_or_shown(client):
    UserFactory(username="spam", display_name="Cheap Pills", verified=False)
    assert "Cheap Pills" not in client.get("/en/people/").content.decode()
    assert client.get("/en/people/spam/").status_code == 404


def test_public_handle_never_comes_from_the_email(client):
    client.post(
        "/en/accounts/signup/",
        {
            "display_name": "Jane Doe",
            "email": "jane.secret.doe@example.org",
            "password1": "mangroves and oysters",
            "password2": "mangroves and oysters",
        },
    )
    user = User.objects.get(email="jane.secret.doe@example.org")
    assert user.username == "jane-doe"
    assert "secret" not in user.get_absolute_url()


def test_handle_without_a_display_name(client):
    client.post(
        "/en/accounts/signup/",
        {
            "email": "private.person@example.org",
            "password1": "mangroves and oysters",
            "password2": "mangroves and oysters",
        },
    )
    user = User.objects.get(email="private.person@example.org")
    assert "private" not in user.username
    assert re.fullmatch(r"member(-\d+)?", user.username)


def test_a_too_long_join_message_is_refused_not_dropped(client, learner):
    partnership = PartnershipFactory(join_policy=Partnership.JoinPolicy.REQUEST)
    client.force_login(learner)
    typed = "I farm on the slopes above the river. " * 30  # 1,140 characters
    response = client.post(f"/en/partnerships/{partnership.slug}/join/", {"message": typed})
    html = response.content.decode()
    assert response.status_code == 400
    assert "at most 1000 characters" in html
    assert typed.strip() in html  # nothing typed is lost
    assert not JoinRequest.objects.exists()


def test_reinviting_with_another_role_changes_the_role(partnership, manager):
    from people import services

    services.invitation_create(partnership=partnership, email="a@example.org", by=manager)
    invitation = services.invitation_create(
        partnership=partnership, email="a@example.org", by=manager, role="manager"
    )
    assert invitation.role == "manager"


@pytest.mark.parametrize(
    "value",
    [
        {"type": "FeatureCollection", "features": [1]},
        {"type": "FeatureCollection", "features": "x"},
        {"type": "Feature", "geometry": 5},
        {"type": "Polygon", "coordinates": [[[0, 0], [1]]]},
        {"type": "Polygon"},
    ],
)
def test_malformed_geojson_gets_a_message(value):
    from django.core.exceptions import ValidationError

    from people import geo

    with pytest.raises(ValidationError):
        geo.clean_boundary(value)


@pytest.mark.filterwarnings("ignore::PIL.Image.DecompressionBombWarning")
def test_an_image_bomb_is_refused_before_it_is_decoded(client):
    # 10,000 × 10,000 pixels of one colour: a tiny file that would decode to ~300 MB.
    buffer = io.BytesIO()
    Image.new("1", (10_000, 10_000)).save(buffer, "PNG")
    assert len(buffer.getvalue()) < 100_000
    user = UserFactory()
    client.force_login(user)
    response = client.post(
        "/en/me/edit/",
        {
            "display_name": "G",
            "photo": SimpleUploadedFile("bomb.png", buffer.getvalue(), content_type="image/png"),
        },
    )
    assert response.status_code == 200
    assert "10000 × 10000 pixels" in response.content.decode()
    user.refresh_from_db()
    assert not user.photo


# --- Second review -------------------------------------------------------------------------


def test_deleting_several_managers_at_once_keeps_a_manager(partnership, manager):
    second = MembershipFactory(partnership=partnership, role="manager").user
    member = MembershipFactory(partnership=partnership).user
    User.objects.filter(pk__in=[manager.pk, second.pk]).delete()  # the admin's bulk delete
    assert Membership.objects.get(partnership=partnership, user=member).role == "manager"


def test_deleting_a_partnership_is_not_blocked_by_the_manager_rule(partnership, manager):
    partnership.delete()
    assert not Membership.objects.exists()


def test_deleting_the_last_institute_administrator_hands_over():
    from people.models import InstituteStaff
    from people.tests.factories import InstituteStaffFactory

    admin = InstituteStaffFactory(role="admin")
    facilitator = InstituteStaffFactory(institute=admin.institute)
    admin.user.delete()
    assert InstituteStaff.objects.get(pk=facilitator.pk).role == "admin"


def test_a_missing_stored_photo_does_not_break_saving_the_profile(client):
    user = UserFactory()
    User.objects.filter(pk=user.pk).update(photo="people/photos/gone.webp")
    client.force_login(user)
    response = client.post("/en/me/edit/", {"display_name": "Still works"})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.display_name == "Still works"


def test_profile_form_hands_a_new_upload_to_the_service():
    from people import services
    from people.forms import ProfileForm

    user = UserFactory()
    form = ProfileForm({"display_name": "G"}, {"photo": _photo_with_gps((300, 200))}, instance=user)
    assert form.is_valid(), form.errors
    fresh = User.objects.get(pk=user.pk)  # not the form's own instance
    services.profile_update(user=fresh, **form.profile_fields())
    assert User.objects.get(pk=user.pk).photo.name.endswith(".webp")


def test_a_replaced_photo_is_deleted_from_storage(client, django_capture_on_commit_callbacks):
    user = UserFactory()
    client.force_login(user)
    client.post("/en/me/edit/", {"display_name": "G", "photo": _photo_with_gps((90, 90))})
    user.refresh_from_db()
    first = user.photo.name
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/en/me/edit/", {"display_name": "G", "photo": _photo_with_gps((80, 80))})
    user.refresh_from_db()
    assert user.photo.name != first
    assert not user.photo.storage.exists(first)
    assert user.photo.storage.exists(user.photo.name)


def test_a_sideways_phone_photo_is_stored_upright():
    from people import images

    image = Image.new("RGB", (1200, 600), "green")
    exif = Image.Exif()
    exif[0x0112] = 6  # Orientation: rotate 90° clockwise to display
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", exif=exif)
    result = Image.open(images.normalise(SimpleUploadedFile("p.jpg", buffer.getvalue())))
    assert result.size == (256, 512)


def test_a_transparent_palette_logo_stays_transparent():
    from people import images

    image = Image.new("P", (100, 100), 0)
    image.putpalette([255, 0, 0] * 256)
    buffer = io.BytesIO()
    image.save(buffer, "PNG", transparency=0)
    result = Image.open(images.normalise(SimpleUploadedFile("logo.png", buffer.getvalue())))
    assert result.mode == "RGBA"
    assert result.getpixel((50, 50))[3] == 0


@pytest.mark.parametrize(
    ("name", "handle"),
    [("سلمى الحسن", "سلمى-الحسن"), ("王小明", "王小明"), ("Admin", "admin-2")],
)
def test_handles_keep_the_script_and_avoid_reserved_names(client, name, handle):
    client.post(
        "/en/accounts/signup/",
        {
            "display_name": name,
            "email": f"{abs(hash(name))}@example.org",
            "password1": "mangroves and oysters",
            "password2": "mangroves and oysters",
        },
    )
    user = User.objects.get(display_name=name)
    assert user.username == handle
    # The handle works in a URL (the profile is public once the address is confirmed).
    user.emailaddress_set.update(verified=True)
    assert name in client.get(user.get_absolute_url()).content.decode()
