"""The knowledge hub's sections, reachable by name (``knowledge:case_studies``) whatever slug
editors give their index pages."""

from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import get_language
from wagtail.models import Locale, Site
from wagtail.views import serve

from .models import CaseStudyIndexPage, CurriculumIndexPage


def _section(request, model):
    site = Site.find_for_request(request)
    pages = model.objects.live().public()
    locale = Locale.objects.filter(language_code=get_language()).first()
    index = (pages.filter(locale=locale).first() if locale else None) or pages.filter(
        locale__language_code="en"
    ).first()
    if index is None or site is None:
        raise Http404
    url = index.get_url(request)
    if url != request.path:
        return redirect(url)
    # Same address as the page itself: let Wagtail serve it (privacy, hooks, caching).
    relative = index.url_path[len(site.root_page.localized.url_path) :]
    return serve(request, relative)


def case_studies(request):
    return _section(request, CaseStudyIndexPage)


def curricula(request):
    return _section(request, CurriculumIndexPage)
