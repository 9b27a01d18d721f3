"""seed_scale: a national-scale dataset in miniature (SQLite), its figures computed, and
the refusal to mix it with real data."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.models import Count, Q

from certificates.models import Certificate
from courses.models import TrainingClass
from indicators import rules
from indicators.models import Declaration, Rollup, Segment, Snapshot
from organizations.models import Cadre, Organisation, OrgUnit, Post, PostKind

pytestmark = pytest.mark.django_db

N = 2000


def seed(cadres: int = N, **options) -> str:
    out = StringIO()
    call_command("seed_scale", cadres=cadres, stdout=out, **options)
    return out.getvalue()


def open_on(day):
    return (Q(start_date__isnull=True) | Q(start_date__lte=day)) & (
        Q(end_date__isnull=True) | Q(end_date__gte=day)
    )


def test_seed_scale_builds_a_tree_of_n_over_ten_units_with_n_cadres_and_2n_certificates():
    output = seed()

    units = OrgUnit.objects.count()
    assert 0.9 * N / 10 <= units <= 1.1 * N / 10
    assert set(OrgUnit.objects.values_list("organisation", flat=True)) == set(Organisation.values)
    assert OrgUnit.objects.filter(level="branch").count() > units / 3
    assert Cadre.objects.count() == N
    certificates = Certificate.objects.count()
    assert 1.7 * N <= certificates <= 2.3 * N
    assert set(Certificate.objects.values_list("kind", flat=True)) == {"course", "class", "trainer"}
    assert Certificate.objects.filter(status="revoked").exists()
    assert Certificate.objects.filter(kind="trainer", status="expired").exists()
    assert TrainingClass.objects.exists() and Declaration.objects.exists()
    dedicated = Post.objects.filter(
        kind=PostKind.DEDICATED, in_charge_of_volunteer_work=True
    ).aggregate(n=Count("cadre", distinct=True))["n"]
    assert 0.25 * N <= dedicated <= 0.45 * N
    posts = Cadre.objects.annotate(
        open=Count("posts", filter=Q(posts__end_date__isnull=True)),
        ended=Count("posts", filter=Q(posts__end_date__isnull=False)),
    )
    assert posts.filter(open=2).exists(), "nobody holds two posts"
    assert posts.filter(open=1, ended=1).exists(), "nobody has moved"
    assert not posts.filter(open=0).exists()
    assert "Xong trong" in output and "Tính chỉ tiêu hiện tại" in output


def test_live_snapshot_counts_each_dedicated_cadre_in_charge_once_nationwide():
    seed()

    live = Snapshot.objects.get(kind=Snapshot.Kind.LIVE)
    assert live.computed_at is not None and not live.stale
    day = live.as_of
    counted = set(
        Post.objects.filter(open_on(day), kind=PostKind.DEDICATED, in_charge_of_volunteer_work=True)
        .values_list("cadre_id", flat=True)
        .distinct()
    )
    trained = set(
        Certificate.objects.filter(
            Q(valid_until__isnull=True) | Q(valid_until__gte=day),
            cadre_id__in=counted,
            kind__in=rules.qualifying_kinds(),
            issued_on__lte=day,
        )
        .exclude(status="revoked")
        .values_list("cadre_id", flat=True)
    )
    national = Rollup.objects.get(
        snapshot=live,
        generation=live.generation,
        unit__code="TW",
        segment=Segment.ALL,
    )
    assert national.d_den == len(counted) > 0
    assert national.d_num == len(trained) < len(counted)
    quarters = Snapshot.objects.filter(kind=Snapshot.Kind.PERIOD)
    assert quarters.count() == len(rules.quarter_ends(day))
    assert not quarters.filter(computed_at__isnull=True).exists()


def test_seed_scale_refuses_a_database_that_already_has_cadres(cadre_ld):
    units = OrgUnit.objects.count()

    with pytest.raises(CommandError, match="đã có 1 cán bộ không do seed_scale tạo"):
        seed(200)

    assert Cadre.objects.count() == 1
    assert OrgUnit.objects.count() == units
    assert not Certificate.objects.exists()


def test_a_second_run_needs_another_prefix():
    seed(200)

    with pytest.raises(CommandError, match="Đã có dữ liệu seed_scale với tiền tố A"):
        seed(200)
    assert Cadre.objects.count() == 200

    seed(200, prefix="B")
    assert Cadre.objects.count() == 400
    assert Cadre.objects.filter(code__startswith="QM-B-").count() == 200
