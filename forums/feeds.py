"""An Atom feed of the latest posts of each public category. A private category has no
feed: it answers 404, exactly like a category that does not exist."""

from django.contrib.syndication.views import Feed
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from .models import Category, Post

FEED_SIZE = 30


class CategoryFeed(Feed):
    feed_type = Atom1Feed

    def get_object(self, request, slug):
        category = get_object_or_404(Category, slug=slug)
        if category.is_private:
            raise Http404
        return category

    def title(self, obj):
        return _("%(name)s · Landscape Network forums") % {"name": obj.name}

    def subtitle(self, obj):
        return obj.description

    def link(self, obj):
        return obj.get_absolute_url()

    def items(self, obj):
        return (
            Post.objects.filter(
                topic__category=obj,
                topic__category__partnership__isnull=True,
                topic__category__cohort__isnull=True,
                is_hidden=False,
            )
            .select_related("topic", "author")
            .order_by("-created_at", "-pk")[:FEED_SIZE]
        )

    def item_title(self, item):
        if item.number == 1:
            return item.topic.title
        return _("Re: %(title)s (#%(number)s)") % {"title": item.topic.title, "number": item.number}

    def item_description(self, item):
        return item.body_html

    def item_link(self, item):
        return item.get_absolute_url()

    def item_guid(self, item):
        return f"post-{item.pk}"

    item_guid_is_permalink = False

    def item_author_name(self, item):
        return item.author.name if item.author else None

    def item_pubdate(self, item):
        return item.created_at

    def item_updateddate(self, item):
        return item.edited_at or item.created_at
