"""Running actions in real concurrent transactions, for the tests of rules that must hold when
two people (or two tabs) act at the same moment. Needs PostgreSQL."""

import threading

from django.core.exceptions import ValidationError
from django.db import connections


def run_together(*actions):
    """Run the actions in threads released at once; return what each did."""
    barrier = threading.Barrier(len(actions))
    outcomes = []

    def go(action):
        try:
            barrier.wait(timeout=5)
            action()
            outcomes.append("ok")
        except ValidationError:
            outcomes.append("refused")
        except Exception as exc:  # anything else is a failure to report, not swallow
            outcomes.append(repr(exc))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=go, args=(action,)) for action in actions]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
        assert not thread.is_alive(), "a transaction is stuck"
    return sorted(outcomes)
