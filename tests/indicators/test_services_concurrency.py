"""Racing writers and refreshers on PostgreSQL: each thing happens once."""

import datetime

import pytest
from django.test import override_settings

from indicators.models import Declaration, Report, Rollup, Snapshot
from indicators.services import (
    declaration_submit,
    report_request,
    snapshot_live,
    snapshot_refresh,
)
from tests.concurrency import race
from tests.factories import make_certificate

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@override_settings(INDICATOR_REFRESH_AFTER_COMMIT=False)
def test_racing_refreshes_compute_the_live_snapshot_once(tree, cadre_ld):
    live = snapshot_live()
    make_certificate(cadre_ld, "class")  # marks the live figures stale once it commits
    live.refresh_from_db()
    assert live.stale
    before = live.generation

    outcomes = race(lambda: snapshot_refresh(snapshot_id=live.pk), n=6, catch=())

    live.refresh_from_db()
    assert outcomes.count(True) == 1, outcomes
    assert (live.generation, live.claimed, live.stale) == (before + 1, before + 1, False)
    assert live.lease_until is None
    row = Rollup.objects.get(
        snapshot=live, generation=live.generation, unit=tree["central"], segment="all"
    )
    assert (row.d_num, row.d_den) == (1, 1)


def test_racing_forced_refreshes_never_reuse_a_generation(tree, cadre_ld):
    live = snapshot_live()
    Snapshot.objects.filter(pk=live.pk).update(stale=False)

    race(lambda: snapshot_refresh(snapshot_id=live.pk, force=True), n=4, catch=())

    live.refresh_from_db()
    generations = set(Rollup.objects.filter(snapshot=live).values_list("generation", flat=True))
    assert live.generation in generations
    assert live.claimed == live.generation
    assert live.lease_until is None


def test_a_doubled_declaration_submit_records_once(tree, organizer):
    outcomes = race(
        lambda: declaration_submit(
            actor=organizer,
            unit=tree["commune"],
            year=2025,
            activities_held=10,
            activities_on_portal=6,
            campaigns=4,
            campaigns_with_models=3,
            request_key="kk-dup",
        ),
        n=6,
        catch=(),
    )

    assert Declaration.objects.count() == 1
    assert {o.pk for o in outcomes} == {Declaration.objects.get().pk}


def test_racing_report_requests_give_one_report(tree, viewer):
    outcomes = race(
        lambda: report_request(
            actor=viewer, unit=tree["lam_dong"], kind="midterm", cutoff=datetime.date(2025, 12, 31)
        ),
        n=6,
        catch=(),
    )

    assert Report.objects.count() == 1
    assert {o.pk for o in outcomes} == {Report.objects.get().pk}
