"""Certificates (placeholders until the certificate PDF lands)."""

from django.http import Http404


def _missing(*args, **kwargs):
    raise Http404


certificate_pdf = certificate_verify = _missing
