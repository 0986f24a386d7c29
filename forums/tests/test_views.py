"""The forums' pages for anonymous readers, members and outsiders; posting through the
forms; errors that keep what was typed; query counts that do not grow with the data."""

import pytest
from django.urls import reverse

from forums import services
from forums.models import Post, Subscription, TopicRead
from forums.tests.factories import CategoryFactory, confirmed_user, reply, topic
from people.models import Membership
from people.tests.factories import MembershipFactory, PartnershipFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def public():
    return CategoryFactory(name="Restoration", slug="restoration")


@pytest.fixture
def private_space():
    partnership = PartnershipFactory()
    category = CategoryFactory(
        name="Members only", slug="members-only", kind="partnership", partnership=partnership
    )
    member = confirmed_user()
    MembershipFactory(partnership=partnership, user=member, role=Membership.Role.MEMBER)
    return category, member


def test_index_lists_readable_categories_only(client, public, private_space):
    category, member = private_space
    response = client.get(reverse("forums:index"))
    assert response.status_code == 200
    assert b"Restoration" in response.content
    assert b"Members only" not in response.content
    client.force_login(member)
    response = client.get(reverse("forums:index"))
    assert b"Members only" in response.content


def test_topic_page_for_anonymous_reader(client, public):
    t = topic(category=public, title="Terraces", body="How do **you** build them?")
    response = client.get(t.get_absolute_url())
    assert response.status_code == 200
    content = response.content.decode()
    assert "<strong>you</strong>" in content
    assert 'id="post-1"' in content
    assert "Sign in to take part" in content


def test_topic_redirects_to_canonical_slug(client, public):
    t = topic(category=public, title="Terraces and walls")
    response = client.get(reverse("forums:topic", args=[t.pk, "old-slug"]) + "?post=1")
    assert response.status_code == 301
    assert response["Location"].endswith(f"{t.get_absolute_url()}?post=1")


def test_outsider_gets_404_on_private_category_and_topic(client, private_space):
    category, member = private_space
    t = topic(category=category, author=member, title="Our plans")
    outsider = confirmed_user()
    for who in (None, outsider):
        if who:
            client.force_login(who)
        assert client.get(category.get_absolute_url()).status_code == 404
        assert client.get(t.get_absolute_url()).status_code == 404
        assert client.get(reverse("forums:reply", args=[t.pk])).status_code in (302, 404)
    client.force_login(member)
    assert client.get(category.get_absolute_url()).status_code == 200
    assert client.get(t.get_absolute_url()).status_code == 200


def test_posting_a_reply_through_the_form(client, public):
    t = topic(category=public)
    me = confirmed_user()
    client.force_login(me)
    response = client.post(
        reverse("forums:reply", args=[t.pk]), {"body": "I agree with *this*.", "client_key": "k1"}
    )
    post = Post.objects.get(topic=t, number=2)
    assert response.status_code == 302
    assert response["Location"] == post.get_absolute_url()
    assert post.author == me
    assert Subscription.objects.filter(user=me, topic=t).exists()
    # The same form sent twice makes one post.
    client.post(
        reverse("forums:reply", args=[t.pk]), {"body": "I agree with *this*.", "client_key": "k1"}
    )
    assert Post.objects.filter(topic=t).count() == 2


def test_new_topic_through_the_form(client, public):
    me = confirmed_user()
    client.force_login(me)
    url = reverse("forums:topic_new") + f"?category={public.slug}"
    assert client.get(url).status_code == 200
    response = client.post(
        url, {"category": public.pk, "title": "Seed banks", "body": "Who has one?"}
    )
    assert response.status_code == 302
    t = public.topics.get()
    assert t.title == "Seed banks"
    assert response["Location"] == t.get_absolute_url()


def test_new_topic_cannot_target_a_private_category(client, public, private_space):
    category, _member = private_space
    me = confirmed_user()
    client.force_login(me)
    response = client.post(
        reverse("forums:topic_new"), {"category": category.pk, "title": "Sneak", "body": "in"}
    )
    assert response.status_code == 400
    assert not category.topics.exists()
    assert b"in</textarea>" in response.content


def test_an_invalid_post_keeps_the_text(client, public):
    t = topic(category=public)
    me = confirmed_user()
    client.force_login(me)
    response = client.post(reverse("forums:reply", args=[t.pk]), {"body": "   "})
    assert response.status_code == 400
    assert b"Write a message." in response.content
    long_text = "x" * 20_001
    response = client.post(reverse("forums:reply", args=[t.pk]), {"body": long_text})
    assert response.status_code == 400
    assert long_text.encode() in response.content


