"""Placeholder: filled in by the work on this file."""

from django.http import Http404


def submit(request, page_id=None):
    raise Http404


def my_submissions(request):
    raise Http404
