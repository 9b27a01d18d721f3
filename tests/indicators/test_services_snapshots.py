"""Stored figures: computed once, refreshed after the changes that reach them, never twice."""

import datetime

from django.test import override_settings
from django.utils import timezone

from courses.models import TrainingClass
from indicators.models import Rollup, Snapshot
from indicators.services import (
    snapshot_live,
    snapshot_refresh,
    snapshots_ensure_periods,
    snapshots_refresh_stale,
)
from organizations.models import Post
from tests.certificates.trainer_helpers import certify
from tests.factories import (
    CadreFactory,
    certificate_templates,
    make_certificate,
    make_course,
    make_post,
)


def live_d(unit) -> tuple[int, int]:
    live = snapshot_live()
    row = Rollup.objects.get(snapshot=live, generation=live.generation, unit=unit, segment="all")
    return row.d_num, row.d_den


def period(as_of: datetime.date) -> Snapshot:
    return Snapshot.objects.get(kind=Snapshot.Kind.PERIOD, as_of=as_of)


def test_refresh_computes_the_live_snapshot(tree, cadre_ld):
    make_certificate(cadre_ld, "class")

    snapshots_refresh_stale(live_only=True)

    live = snapshot_live()
    assert live.generation == 1
    assert not live.stale
    assert live.computed_at is not None
    assert live.lease_until is None
    assert live.as_of == timezone.localdate()
    assert live_d(tree["central"]) == (1, 1)


def test_refresh_without_a_change_stores_nothing_new(tree, cadre_ld):
    snapshots_refresh_stale(live_only=True)
    rows = set(Rollup.objects.values_list("pk", flat=True))

    assert snapshots_refresh_stale(live_only=True) == 0

    assert snapshot_live().generation == 1
    assert set(Rollup.objects.values_list("pk", flat=True)) == rows


def test_certificate_issued_through_the_register_refreshes_live_figures_after_commit(
    tree, cadre_ld, django_capture_on_commit_callbacks
):
    certificate_templates()
    snapshots_refresh_stale(live_only=True)
    assert live_d(tree["lam_dong"]) == (0, 1)

    with django_capture_on_commit_callbacks(execute=True):
        certify(cadre_ld, tree["lam_dong"], issued_on=timezone.localdate())
        assert not snapshot_live().stale  # marked once the change commits, not while it runs

    live = snapshot_live()
    assert not live.stale
    assert live.generation == 2
    assert live_d(tree["lam_dong"]) == (1, 1)


def test_saved_post_refreshes_live_figures_after_commit(
    tree, cadre_ld, django_capture_on_commit_callbacks
):
    snapshots_refresh_stale(live_only=True)

    with django_capture_on_commit_callbacks(execute=True):
        make_post(CadreFactory(unit=tree["commune_hn"], post__volunteer=False), tree["ha_noi"])

    assert live_d(tree["ha_noi"]) == (0, 1)
    assert live_d(tree["central"]) == (0, 2)


@override_settings(INDICATOR_REFRESH_AFTER_COMMIT=False)
def test_past_certificate_marks_only_quarter_ends_on_or_after_its_date(
    tree, cadre_ld, django_capture_on_commit_callbacks
):
    snapshots_refresh_stale()
    assert not Snapshot.objects.filter(stale=True).exists()
    assert period(datetime.date(2024, 6, 30)).generation == 1

    with django_capture_on_commit_callbacks(execute=True):
        make_certificate(cadre_ld, "class", issued_on=datetime.date(2024, 5, 2))

    assert snapshot_live().stale
    assert not period(datetime.date(2024, 3, 31)).stale
    assert period(datetime.date(2024, 6, 30)).stale
    assert period(datetime.date(2025, 12, 31)).stale

    snapshots_refresh_stale()

    def d_at(as_of):
        snapshot = period(as_of)
        row = Rollup.objects.get(
            snapshot=snapshot, generation=snapshot.generation, unit=tree["commune"], segment="all"
        )
        return row.d_num, row.d_den

    assert d_at(datetime.date(2024, 3, 31)) == (0, 1)
    assert d_at(datetime.date(2024, 6, 30)) == (1, 1)
    assert period(datetime.date(2024, 3, 31)).generation == 1


