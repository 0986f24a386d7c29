"""The forums' JSON API (outside the language prefix), for clients without websockets.

``GET /api/forums/topics/<id>/events/?after=N[&lang=fr]`` answers the events with ``seq > N``
in order, at most 200, in the websocket's payload format (forums.events), with ``next`` (the
``after`` to ask for next) when there are more. Session authentication; a topic the requester
may not read answers 404, like one that does not exist, in JSON like every other answer
(config/openapi.yaml describes both).
"""

from django.http import JsonResponse
from django.urls import path
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from . import events, permissions
from .models import Topic


@never_cache
@require_GET
def topic_events(request, topic_id):
    topic = Topic.objects.select_related("category").filter(pk=topic_id).first()
    if topic is None or not permissions.can_read_topic(request.user, topic):
        # Not the site's HTML "page not found": a client of this API reads JSON.
        response = JsonResponse({"message": "Not found."}, status=404)
        response["Cache-Control"] = "private, no-store"
        return response
    try:
        after = max(0, int(request.GET.get("after", 0)))
    except ValueError:
        after = 0
    payloads = events.load(
        topic.pk, after, lang=request.GET.get("lang") or getattr(request, "LANGUAGE_CODE", "")
    )
    more = len(payloads) == events.BATCH and payloads[-1]["seq"] < topic.last_seq
    response = JsonResponse(
        {
            "topic": topic.pk,
            "last_seq": topic.last_seq,
            "events": payloads,
            "next": payloads[-1]["seq"] if more else None,
        }
    )
    response["Cache-Control"] = "private, no-store"
    return response


urlpatterns = [
    path("topics/<int:topic_id>/events/", topic_events, name="topic_events"),
]
