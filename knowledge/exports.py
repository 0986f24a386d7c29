"""Placeholder: filled in by the work on this file."""

from django.http import Http404


def cartridge(request, page_id):
    raise Http404


def facilitator_guide(request, page_id):
    raise Http404