def test_a_rate_limit_keeps_the_text(client, public, settings):
    settings.FORUM_LIMITS = {**settings.FORUM_LIMITS, "posts": ["1/minute", "300/day"]}
    t = topic(category=public)
    me = confirmed_user()
    client.force_login(me)
    client.post(reverse("forums:reply", args=[t.pk]), {"body": "first"})
    response = client.post(reverse("forums:reply", args=[t.pk]), {"body": "second thoughts"})
    assert response.status_code == 429
    content = response.content.decode()
    assert "faster than we allow" in content
    assert "second thoughts</textarea>" in content
    assert Post.objects.filter(topic=t).count() == 2


def test_locked_topic_refuses_with_403_and_keeps_text(client, public):
    t = topic(category=public)
    moderator = UserFactory(is_superuser=True)
    services.topic_lock(moderator=moderator, topic=t, locked=True)
    me = confirmed_user()
    client.force_login(me)
    page = client.get(t.get_absolute_url())
    assert b"This topic is locked" in page.content
    response = client.post(reverse("forums:reply", args=[t.pk]), {"body": "let me in"})
    assert response.status_code == 403


def test_unconfirmed_account_is_told_why(client, public):
    t = topic(category=public)
    client.force_login(UserFactory(verified=False))
    response = client.get(t.get_absolute_url())
    assert b"Confirm your email address" in response.content
    response = client.post(reverse("forums:reply", args=[t.pk]), {"body": "hello"})
    assert response.status_code == 403
    assert b"hello</textarea>" in response.content


def test_quote_prefills_a_blockquote(client, public):
    author = confirmed_user(username="amina")
    t = topic(category=public, author=author, body="Plant trees.\nWater them.")
    client.force_login(confirmed_user())
    response = client.get(t.get_absolute_url() + "?quote=1")
    content = response.content.decode()
    assert "&gt; @amina wrote:\n&gt; Plant trees.\n&gt; Water them." in content
    assert 'name="reply_to" value="1"' in content


def test_post_jump_and_unread(client, public):
    t = topic(category=public)
    for n in range(40):
        reply(t, body=f"reply {n}")
    reader = confirmed_user()
    client.force_login(reader)
    response = client.get(t.get_absolute_url() + "?post=35")
    assert 'id="post-35"' in response.content.decode()
    assert 'id="post-1"' not in response.content.decode()
    assert TopicRead.objects.get(user=reader, topic=t).last_read_number == 41
    services.post_create(author=confirmed_user(), topic=t, body="new one")
    response = client.get(t.get_absolute_url() + "?unread=1")
    assert response.status_code == 302
    assert response["Location"].endswith("?post=42#post-42")


def test_first_page_marks_read_only_what_was_shown(client, public):
    t = topic(category=public)
    for n in range(35):
        reply(t, body=f"reply {n}")
    reader = confirmed_user()
    client.force_login(reader)
    client.get(t.get_absolute_url())
    assert TopicRead.objects.get(user=reader, topic=t).last_read_number == 30
    response = client.get(reverse("forums:category", args=[public.slug]))
    assert b"6 unread" in response.content


def test_edit_own_post_keeps_text_on_error(client, public):
    me = confirmed_user()
    t = topic(category=public, author=me)
    post = t.posts.get(number=1)
    client.force_login(me)
    url = reverse("forums:post_edit", args=[post.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"body": ""})
    assert response.status_code == 400
    response = client.post(url, {"body": "Better words"})
    assert response.status_code == 302
    post.refresh_from_db()
    assert post.body == "Better words"
    client.force_login(confirmed_user())
    assert client.get(url).status_code == 403


def test_reactions_toggle(client, public):
    t = topic(category=public)
    post = t.posts.get(number=1)
    client.force_login(confirmed_user())
    url = reverse("forums:react", args=[post.pk])
    client.post(url, {"kind": "thanks"})
    response = client.get(t.get_absolute_url())
    assert 'aria-pressed="true" data-kind="thanks"' in response.content.decode()
    client.post(url, {"kind": "thanks"})
    assert post.reactions.count() == 0


def test_flag_form(client, public):
    t = topic(category=public)
    post = t.posts.get(number=1)
    client.force_login(confirmed_user())
    url = reverse("forums:post_flag", args=[post.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"reason": "spam", "details": "ads"})
    assert response.status_code == 302
    assert post.flags.get().reason == "spam"


