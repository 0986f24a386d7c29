from django.utils.functional import SimpleLazyObject

from . import selectors


def forum_unread(request):
    """The signed-in person's unread forum notifications, counted (one query) only when a
    template shows it."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"forum_unread": 0}
    return {"forum_unread": SimpleLazyObject(lambda: selectors.unread_notification_count(user))}
