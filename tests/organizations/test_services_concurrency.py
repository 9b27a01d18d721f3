"""Doubled requests racing on PostgreSQL: the database constraints keep one row."""

import pytest
from django.core.exceptions import ValidationError

from organizations import services
from organizations.models import Cadre, Invitation
from tests.concurrency import race

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

PASSWORD = "Hoc-tap-suot-doi-2025"


def _create_hang(organizer, unit, **extra):
    return services.cadre_create(
        actor=organizer,
        unit=unit,
        full_name="Đinh Thị Hằng",
        gender="female",
        title="Bí thư",
        kind="dedicated",
        **extra,
    )


def test_doubled_create_with_same_request_key_makes_one_cadre(tree, organizer):
    outcomes = race(lambda: _create_hang(organizer, tree["commune"], request_key="same-form"))

    assert Cadre.objects.filter(full_name="Đinh Thị Hằng").count() == 1
    pks = {o.pk for o in outcomes if isinstance(o, Cadre)}
    assert len(pks) == 1


def test_racing_creates_with_same_national_id_keep_one(tree, organizer):
    outcomes = race(lambda: _create_hang(organizer, tree["commune"], national_id="068195001111"))

    assert Cadre.objects.filter(national_id="068195001111").count() == 1
    refused = [o for o in outcomes if isinstance(o, ValidationError)]
    assert len(refused) == len(outcomes) - 1
    assert all("national_id" in o.message_dict for o in refused)


def test_racing_accepts_of_one_invitation_create_one_account(tree, organizer, cadre_ld):
    invitation = services.invitation_send(actor=organizer, cadre=cadre_ld, email="h@example.vn")

    outcomes = race(lambda: services.invitation_accept(token=invitation.token, password=PASSWORD))

    from django.contrib.auth import get_user_model

    assert get_user_model().objects.filter(email="h@example.vn").count() == 1
    assert sum(1 for o in outcomes if isinstance(o, get_user_model())) == 1
    assert Invitation.objects.get().accepted_at is not None
