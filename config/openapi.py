"""The OpenAPI description of the JSON API, served at /api/openapi.json.

Written by hand in config/openapi.yaml (easier to review than JSON) and converted once per
process; tests/test_api_schema.py holds the endpoints to it with schemathesis.
"""

from functools import cache
from pathlib import Path

import yaml
from django.http import JsonResponse
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_GET

SCHEMA_PATH = Path(__file__).with_name("openapi.yaml")
MAX_AGE = 60 * 60


@cache
def openapi_schema():
    """The schema as a dict (parsed once; treat it as read-only)."""
    with SCHEMA_PATH.open(encoding="utf-8") as schema_file:
        return yaml.safe_load(schema_file)


@require_GET
def openapi_view(request):
    response = JsonResponse(openapi_schema(), json_dumps_params={"ensure_ascii": False})
    # The same document for everyone, changed only by a deployment.
    patch_cache_control(response, public=True, max_age=MAX_AGE)
    return response
