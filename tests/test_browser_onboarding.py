"""A newcomer's first visit, end to end in a real browser: sign up, confirm the address from
the email, fill in the profile (one mistake on the way) and join an open partnership."""

import re

import pytest
from playwright.sync_api import expect

from people.models import Membership, User
from people.tests.factories import PartnershipFactory

# The link allauth puts in the confirmation email (absolute, on the live server's host).
CONFIRM_LINK = re.compile(r"https?://\S+/accounts/confirm-email/\S+")

NAME = "Amina Odhiambo"
EMAIL = "amina@example.org"
PASSWORD = "terraces and olive trees"
BIO = "Agronomist working with farmer groups around Mount Kenya."


def field(scope, label):
    """The form field with this label; Django's labels may end with a colon."""
    return scope.get_by_label(re.compile(rf"^\s*{re.escape(label)}:?\s*$"))


@pytest.mark.browser
# Serialized rollback: flushes by earlier transactional tests would otherwise remove the home
# page and the Wagtail site that the data migration creates, and "/" would be a 404.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_newcomer_signs_up_fills_in_profile_and_joins_a_partnership(browser_page, mailoutbox):
    page = browser_page
    partnership = PartnershipFactory(name="Mount Kenya Landscape Partnership")

    # 1. Sign up from the home page.
    page.goto("/")
    expect(page).to_have_url(re.compile(r"/en/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Landscape Network")
    page.get_by_role("link", name="Sign up", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign Up")
    field(page, "Your name").fill(NAME)
    field(page, "Email").fill(EMAIL)
    field(page, "Password").fill(PASSWORD)
    field(page, "Password (again)").fill(PASSWORD)
    page.get_by_role("button", name="Sign Up").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Verify Your Email Address")
    # Not signed in until the address is confirmed.
    expect(page.get_by_role("link", name="Sign in", exact=True)).to_be_visible()

    # 2. Confirm the address from the email; that signs the person in.
    assert len(mailoutbox) == 1
    email = mailoutbox[0]
    assert email.to == [EMAIL]
    link = CONFIRM_LINK.search(email.body)
    assert link, email.body
    page.goto(link.group(0))
    expect(page.get_by_role("heading", level=1)).to_have_text("Confirm Email Address")
    expect(page.get_by_role("main")).to_contain_text(EMAIL)
    page.get_by_role("button", name="Confirm").click()
    account = page.get_by_role("navigation", name="Your account")
    expect(account.get_by_role("link", name=NAME)).to_be_visible()
    expect(account.get_by_role("button", name="Sign out")).to_be_visible()
    user = User.objects.get(email=EMAIL)
    expect(page).to_have_url(re.compile(rf"/en/people/{re.escape(user.username)}/$"))

    # 3. Edit the profile: the first try leaves the display name empty (bad input).
    page.goto("/en/me/edit/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Edit your profile")
    display_name = field(page, "Display name")
    expect(display_name).to_have_value(NAME)  # from the sign-up form
    display_name.fill("")
    field(page, "Short bio").fill(BIO)
    field(page, "Country").select_option(label="Kenya")
    languages = page.get_by_role("group", name="Languages you speak")
    field(languages, "Swahili").check()
    field(page, "Expertise").fill("agroforestry, soil restoration")
    page.get_by_role("button", name="Save profile").click()

    expect(page.get_by_role("status")).to_contain_text(
        "Please correct the errors below. Nothing has been saved yet."
    )
    # The message is tied to the field, so a screen reader reads it with the field.
    display_name = field(page, "Display name")
    expect(display_name).to_have_attribute("aria-invalid", "true")
    expect(display_name).to_have_accessible_description("This field is required.")
    expect(page.get_by_text("This field is required.")).to_be_visible()
    # Everything else typed is still there.
    expect(field(page, "Short bio")).to_have_value(BIO)
    expect(field(page, "Country")).to_have_value("KE")
    expect(field(languages, "Swahili")).to_be_checked()
    expect(field(page, "Expertise")).to_have_value("agroforestry, soil restoration")
    user.refresh_from_db()
    assert user.display_name == NAME
    assert user.bio == ""

    display_name.fill("Amina O.")
    page.get_by_role("button", name="Save profile").click()
    expect(page.get_by_role("status")).to_contain_text("Your profile has been saved.")
    expect(page).to_have_url(re.compile(rf"/en/people/{re.escape(user.username)}/$"))
    profile = page.get_by_role("main")
    expect(profile.get_by_role("heading", level=1)).to_have_text("Amina O.")
    expect(profile).to_contain_text(BIO)
    expect(profile.get_by_text(f"@{user.username} · Kenya")).to_be_visible()
    expect(profile.get_by_role("definition").filter(has_text="Swahili")).to_have_text("Swahili")
    expect(profile.get_by_role("link", name="agroforestry")).to_be_visible()
    expect(profile.get_by_role("link", name="soil restoration")).to_be_visible()
    expect(profile).not_to_contain_text(EMAIL)
    expect(account.get_by_role("link", name="Amina O.")).to_be_visible()

    # 4. Find the partnership in the directory and join it.
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Partnerships").click()
    expect(page).to_have_url(re.compile(r"/en/partnerships/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Landscape partnerships")
    page.get_by_role("link", name=partnership.name).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(partnership.name)
    page.get_by_role("button", name="Join this partnership").click()

    expect(page.get_by_role("status")).to_contain_text(f"Welcome to {partnership.name}!")
    expect(
        page.get_by_text("You are a member of this partnership. Your role: Member.")
    ).to_be_visible()
    members = page.locator("section").filter(
        has=page.get_by_role("heading", name="Members", exact=True)
    )
    me = members.get_by_role("listitem").filter(has=page.get_by_role("link", name="Amina O."))
    expect(me).to_have_text("Amina O. · Member")
    assert Membership.objects.filter(
        partnership=partnership, user=user, role=Membership.Role.MEMBER
    ).exists()
