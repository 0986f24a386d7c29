"""Who gets what at every address: one row per URL pattern and websocket route × role.

Kept next to the URL configuration (config/urls.py, config/routing.py) on purpose: a new
route without a row here fails config/tests/test_permission_matrix.py, and so does a row whose
route is gone. The test builds one small world (a partnership with its manager and a member, a
training institute running a cohort with its facilitator and a learner who holds a
certificate, public and private forum topics with attachments, a case study, a curriculum, a
course with a quiz, a document) and asks every address as every role.

A row names its route by URL name (``"forums:topic"``), or by pattern where it has none
(``"sitemap.xml"``, websockets); ``"admin/"`` stands for every route of the Wagtail admin,
sampled by a few rows. Its ``url`` is filled from the world (``{public_topic.pk}``).

Outcomes: an HTTP status; ``LOGIN``, a redirect to the sign-in page; ``REDIRECT``, a redirect
elsewhere; for websockets ``ACCEPT`` or the close code. 404 rather than 403 where the thing's
existence is itself private (a partnership's topics, someone's certificate).
"""

from dataclasses import dataclass, field

ROLES = (
    "anonymous",
    "learner",
    "practitioner",
    "member",
    "manager",
    "facilitator",
    "moderator",
    "editor",
    "admin",
)
SIGNED_IN = frozenset(ROLES) - {"anonymous"}
# The world's partnership and its forum.
PARTNERS = frozenset({"member", "manager", "admin"})
# The cohort: its learner, facilitator (and the superuser).
COHORT = frozenset({"learner", "facilitator", "admin"})
# Practitioners: members of a partnership or in the "Practitioners" group.
PRACTITIONERS = frozenset({"practitioner", "member", "manager"})
# Forum moderators of the public categories.
MODERATORS = frozenset({"moderator", "admin"})
# People who moderate somewhere (public categories, their partnership's, their cohort's).
ANY_MODERATOR = frozenset({"moderator", "manager", "facilitator", "admin"})
# Wagtail admin access.
EDITORS = frozenset({"editor", "admin"})

LOGIN = "login"
REDIRECT = "redirect"
ACCEPT = "accept"


@dataclass(frozen=True)
class Row:
    route: str
    url: str
    expect: dict
    method: str = "get"
    data: dict = field(default_factory=dict)
    why: str = ""


def everyone(outcome=200):
    return dict.fromkeys(ROLES, outcome)


def signed_in(outcome=200, anonymous=LOGIN):
    return {**dict.fromkeys(SIGNED_IN, outcome), "anonymous": anonymous}


def only(allowed, outcome=200, refused=403, anonymous=LOGIN):
    """``allowed`` get ``outcome``, other signed-in people ``refused``."""
    expect = {role: outcome if role in allowed else refused for role in ROLES}
    if "anonymous" not in allowed:
        expect["anonymous"] = anonymous
    return expect


def but(expect, **changes):
    return {**expect, **changes}


# --- Outside the language prefix -----------------------------------------------------------

ADMIN = [
    # Wagtail sends whoever may not use the admin back to sign in (with a message).
    Row("admin/", "/admin/", only(EDITORS, refused=LOGIN)),
    Row("admin/", "/admin/pages/", only(EDITORS, refused=LOGIN)),
    Row("admin/", "/admin/pages/{case_study.pk}/edit/", only(EDITORS, refused=LOGIN)),
    # Users and groups are the superuser's: editors are turned back to the dashboard.
    Row("admin/", "/admin/users/", but(only(EDITORS, refused=LOGIN), editor=REDIRECT)),
    # Wagtail's own sign-in form is replaced by allauth's (config.middleware.OneSignInForm).
    Row("admin/", "/admin/login/", everyone(LOGIN)),
    Row("admin/", "/admin/password_reset/", everyone(404), why="allauth's reset only"),
]