def test_leased_snapshot_is_skipped(tree, cadre_ld):
    live = snapshot_live()
    Snapshot.objects.filter(pk=live.pk).update(
        lease_until=timezone.now() + datetime.timedelta(minutes=5)
    )

    assert snapshot_refresh(snapshot_id=live.pk, force=True) is False

    live.refresh_from_db()
    assert live.generation == 0
    assert live.stale
    assert not Rollup.objects.exists()


def test_expired_lease_does_not_block_a_refresh(tree, cadre_ld):
    live = snapshot_live()
    Snapshot.objects.filter(pk=live.pk).update(
        lease_until=timezone.now() - datetime.timedelta(minutes=1)
    )

    assert snapshot_refresh(snapshot_id=live.pk) is True
    assert live_d(tree["commune"]) == (0, 1)


def test_a_refresh_keeps_the_generation_before_and_deletes_older_ones(tree, cadre_ld):
    live = snapshot_live()
    snapshot_refresh(snapshot_id=live.pk)
    first = Rollup.objects.filter(snapshot=live).count()

    assert snapshot_refresh(snapshot_id=live.pk, force=True) is True

    def generations():
        return set(Rollup.objects.filter(snapshot=live).values_list("generation", flat=True))

    assert generations() == {1, 2}  # a reader that read generation 1 still finds it

    assert snapshot_refresh(snapshot_id=live.pk, force=True) is True
    assert generations() == {2, 3}
    assert Rollup.objects.filter(snapshot=live, generation=3).count() == first


def test_a_refresh_that_finishes_after_a_later_one_does_not_switch_back(tree, cadre_ld):
    live = snapshot_live()
    Snapshot.objects.filter(pk=live.pk).update(generation=5, claimed=5)
    Snapshot.objects.filter(pk=live.pk).update(stale=True)

    assert snapshot_refresh(snapshot_id=live.pk) is True

    live.refresh_from_db()
    assert (live.generation, live.claimed) == (6, 6)


def test_ensure_periods_creates_the_quarter_ends_once(db):
    assert snapshots_ensure_periods(today=datetime.date(2024, 1, 1)) == 5
    assert snapshots_ensure_periods(today=datetime.date(2024, 1, 1)) == 0
    assert snapshots_ensure_periods(today=datetime.date(2024, 4, 1)) == 1

    periods = Snapshot.objects.filter(kind=Snapshot.Kind.PERIOD)
    assert sorted(periods.values_list("as_of", flat=True))[-1] == datetime.date(2024, 3, 31)
    assert periods.count() == 6
    assert all(s.stale for s in periods)


def test_post_moved_back_in_time_marks_the_quarter_ends_it_now_reaches(
    tree, cadre_ld, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    post = Post.objects.get(cadre=cadre_ld)
    Post.objects.filter(pk=post.pk).update(start_date=datetime.date(2025, 1, 1))
    snapshots_refresh_stale()

    with override_settings(INDICATOR_REFRESH_AFTER_COMMIT=False), capture(execute=True):
        post.start_date = datetime.date(2024, 1, 1)
        post.save()

    assert period(datetime.date(2024, 3, 31)).stale
    assert not period(datetime.date(2023, 12, 31)).stale


def test_class_moved_later_marks_the_quarter_ends_it_no_longer_reaches(
    tree, django_capture_on_commit_callbacks
):
    course = make_course("Điều phối tình nguyện", modules=1, lessons=1)
    training_class = TrainingClass.objects.create(
        course=course,
        code="LOP-DOI-NGAY",
        title="Lớp dời ngày",
        mode="in_person",
        level="province",
        host_unit=tree["commune"],
        start_date=datetime.date(2025, 2, 1),
        end_date=datetime.date(2025, 2, 3),
    )
    snapshots_refresh_stale()

    with (
        override_settings(INDICATOR_REFRESH_AFTER_COMMIT=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        training_class.start_date = datetime.date(2025, 8, 1)
        training_class.end_date = datetime.date(2025, 8, 3)
        training_class.save()

    assert period(datetime.date(2025, 3, 31)).stale
