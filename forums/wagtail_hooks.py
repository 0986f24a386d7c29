"""Forum categories in the Wagtail admin: editors create the tree (global, themes, regions)
and the private spaces of partnerships and cohorts. Topics and posts are moderated on the
site itself (forums/moderation/), where every action is logged."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Category


class CategoryViewSet(SnippetViewSet):
    model = Category
    icon = "folder-open-inverse"
    menu_label = _("Forum categories")
    menu_order = 400
    add_to_admin_menu = True
    list_display = ["name", "slug", "kind", "parent", "is_qa", "topic_count", "post_count"]
    list_filter = ["kind", "is_qa"]
    search_fields = ["name", "slug", "description"]
    ordering = ["position", "name"]


register_snippet(CategoryViewSet)