MACHINE = [
    Row("wagtaildocs_serve", "/documents/{document.pk}/{document.filename}", everyone(200)),
    Row(
        "wagtaildocs_authenticate_with_password",
        "/documents/authenticate_with_password/{document_restriction.pk}/",
        everyone(200),
    ),
    Row("set_language", "/i18n/setlang/", everyone(REDIRECT), "post", {"language": "fr"}),
    Row("sitemap.xml", "/sitemap.xml", everyone(200)),
    Row("wagtailapi:pages:listing", "/api/v2/pages/", everyone(200)),
    Row("wagtailapi:pages:detail", "/api/v2/pages/{case_study.pk}/", everyone(200)),
    Row(
        "wagtailapi:pages:detail",
        "/api/v2/pages/{restricted_page.pk}/",
        everyone(404),
        why="the API is public: private pages are not in it, whoever asks",
    ),
    Row("wagtailapi:pages:find", "/api/v2/pages/find/?id={case_study.pk}", everyone(REDIRECT)),
    Row("wagtailapi:images:listing", "/api/v2/images/", everyone(200)),
    Row("wagtailapi:images:detail", "/api/v2/images/{image.pk}/", everyone(200)),
    Row("wagtailapi:images:find", "/api/v2/images/find/?id={image.pk}", everyone(REDIRECT)),
    Row("wagtailapi:documents:listing", "/api/v2/documents/", everyone(200)),
    Row("wagtailapi:documents:detail", "/api/v2/documents/{document.pk}/", everyone(200)),
    Row(
        "wagtailapi:documents:find", "/api/v2/documents/find/?id={document.pk}", everyone(REDIRECT)
    ),
    Row("openapi", "/api/openapi.json", everyone(200)),
    Row("search_api:search", "/api/search/?q=watershed", everyone(200)),
    Row("search_api:suggest", "/api/search/suggest/?q=wat", everyone(200)),
    Row(
        "forums_api:topic_events",
        "/api/forums/topics/{public_topic.pk}/events/",
        everyone(200),
    ),
    Row(
        "forums_api:topic_events",
        "/api/forums/topics/{private_topic.pk}/events/",
        only(PARTNERS, refused=404, anonymous=404),
    ),
]

# --- Accounts (allauth) --------------------------------------------------------------------

ACCOUNTS = [
    # Signed-in people are sent on to their page.
    Row("account_login", "/en/accounts/login/", but(everyone(REDIRECT), anonymous=200)),
    Row("account_logout", "/en/accounts/logout/", but(everyone(200), anonymous=REDIRECT)),
    Row("account_inactive", "/en/accounts/inactive/", everyone(200)),
    Row("account_signup", "/en/accounts/signup/", but(everyone(REDIRECT), anonymous=200)),
    Row("account_reauthenticate", "/en/accounts/reauthenticate/", signed_in()),
    Row("account_email", "/en/accounts/email/", signed_in()),
    Row("account_email_verification_sent", "/en/accounts/confirm-email/", everyone(200)),
    Row("account_change_password", "/en/accounts/password/change/", signed_in()),
    # Everyone in the world has a password: allauth sends them to change it.
    Row("account_set_password", "/en/accounts/password/set/", signed_in(REDIRECT)),
    Row("account_reset_password", "/en/accounts/password/reset/", everyone(200)),
    # Sign-in by code is off: allauth sends people back to the sign-in form (or on).
    Row(
        "account_confirm_login_code",
        "/en/accounts/login/code/confirm/",
        but(everyone(REDIRECT), anonymous=LOGIN),
    ),
    Row("account_confirm_email", "/en/accounts/confirm-email/not-a-key/", everyone(200)),
    Row(
        "account_reset_password_from_key_done",
        "/en/accounts/password/reset/key/done/",
        everyone(200),
    ),
    Row(
        "account_reset_password_from_key",
        "/en/accounts/password/reset/key/1-not-a-key/",
        everyone(200),
    ),
    Row("account_reset_password_done", "/en/accounts/password/reset/done/", everyone(200)),
]

# --- People --------------------------------------------------------------------------------

