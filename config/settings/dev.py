"""One machine, embedded defaults: what `make run` uses."""

from .base import *  # noqa: F403
from .base import env

# The embedded SQLite database and media live here (production never writes next to the code).
VAR_DIR.mkdir(exist_ok=True)  # noqa: F405

DEBUG = env.bool("DJANGO_DEBUG", default=True)
SECRET_KEY = env.str(
    "DJANGO_SECRET_KEY", default="dev-only-insecure-key-never-use-in-production-2f9c1a"
)
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])
# Serve files from the app folders without collectstatic while developing.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
