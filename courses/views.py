"""Views of the learner (placeholders until the learner's pages land)."""

from django.http import Http404


def _missing(*args, **kwargs):
    raise Http404


index = enroll = leave = lesson_complete = lesson_progress = quiz_submit = _missing
dashboard = my_record = _missing


def lesson_serve(lesson, request, *args, **kwargs):
    raise Http404