PEOPLE = [
    Row("people:directory", "/en/people/", everyone()),
    Row("people:profile", "/en/people/{author.username}/", everyone()),
    Row("people:me", "/en/me/", signed_in(REDIRECT)),
    Row("people:profile_edit", "/en/me/edit/", signed_in()),
    Row("people:partnerships", "/en/partnerships/", everyone()),
    Row(
        "people:partnership_create",
        "/en/partnerships/new/",
        only(PRACTITIONERS | EDITORS),
    ),
    Row("people:partnership", "/en/partnerships/{partnership.slug}/", everyone()),
    Row(
        "people:partnership_edit",
        "/en/partnerships/{partnership.slug}/edit/",
        only({"manager", "admin"}),
    ),
    # Request-only partnership: joining directly is refused, members are told they are in.
    Row(
        "people:partnership_join",
        "/en/partnerships/{partnership.slug}/join/",
        signed_in(REDIRECT),
        "post",
    ),
    Row(
        "people:partnership_leave",
        "/en/partnerships/{partnership.slug}/leave/",
        only({"member", "manager"}, REDIRECT, refused=404),
        "post",
    ),
    Row(
        "people:partnership_members",
        "/en/partnerships/{partnership.slug}/members/",
        only({"manager", "admin"}),
    ),
    Row("people:invitation", "/en/invitations/{invitation.token}/", everyone()),
    Row("people:institutes", "/en/institutes/", everyone()),
    Row("people:institute", "/en/institutes/{institute.slug}/", everyone()),
    Row(
        "people:institute_staff",
        "/en/institutes/{institute.slug}/staff/",
        only({"admin"}),
        why="the institute's administrators (test_institutes.py) and superusers",
    ),
]

# --- Knowledge -----------------------------------------------------------------------------

KNOWLEDGE = [
    Row("knowledge:case_studies", "/en/case-studies/", everyone()),
    Row("knowledge:curricula", "/en/curricula/", everyone()),
    Row("knowledge:case_study_feed", "/en/feeds/case-studies/", everyone()),
    Row(
        "knowledge:case_study_theme_feed",
        "/en/feeds/case-studies/{theme.slug}/",
        everyone(),
    ),
    Row("knowledge:submit", "/en/submit/case-study/", only(PRACTITIONERS)),
    # A draft is its owner's (the practitioner's); other practitioners do not see it exists.
    Row(
        "knowledge:submit_edit",
        "/en/submit/case-study/{submission.pk}/",
        but(only({"practitioner"}, refused=403), member=404, manager=404),
    ),
    Row("knowledge:my_submissions", "/en/me/submissions/", signed_in()),
    Row(
        "knowledge:curriculum_package",
        "/en/curricula/{curriculum.pk}/package.imscc",
        everyone(),
    ),
    Row(
        "knowledge:facilitator_guide",
        "/en/curricula/{curriculum.pk}/guide/",
        everyone(),
    ),
]

# --- Courses -------------------------------------------------------------------------------

COURSES = [
    Row("courses:index", "/en/courses/", everyone()),
    Row(
        "courses:enroll",
        "/en/courses/{course.pk}/enroll/",
        signed_in(REDIRECT),
        "post",
    ),
    Row(
        "courses:leave",
        "/en/courses/{course.pk}/leave/",
        signed_in(REDIRECT),
        "post",
    ),
    Row(
        "courses:lesson_complete",
        "/en/courses/lessons/{reading.pk}/complete/",
        signed_in(REDIRECT),
        "post",
    ),
    Row(
        "courses:lesson_progress",
        "/en/courses/lessons/{reading.pk}/progress/",
        only({"learner"}, anonymous=401),
        "post",
        {"seconds": "10"},
        why="JSON for fetch(): 401 and 403 rather than a redirect; only its learners track time",
    ),
    Row(
        "courses:quiz_submit",
        "/en/courses/lessons/{quizzed.pk}/quiz/{quiz_id}/",
        signed_in(REDIRECT),
        "post",
    ),
    Row("courses:dashboard", "/en/me/learning/", signed_in()),
    Row("courses:my_record", "/en/me/learning/record.json", signed_in()),
    # Only its learner (and staff) get the PDF; for anyone else it does not exist.
    Row(
        "courses:certificate_pdf",
        "/en/me/certificates/{certificate.code}.pdf",
        only({"learner", "admin"}, refused=404),
    ),
    Row("courses:certificate_verify", "/en/certificates/{certificate.code}/", everyone()),
    Row("courses:my_cohorts", "/en/me/cohorts/", signed_in()),
    Row(
        "courses:cohort_create",
        "/en/institutes/{institute.slug}/cohorts/new/",
        only({"admin"}),
    ),
    Row("courses:cohort", "/en/cohorts/{cohort.pk}/", only({"facilitator", "admin"})),
    Row("courses:cohort_edit", "/en/cohorts/{cohort.pk}/edit/", only({"admin"})),
    Row(
        "courses:cohort_invite",
        "/en/cohorts/{cohort.pk}/invite/",
        only({"facilitator", "admin"}, REDIRECT),
        "post",
        {"emails": "someone@example.org"},
    ),
    Row(
        "courses:cohort_csv",
        "/en/cohorts/{cohort.pk}/learners.csv",
        only({"facilitator", "admin"}),
    ),
    Row(
        "courses:cohort_statements",
        "/en/cohorts/{cohort.pk}/statements.json",
        only({"facilitator", "admin"}),
    ),
    Row(
        "courses:cohort_invitation",
        "/en/cohorts/invitation/{cohort_invitation.token}/",
        everyone(),
    ),
]

