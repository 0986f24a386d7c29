"""Process-wide tuning of the web servers, applied by config/asgi.py once the site is loaded."""

import gc

from django.conf import settings


def tune_garbage_collector():
    """Python's cycle collector stops the whole process while it walks the objects it tracks.
    In a Daphne process holding hundreds of websockets, the full collections that Python's
    default thresholds (700, 10, 10) set off held every socket of the process for about
    130 ms, every few posts: the forums' slowest deliveries (bench/forums.py at 1,000
    clients: p99 246 ms with the defaults, 132 ms tuned; the median does not move).

    So what is loaded at start-up (Django, the apps and their models, the websocket routes)
    is moved out of the collector's sight with ``gc.freeze()``, and collections come less
    often (``GC_THRESHOLDS``, DJANGO_GC_THRESHOLDS in the environment). Reference counting
    still frees almost every object at once; only garbage in reference cycles waits longer,
    so nothing may rely on the collector to release a resource: database connections go
    through a pool for that reason (config/settings/base.py)."""
    thresholds = settings.GC_THRESHOLDS
    if not thresholds:
        return
    gc.collect()
    gc.freeze()
    gc.set_threshold(*thresholds)
