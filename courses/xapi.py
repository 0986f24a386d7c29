"""Learning events as xAPI 1.0.3 statements (https://github.com/adlnet/xAPI-Spec).

Activities are named by IRIs built from the site's address and the pages' translation keys,
so a lesson has one IRI in every language and keeps it when it moves. Learners are identified
by an account on this site (not their email address), which is all a Learning Record Store
needs to tell them apart.
"""

import uuid
from datetime import timedelta

from django.conf import settings

XAPI_VERSION = "1.0.3"

# ADL verb IRIs (https://registry.tincanapi.com, the ADL vocabulary).
VERBS = {
    "registered": "http://adlnet.gov/expapi/verbs/registered",
    "launched": "http://adlnet.gov/expapi/verbs/launched",
    "completed": "http://adlnet.gov/expapi/verbs/completed",
    "passed": "http://adlnet.gov/expapi/verbs/passed",
    "failed": "http://adlnet.gov/expapi/verbs/failed",
    "answered": "http://adlnet.gov/expapi/verbs/answered",
    "exited": "http://adlnet.gov/expapi/verbs/exited",
}

# ADL activity types.
ACTIVITY_TYPES = {
    "course": "http://adlnet.gov/expapi/activities/course",
    "module": "http://adlnet.gov/expapi/activities/module",
    "lesson": "http://adlnet.gov/expapi/activities/lesson",
    "assessment": "http://adlnet.gov/expapi/activities/assessment",
    "question": "http://adlnet.gov/expapi/activities/cmi.interaction",
    "group": "http://adlnet.gov/expapi/activities/group",
}


def site_root():
    return getattr(settings, "XAPI_ACTIVITY_ROOT", "") or settings.WAGTAILADMIN_BASE_URL.rstrip("/")


def activity_iri(kind, key, *parts):
    """The activity IRI of a course, module, lesson (by translation key), quiz or question."""
    tail = "".join(f"/{part}" for part in parts)
    return f"{site_root()}/xapi/activities/{kind}/{key}{tail}"


def actor(user):
    return {
        "objectType": "Agent",
        "name": user.name,
        "account": {"homePage": site_root(), "name": str(user.pk)},
    }


def activity(kind, iri, name, language="en"):
    return {
        "objectType": "Activity",
        "id": iri,
        "definition": {"type": ACTIVITY_TYPES[kind], "name": {language: str(name)}},
    }


def duration(seconds):
    """ISO 8601 duration, as xAPI wants it: PT1H2M3S."""
    seconds = max(0, int(seconds or 0))
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    text = "PT"
    if hours:
        text += f"{hours}H"
    if minutes:
        text += f"{minutes}M"
    if secs or text == "PT":
        text += f"{secs}S"
    return text


def parse_duration(text):
    """The seconds of a PT…H…M…S duration (what ``duration`` writes)."""
    import re

    match = re.fullmatch(r"PT(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?", text or "")
    if not match:
        raise ValueError(f"not an ISO 8601 time duration: {text!r}")
    hours, minutes, secs = (float(part or 0) for part in match.groups())
    return timedelta(hours=hours, minutes=minutes, seconds=secs).total_seconds()


def context(*, course_iri, course_name, cohort=None, language="en", parent=None):
    activities = {"grouping": [activity("course", course_iri, course_name, language)]}
    if parent is not None:
        activities["parent"] = [parent]
    result = {
        "contextActivities": activities,
        "language": language,
        "platform": "Landscape Network",
    }
    if cohort is not None:
        activities["grouping"].append(
            activity("group", f"{site_root()}/xapi/activities/cohort/{cohort.pk}", cohort.name)
        )
        result["extensions"] = {f"{site_root()}/xapi/extensions/cohort": cohort.pk}
    return result


def result(*, score=None, success=None, completion=None, seconds=None, response=None):
    """A statement's result: score as a percentage (scaled 0–1, raw 0–100)."""
    data = {}
    if score is not None:
        data["score"] = {"scaled": round(score / 100, 4), "raw": score, "min": 0, "max": 100}
    if success is not None:
        data["success"] = bool(success)
    if completion is not None:
        data["completion"] = bool(completion)
    if seconds is not None:
        data["duration"] = duration(seconds)
    if response is not None:
        data["response"] = response
    return data


def statement(*, user, verb, obj, timestamp, result_data=None, context_data=None):
    data = {
        "id": str(uuid.uuid4()),
        "actor": actor(user),
        "verb": {"id": VERBS[verb], "display": {"en-US": verb}},
        "object": obj,
        "timestamp": timestamp.isoformat(),
        "version": XAPI_VERSION,
    }
    if result_data:
        data["result"] = result_data
    if context_data:
        data["context"] = context_data
    return data