# --- Search --------------------------------------------------------------------------------

SEARCH = [
    Row("search:search", "/en/search/?q=watershed", everyone()),
]

# --- Forums --------------------------------------------------------------------------------

PRIVATE = {"refused": 404, "anonymous": 404}

FORUMS = [
    Row("forums:index", "/en/forums/", everyone()),
    Row("forums:topic_new", "/en/forums/new/", signed_in()),
    Row("forums:category", "/en/forums/c/{public_category.slug}/", everyone()),
    Row(
        "forums:category",
        "/en/forums/c/{private_category.slug}/",
        only(PARTNERS, **PRIVATE),
    ),
    Row("forums:category_feed", "/en/forums/c/{public_category.slug}/feed/", everyone()),
    Row(
        "forums:category_feed",
        "/en/forums/c/{private_category.slug}/feed/",
        everyone(404),
        why="a feed reader has no session: private categories have no feed",
    ),
    Row(
        "forums:category_watch",
        "/en/forums/c/{private_category.slug}/watch/",
        only(PARTNERS, REDIRECT, refused=404),
        "post",
    ),
    Row(
        "forums:topic",
        "/en/forums/t/{public_topic.pk}-{public_topic.slug}/",
        everyone(),
    ),
    Row(
        "forums:topic",
        "/en/forums/t/{private_topic.pk}-{private_topic.slug}/",
        only(PARTNERS, **PRIVATE),
    ),
    Row(
        "forums:topic",
        "/en/forums/t/{cohort_topic.pk}-{cohort_topic.slug}/",
        only(COHORT, **PRIVATE),
    ),
    Row(
        "forums:reply",
        "/en/forums/t/{private_topic.pk}/reply/",
        only(PARTNERS, REDIRECT, refused=404),
        "post",
        {"body": "A reply from the matrix."},
    ),
    Row(
        "forums:topic_watch",
        "/en/forums/t/{public_topic.pk}/watch/",
        signed_in(REDIRECT),
        "post",
    ),
    # The topic is not in a Q&A category: nobody can mark a solution (they are sent back to
    # the post with a message).
    Row(
        "forums:topic_solution",
        "/en/forums/t/{public_topic.pk}/solution/",
        signed_in(REDIRECT),
        "post",
        {"post": "{public_post.number}"},
    ),
    Row(
        "forums:topic_moderate",
        "/en/forums/t/{public_topic.pk}/moderate/",
        only(MODERATORS, REDIRECT),
        "post",
        {"action": "lock"},
    ),
    Row(
        "forums:topic_moderate",
        "/en/forums/t/{private_topic.pk}/moderate/",
        but(only({"manager", "admin"}, REDIRECT, refused=404), member=403),
        "post",
        {"action": "lock"},
    ),
    Row("forums:post", "/en/forums/p/{public_post.pk}/", everyone(REDIRECT)),
    Row("forums:post", "/en/forums/p/{private_post.pk}/", only(PARTNERS, REDIRECT, **PRIVATE)),
    Row(
        "forums:post_edit",
        "/en/forums/p/{public_post.pk}/edit/",
        only(MODERATORS),
    ),
    Row(
        "forums:react",
        "/en/forums/p/{public_post.pk}/react/",
        signed_in(REDIRECT),
        "post",
        {"emoji": "thumbs_up"},
    ),
    Row("forums:post_flag", "/en/forums/p/{public_post.pk}/flag/", signed_in()),
    Row(
        "forums:post_hide",
        "/en/forums/p/{public_post.pk}/hide/",
        only(MODERATORS, REDIRECT),
        "post",
        {"reason": "Off topic"},
    ),
    Row(
        "forums:post_restore",
        "/en/forums/p/{public_post.pk}/restore/",
        only(MODERATORS, REDIRECT),
        "post",
    ),
    Row(
        "forums:attachment",
        "/en/forums/attachments/{public_attachment.pk}/{public_attachment.name}",
        everyone(),
    ),
    Row(
        "forums:attachment",
        "/en/forums/attachments/{private_attachment.pk}/{private_attachment.name}",
        only(PARTNERS, **PRIVATE),
    ),
    Row("forums:notifications", "/en/forums/notifications/", signed_in()),
    Row(
        "forums:notifications_read",
        "/en/forums/notifications/read/",
        signed_in(REDIRECT),
        "post",
    ),
    Row(
        "forums:digest_setting",
        "/en/forums/notifications/digest/",
        signed_in(REDIRECT),
        "post",
        {"frequency": "weekly"},
    ),
    Row("forums:moderation", "/en/forums/moderation/", only(ANY_MODERATOR)),
    Row(
        "forums:flag_action",
        "/en/forums/moderation/flags/{flag.pk}/",
        only(MODERATORS, REDIRECT, refused=403),
        "post",
        {"action": "dismiss"},
    ),
    Row("forums:moderation_log", "/en/forums/moderation/log/", only(ANY_MODERATOR)),
    Row(
        "forums:suspend",
        "/en/forums/moderation/suspend/{author.username}/",
        only(MODERATORS),
    ),
]

