from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

# The site's main sections. A section whose app has not been installed yet has no URL name
# to resolve and is left out of the menu rather than linking to a missing page.
SECTIONS = [
    ("knowledge:case_studies", _("Case studies")),
    ("knowledge:curricula", _("Curricula")),
    ("courses:index", _("Courses")),
    ("forums:index", _("Forums")),
    ("search:search", _("Search")),
    ("people:directory", _("People")),
    ("people:partnerships", _("Partnerships")),
]


def site_navigation(request):
    items = []
    path = getattr(request, "path", "")
    for name, label in SECTIONS:
        try:
            url = reverse(name)
        except NoReverseMatch:
            continue
        items.append({"url": url, "label": label, "current": path.startswith(url)})
    return {"main_navigation": items}
