"""Send pending learning statements to the Learning Record Store (``XAPI_LRS_URL``).

The web processes already forward statements in the background after each learner action;
this worker is what retries the ones that failed (the LRS was down) once their backoff has
passed, and drains any backlog. Run it as its own process (``manage.py xapi_forward``), or
from cron with ``--once``. Several workers may run at once on PostgreSQL.
"""

import time

from django.core.management.base import BaseCommand, CommandError
from django.db import close_old_connections

from courses import lrs


class Command(BaseCommand):
    help = "Forward pending xAPI statements to the Learning Record Store, with retries."

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="Send what is due now, then stop.")
        parser.add_argument(
            "--interval",
            type=float,
            default=30.0,
            help="Seconds to wait between runs when nothing is due (default 30).",
        )
        parser.add_argument(
            "--batch",
            type=int,
            default=lrs.BATCH_SIZE,
            help=f"Statements per request to the LRS (default {lrs.BATCH_SIZE}).",
        )

    def handle(self, *args, once=False, interval=30.0, batch=lrs.BATCH_SIZE, **options):
        if not lrs.is_configured():
            raise CommandError("XAPI_LRS_URL is not set: there is no Learning Record Store.")
        if batch < 1:
            raise CommandError("--batch must be at least 1.")
        while True:
            result = lrs.forward_all(limit=batch)
            if result.sent or result.failed:
                line = f"{result.sent} sent, {result.failed} still pending"
                if result.error:
                    line += f" ({result.error})"
                self.stdout.write(line)
            elif once:
                self.stdout.write("Nothing to send.")
            if once:
                return
            # A long-lived worker: drop a connection the database closed meanwhile.
            close_old_connections()
            time.sleep(interval)