def test_hidden_post_is_a_placeholder_except_for_author_and_moderators(client, public):
    author = confirmed_user()
    t = topic(category=public)
    post = reply(t, author=author, body="Buy my secret sauce")
    moderator = UserFactory(is_superuser=True)
    services.post_hide(moderator=moderator, post=post, reason="advertising")
    response = client.get(t.get_absolute_url())
    assert b"Buy my secret sauce" not in response.content
    assert b"hidden by a moderator" in response.content
    client.force_login(author)
    response = client.get(t.get_absolute_url())
    assert b"Buy my secret sauce" in response.content
    assert b"Hidden by a moderator: advertising" in response.content
    client.force_login(moderator)
    response = client.get(t.get_absolute_url())
    assert b"Buy my secret sauce" in response.content
    assert b"Restore" in response.content


def test_watch_category_and_topic(client, public):
    t = topic(category=public)
    me = confirmed_user()
    client.force_login(me)
    client.post(reverse("forums:category_watch", args=[public.slug]), {"watching": "1"})
    assert Subscription.objects.filter(user=me, category=public).exists()
    client.post(reverse("forums:topic_watch", args=[t.pk]), {"watching": "1"})
    assert Subscription.objects.filter(user=me, topic=t).exists()
    client.post(reverse("forums:topic_watch", args=[t.pk]), {"watching": "0"})
    assert not Subscription.objects.filter(user=me, topic=t).exists()


def test_solution_mark_in_qa(client):
    qa = CategoryFactory(is_qa=True)
    asker = confirmed_user()
    t = topic(category=qa, author=asker)
    reply(t, body="Use mulch.")
    client.force_login(asker)
    response = client.post(reverse("forums:topic_solution", args=[t.pk]), {"post": "2"})
    assert response.status_code == 302
    t.refresh_from_db()
    assert t.solution.number == 2
    page = client.get(t.get_absolute_url()).content.decode()
    assert "post-solution" in page


def test_notifications_page_and_mark_read(client, public):
    me = confirmed_user()
    t = topic(category=public, author=me)
    reply(t, body="Hello @" + me.username)
    client.force_login(me)
    response = client.get(reverse("forums:notifications"))
    assert response.status_code == 200
    assert b"1 unread notification" in response.content
    assert b"data-live-badge>1<" in response.content
    client.post(reverse("forums:notifications_read"))
    assert me.forum_notifications.filter(read_at__isnull=True).count() == 0
    client.post(reverse("forums:digest_setting"), {})
    assert me.forum_digest.enabled is False


def test_discuss_this_page_include(client, public):
    from django.template import Context, Template
    from django.test import RequestFactory
    from wagtail.models import Page

    page = Page.objects.filter(depth=2).first()
    t = topic(category=public, page=page, title="About the home page")
    request = RequestFactory().get("/")
    from django.contrib.auth.models import AnonymousUser

    request.user = AnonymousUser()
    html = Template('{% include "forums/includes/discuss.html" with page=page %}').render(
        Context({"page": page, "request": request})
    )
    assert "About the home page" in html
    assert f"?page={page.pk}" in html
    assert t.get_absolute_url() in html


def test_new_topic_about_a_page(client, public):
    from wagtail.models import Page

    page = Page.objects.filter(depth=2).first()
    client.force_login(confirmed_user())
    url = reverse("forums:topic_new") + f"?page={page.pk}"
    assert client.get(url).status_code == 200
    client.post(url, {"category": public.pk, "title": "On it", "body": "Thoughts", "page": page.pk})
    assert public.topics.get().page_id == page.pk


# --- Query counts ---------------------------------------------------------------------------


def test_index_queries_do_not_grow(client, django_assert_max_num_queries):
    reader = confirmed_user()
    for _n in range(8):
        parent = CategoryFactory()
        CategoryFactory(parent=parent)
        topic(category=parent)
    client.force_login(reader)
    with django_assert_max_num_queries(10):
        assert client.get(reverse("forums:index")).status_code == 200


def test_category_queries_do_not_grow(client, public, django_assert_max_num_queries):
    reader = confirmed_user()
    for _n in range(25):
        topic(category=public)
    client.force_login(reader)
    with django_assert_max_num_queries(16):
        assert client.get(public.get_absolute_url()).status_code == 200


