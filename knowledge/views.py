"""The knowledge hub's sections, reachable by name (``knowledge:case_studies``) whatever slug
editors give their index pages."""

from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import get_language
from wagtail.views import serve

from .models import CaseStudyIndexPage, CurriculumIndexPage


def section(request, model, slug):
    """Serve a section index page by its usual slug, or redirect to wherever editors moved it
    (used by every app with a section: case studies, curricula, courses)."""
    # The usual case: the index page has the slug the section is named after, and Wagtail
    # serves it at this very address (privacy rules, hooks and caching included).
    try:
        return serve(request, f"{slug}/")
    except Http404:
        pass
    # An editor renamed or moved the index: send readers to wherever it is now.
    pages = model.objects.live().public()
    index = (
        pages.filter(locale__language_code=get_language()).first()
        or pages.filter(locale__language_code="en").first()
    )
    if index is None:
        raise Http404
    url = index.get_url(request)
    if not url or url == request.path:
        raise Http404
    return redirect(url)


def case_studies(request):
    return section(request, CaseStudyIndexPage, "case-studies")


def curricula(request):
    return section(request, CurriculumIndexPage, "curricula")