# --- Wagtail pages (the catch-all) ---------------------------------------------------------

PAGES = [
    Row("wagtail_serve", "/en/", everyone()),
    Row("wagtail_serve", "{case_study.url}", everyone()),
    Row("wagtail_serve", "{course.url}", everyone()),
    # A lesson is for its learners: others are sent to the course to enrol, or to sign in.
    Row("wagtail_serve", "{quizzed.url}", only({"learner"}, refused=REDIRECT)),
    # A password-protected page shows the password form to everyone.
    Row("wagtail_serve", "{restricted_page.url}", everyone()),
    Row(
        "wagtailcore_authenticate_with_password",
        "/en/_util/authenticate_with_password/{page_restriction.pk}/{restricted_page.pk}/",
        everyone(),
    ),
    # Wagtail's own sign-in form for private pages is replaced by allauth's.
    Row("wagtailcore_login", "/en/_util/login/", everyone(LOGIN)),
]

HTTP = [*ADMIN, *MACHINE, *ACCOUNTS, *PEOPLE, *KNOWLEDGE, *COURSES, *SEARCH, *FORUMS, *PAGES]

# --- Websockets (config/routing.py) --------------------------------------------------------

# 4401: not signed in; 4403: may not read the topic; 4404: no such topic.
WEBSOCKET = [
    Row("ws/me/", "/ws/me/", but(everyone(ACCEPT), anonymous=4401)),
    Row(
        "ws/forums/topics/<int:topic_id>/", "/ws/forums/topics/{public_topic.pk}/", everyone(ACCEPT)
    ),
    Row(
        "ws/forums/topics/<int:topic_id>/",
        "/ws/forums/topics/{private_topic.pk}/",
        only(PARTNERS, ACCEPT, refused=4403, anonymous=4403),
    ),
    Row(
        "ws/forums/topics/<int:topic_id>/",
        "/ws/forums/topics/{cohort_topic.pk}/",
        only(COHORT, ACCEPT, refused=4403, anonymous=4403),
    ),
]
