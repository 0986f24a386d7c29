"""Writes that carry the rules of courses: ``learning`` (what a learner does) and ``cohorts``
(what an institute does). Views, forms, the JSON endpoints and the demo all call these."""

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
    "enrollment_create",
    "enrollment_leave",
    "lesson_complete",
    "lesson_open",
    "lesson_track",
    "locked_module_keys",
    "missing_prerequisites",
    "quiz_submit",
]
