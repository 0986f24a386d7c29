"""Two managers stepping down at the same moment: exactly one may, so the partnership keeps a
manager. Needs real concurrent transactions, so it runs on PostgreSQL."""

import pytest
from django.db import connection

from people import services
from people.models import Membership
from people.tests.factories import MembershipFactory, PartnershipFactory
from tests.concurrency import run_together

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

        def act(membership):
            if action == "step_down":
                services.membership_set_role(
                    membership=membership, role="member", by=membership.user
                )
            else:
                services.membership_remove(membership=membership, by=membership.user)

        outcomes = run_together(lambda a=a: act(a), lambda b=b: act(b))
        assert outcomes == ["ok", "refused"]
        assert Membership.objects.filter(partnership=partnership, role="manager").count() == 1