def test_topic_page_with_30_posts_has_bounded_queries(
    client, public, django_assert_max_num_queries
):
    t = topic(category=public)
    people = [confirmed_user() for _ in range(3)]
    for n in range(29):
        post = reply(t, author=people[n % 3], body=f"reply **{n}**")
        services.reaction_toggle(user=people[(n + 1) % 3], post=post, kind="like")
    reader = confirmed_user()
    client.force_login(reader)
    with django_assert_max_num_queries(25):
        response = client.get(t.get_absolute_url())
    assert response.content.decode().count('class="post') >= 30
    moderator = UserFactory(is_superuser=True)
    client.force_login(moderator)
    with django_assert_max_num_queries(28):
        assert client.get(t.get_absolute_url()).status_code == 200


# --- Attachments ----------------------------------------------------------------------------


def _png(name="leaf.png"):
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "green").save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def _pdf(name="plan.pdf"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, b"%PDF-1.4\n%\xe2\xe3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")


def test_attachments_upload_and_serving(client, public):
    t = topic(category=public)
    me = confirmed_user()
    client.force_login(me)
    response = client.post(
        reverse("forums:reply", args=[t.pk]),
        {"body": "Photos and the plan", "attachments": [_png(), _pdf()]},
    )
    assert response.status_code == 302
    post = Post.objects.get(topic=t, number=2)
    image, document = post.attachments.order_by("pk")
    page = client.get(post.get_absolute_url()).content.decode()
    assert f'src="{image.get_absolute_url()}"' in page and 'loading="lazy"' in page
    assert document.get_absolute_url() in page

    client.logout()
    response = client.get(image.get_absolute_url())
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "sandbox"
    assert response["Content-Disposition"].startswith("inline")
    response = client.get(document.get_absolute_url())
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment")
    assert client.get(reverse("forums:attachment", args=[image.pk, "other.png"])).status_code == 404


def test_a_refused_attachment_keeps_the_text(client, public):
    from django.core.files.uploadedfile import SimpleUploadedFile

    t = topic(category=public)
    client.force_login(confirmed_user())
    bad = SimpleUploadedFile("evil.html", b"<script>alert(1)</script>", content_type="text/html")
    response = client.post(
        reverse("forums:reply", args=[t.pk]), {"body": "See attached", "attachments": [bad]}
    )
    assert response.status_code == 400
    assert b"not a file type we accept" in response.content
    assert b"See attached</textarea>" in response.content


def test_private_attachment_is_404_for_outsiders_and_private_cache(client, private_space):
    category, member = private_space
    t = topic(category=category, author=member)
    post = services.post_create(author=member, topic=t, body="Map", attachments=[_png()])
    attachment = post.attachments.get()
    url = attachment.get_absolute_url()
    assert client.get(url).status_code == 404
    client.force_login(confirmed_user())
    assert client.get(url).status_code == 404
    client.force_login(member)
    response = client.get(url)
    assert response.status_code == 200
    assert "private" in response["Cache-Control"]


def test_post_partial_renders_viewer_neutral_for_live_payloads(public):
    from django.template.loader import render_to_string

    author = confirmed_user()
    t = topic(category=public)
    post = reply(t, author=author, body="Live **text**")
    services.reaction_toggle(user=confirmed_user(), post=post, kind="like")
    post = (
        Post.objects.select_related("author", "reply_to")
        .prefetch_related("attachments", "reactions")
        .get(pk=post.pk)
    )
    html = render_to_string("forums/includes/post.html", {"post": post, "live": True})
    assert f'id="post-2" class="post" data-number="2" data-author="{author.pk}"' in html
    assert "<strong>text</strong>" in html
    assert 'data-kind="like">Like <span class="reaction-count">1</span>' in html
    assert "<form" not in html and "csrf" not in html
    services.post_hide(moderator=UserFactory(is_superuser=True), post=post, reason="no")
    post.refresh_from_db()
    html = render_to_string("forums/includes/post.html", {"post": post, "live": True})
    assert "Live" not in html and "hidden by a moderator" in html


def test_categories_in_the_wagtail_admin(client):
    client.force_login(UserFactory(is_superuser=True))
    CategoryFactory(name="Drylands")
    response = client.get(reverse("wagtailsnippets_forums_category:list"))
    assert response.status_code == 200
    assert b"Drylands" in response.content
    assert client.get(reverse("wagtailsnippets_forums_category:add")).status_code == 200
