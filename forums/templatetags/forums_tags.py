from django import template

from forums import selectors

register = template.Library()


@register.simple_tag
def post_reactions(post):
    """[{kind, label, count, mine}] for every reaction kind, from what
    ``selectors.prepare_posts`` computed, or from the post's (prefetched) reactions."""
    summary = getattr(post, "reaction_summary", None)
    if summary is None:
        summary = selectors.reaction_summary(post)
    return summary


@register.inclusion_tag("forums/includes/discuss_list.html", takes_context=True)
def discuss_page(context, page):
    """The topics about a page that this reader may read (one query), and a link to start
    one."""
    request = context.get("request")
    user = getattr(request, "user", None)
    topics = selectors.page_topics(user, page) if page is not None and page.pk else []
    return {"page": page, "topics": topics, "user": user, "request": request}
