"""Writes that carry the rules of courses: ``learning`` (what a learner does) and ``cohorts``
(what an institute does). Views, forms, the JSON endpoints and the demo all call these."""

from .cohorts import (
    InvitationReport,
    cohort_create,
    cohort_invitation_accept,
    cohort_invitation_revoke,
    cohort_invitations_accept_for_email,
    cohort_invite,
    cohort_remove_learner,
    cohort_update,
    course_for_language,
    parse_emails,
)
from .learning import (
    enrollment_create,
    enrollment_leave,
    lesson_complete,
    lesson_open,
    lesson_track,
    locked_module_keys,
    missing_prerequisites,
    quiz_submit,
)

__all__ = [
    "InvitationReport",
    "cohort_create",
    "cohort_invitation_accept",
    "cohort_invitation_revoke",
    "cohort_invitations_accept_for_email",
    "cohort_invite",
    "cohort_remove_learner",
    "cohort_update",
    "course_for_language",
    "parse_emails",
    "enrollment_create",
    "enrollment_leave",
    "lesson_complete",
    "lesson_open",
    "lesson_track",
    "locked_module_keys",
    "missing_prerequisites",
    "quiz_submit",
]
