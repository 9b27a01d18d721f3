"""A bulk import writes without post_save; the indicators still learn of it."""

import datetime

from django.test import override_settings

from indicators.models import Snapshot
from indicators.services import snapshot_live, snapshots_refresh_stale
from tests.factories import CADRE_HEADERS, cadre_row, import_run, xlsx_upload


def period(as_of: datetime.date) -> Snapshot:
    return Snapshot.objects.get(kind=Snapshot.Kind.PERIOD, as_of=as_of)


@override_settings(INDICATOR_REFRESH_AFTER_COMMIT=False)
def test_a_cadre_import_marks_the_quarter_ends_its_posts_reach(organizer, tree):
    snapshots_refresh_stale()
    assert not Snapshot.objects.filter(stale=True).exists()

    row = cadre_row(national_id="068095001234", start_date="02/05/2024")
    job = import_run(organizer, "cadres", tree["lam_dong"], xlsx_upload(CADRE_HEADERS, [row]))

    assert job.status == "done", job.errors
    assert snapshot_live().stale
    assert not period(datetime.date(2024, 3, 31)).stale
    assert period(datetime.date(2024, 6, 30)).stale


def test_imported_dedicated_cadres_are_counted_after_the_import(organizer, tree):
    snapshots_refresh_stale(live_only=True)
    before = snapshot_live().rollups.get(
        unit=tree["lam_dong"], segment="all", generation=snapshot_live().generation
    )

    rows = [cadre_row(national_id=f"06809500123{i}") for i in range(3)]
    job = import_run(organizer, "cadres", tree["lam_dong"], xlsx_upload(CADRE_HEADERS, rows))
    assert job.status == "done", job.errors

    live = snapshot_live()
    after = live.rollups.get(unit=tree["lam_dong"], segment="all", generation=live.generation)
    assert after.d_den == before.d_den + 3
