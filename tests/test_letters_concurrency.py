"""Reference numbers stay unique and gap-free when two planners issue letters at the same moment (PostgreSQL:
the year's counter row is locked while a transaction gives out numbers)."""

import threading

import pytest
from django.db import connection

from letters.models import InvitationLetter
from letters.services import issue_letters
from tests import factories

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL"),
]


def test_two_issuers_at_once_get_distinct_numbers():
    delegations = [factories.DelegationFactory() for _ in range(2)]
    for delegation in delegations:
        factories.MemberFactory.create_batch(6, delegation=delegation)
    barrier = threading.Barrier(len(delegations))
    errors = []

    def issue(delegation):
        try:
            barrier.wait(timeout=10)
            issue_letters(delegation=delegation)
        except Exception as error:  # reported by the assertion below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=issue, args=(delegation,)) for delegation in delegations]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    assert sorted(InvitationLetter.objects.values_list("sequence", flat=True)) == list(range(1, 13))
