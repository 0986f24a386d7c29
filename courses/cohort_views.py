"""Views of cohorts (placeholders until the cohort pages land)."""

from django.http import Http404


def _missing(*args, **kwargs):
    raise Http404


my_cohorts = cohort_create = cohort_detail = cohort_edit = cohort_invite = _missing
cohort_csv = cohort_statements = cohort_invitation = _missing
