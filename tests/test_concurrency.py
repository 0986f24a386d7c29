"""Two managers stepping down at the same moment: exactly one may, so the partnership keeps a
manager. Needs real concurrent transactions, so it runs on PostgreSQL."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections

from people import services
from people.models import Membership
from people.tests.factories import MembershipFactory, PartnershipFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="concurrent transactions need PostgreSQL (set DATABASE_URL; CI does)",
)
@pytest.mark.parametrize("action", ["step_down", "leave"])
def test_two_managers_cannot_both_leave_at_once(action):
    for _round in range(5):
        partnership = PartnershipFactory()
        a = MembershipFactory(partnership=partnership, role="manager")
        b = MembershipFactory(partnership=partnership, role="manager")
        barrier = threading.Barrier(2)
        outcomes = []

        def go(membership, barrier=barrier, outcomes=outcomes):
            try:
                barrier.wait(timeout=5)
                if action == "step_down":
                    services.membership_set_role(
                        membership=membership, role="member", by=membership.user
                    )
                else:
                    services.membership_remove(membership=membership, by=membership.user)
                outcomes.append("ok")
            except ValidationError:
                outcomes.append("refused")
            except Exception as exc:  # anything else is a failure to report, not swallow
                outcomes.append(repr(exc))
            finally:
                connections.close_all()

        threads = [threading.Thread(target=go, args=(m,)) for m in (a, b)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=20)
            assert not thread.is_alive(), "a transaction is stuck"
        assert sorted(outcomes) == ["ok", "refused"]
        assert Membership.objects.filter(partnership=partnership, role="manager").count() == 1
