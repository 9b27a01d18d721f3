"""Dated restructuring of the unit tree: merge, move, split and rename keep the past."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import override_settings
from django.utils import timezone

from organizations.models import Cadre, Level, OrgUnit, Post, Role, UnitChange, UnitVersion
from organizations.selectors import unit_tree_as_of
from organizations.services import unit_move, unit_rename, unit_split, units_merge
from tests.factories import (
    CadreFactory,
    UserFactory,
    grant,
    make_certificate,
    make_post,
    unit_child,
)

EFF = datetime.date(2025, 7, 1)
BEFORE = datetime.date(2025, 6, 30)
START = datetime.date(2024, 1, 1)


def fresh(unit: OrgUnit) -> OrgUnit:
    return OrgUnit.objects.get(pk=unit.pk)


def parent_of(unit: OrgUnit) -> OrgUnit | None:
    return fresh(unit).get_parent(update=True)


def assert_tree_sound() -> None:
    assert all(not problems for problems in OrgUnit.find_problems())


def cadre_at(unit: OrgUnit, **fields) -> Cadre:
    cadre = CadreFactory(unit=unit, **fields)
    cadre.posts.update(start_date=START)
    return cadre


@pytest.fixture
def communes(tree):
    """Two more communes of Lâm Đồng, A with a branch under it, each with a cadre."""
    a = unit_child(tree["lam_dong"], "X24001", "Đoàn xã An Nhơn")
    b = unit_child(tree["lam_dong"], "X24002", "Đoàn xã Bình Lợi")
    branch = unit_child(a, "C24001-01", "Chi đoàn thôn 1", level=Level.BRANCH)
    return {
        "a": fresh(a),
        "b": fresh(b),
        "branch": branch,
        "cadre_a": cadre_at(a, full_name="Lê Thị An"),
        "cadre_b": cadre_at(b, full_name="Đỗ Văn Bình"),
    }


@pytest.fixture
def central_organizer(tree):
    user = UserFactory(email="tochuc.trunguong@example.vn")
    grant(user, Role.ORGANIZER, tree["central"])
    return user


def merge_new(actor, tree, communes, **kwargs):
    return units_merge(
        actor=actor,
        sources=[communes["a"], communes["b"]],
        new_code="X24100",
        new_name="Đoàn xã An Bình",
        parent=tree["lam_dong"],
        effective_on=kwargs.pop("effective_on", EFF),
        note="Nghị quyết 1656/NQ-UBTVQH15",
        request_key=kwargs.pop("request_key", "merge-1"),
        **kwargs,
    )


# --- Merge ---------------------------------------------------------------------------------


def test_merge_into_a_new_unit_keeps_sources_as_inactive_children(organizer, tree, communes):
    plan = merge_new(organizer, tree, communes)

    new = OrgUnit.objects.get(code="X24100")
    assert new.established_on == EFF and new.is_active
    assert parent_of(new) == tree["lam_dong"]
    for source in (communes["a"], communes["b"]):
        source = fresh(source)
        assert not source.is_active
        assert source.dissolved_on == EFF
        assert source.successor == new
        assert parent_of(source) == new
    assert parent_of(communes["branch"]) == new
    assert_tree_sound()
    change = UnitChange.objects.get(pk=plan.change_id)
    assert change.kind == "merge" and change.scope == tree["lam_dong"]
    assert change.note == "Nghị quyết 1656/NQ-UBTVQH15"
    assert change.plan["units_created"][0]["code"] == "X24100"
    assert {u.code for u in change.units.all()} >= {"X24001", "X24002", "C24001-01", "X24100"}


def test_merge_records_how_each_unit_stood_before(organizer, tree, communes):
    merge_new(organizer, tree, communes)

    versions = {v.unit.code: v for v in UnitVersion.objects.select_related("unit")}
    assert set(versions) == {"X24001", "X24002", "C24001-01"}
    assert versions["X24001"].parent == tree["lam_dong"]
    assert versions["X24001"].name == "Đoàn xã An Nhơn"
    assert versions["C24001-01"].parent == communes["a"]
    assert all(v.valid_until == EFF for v in versions.values())


def test_merge_ends_posts_the_day_before_and_opens_them_at_the_new_unit(organizer, tree, communes):
    merge_new(organizer, tree, communes)

    new = OrgUnit.objects.get(code="X24100")
    cadre = Cadre.objects.get(pk=communes["cadre_a"].pk)
    assert cadre.unit == new
    old, opened = cadre.posts.order_by("id")
    assert (old.unit_id, old.start_date, old.end_date) == (communes["a"].pk, START, BEFORE)
    assert (opened.unit, opened.start_date, opened.end_date) == (new, EFF, None)
    assert (opened.title, opened.kind, opened.is_primary) == (old.title, old.kind, True)
    assert opened.in_charge_of_volunteer_work == old.in_charge_of_volunteer_work


def test_post_begun_on_or_after_the_date_just_changes_unit(organizer, tree, communes):
    late = CadreFactory(unit=communes["b"])
    late.posts.update(start_date=EFF + datetime.timedelta(days=3))

    merge_new(organizer, tree, communes)

    post = late.posts.get()
    assert post.unit.code == "X24100"
    assert post.end_date is None


def test_post_already_ended_before_the_date_stays(organizer, tree, communes):
    gone = CadreFactory(unit=communes["a"])
    gone.posts.update(start_date=START, end_date=datetime.date(2025, 3, 1))

    merge_new(organizer, tree, communes)

    assert gone.posts.get().unit == communes["a"]
    assert gone.posts.count() == 1


def test_merge_into_an_existing_unit(organizer, tree, communes):
    target = tree["commune"]

    units_merge(
        actor=organizer,
        sources=[communes["a"]],
        into=target,
        effective_on=EFF,
        request_key="merge-into",
    )

    a = fresh(communes["a"])
    assert (a.is_active, a.successor, a.dissolved_on) == (False, target, EFF)
    assert parent_of(a) == target
    assert parent_of(communes["branch"]) == target
    assert Cadre.objects.get(pk=communes["cadre_a"].pk).unit == target
    assert fresh(communes["b"]).is_active
    assert not UnitVersion.objects.filter(unit=target).exists()
    assert_tree_sound()


def test_merge_into_unit_where_cadre_already_holds_a_post_does_not_open_a_second(
    organizer, tree, communes
):
    cadre = communes["cadre_a"]
    make_post(cadre, tree["commune"], start_date=START, organisation="doan")

    units_merge(
        actor=organizer,
        sources=[communes["a"]],
        into=tree["commune"],
        effective_on=EFF,
        request_key="merge-held",
    )

    open_posts = Post.objects.filter(cadre=cadre, end_date__isnull=True)
    assert [p.unit for p in open_posts] == [tree["commune"]]
    assert open_posts.get().is_primary


def test_dry_run_writes_nothing_and_returns_the_plan(organizer, tree, communes):
    counts = (OrgUnit.objects.count(), Post.objects.count(), UnitVersion.objects.count())
    paths = dict(OrgUnit.objects.values_list("code", "path"))

    plan = merge_new(organizer, tree, communes, dry_run=True)

    assert (OrgUnit.objects.count(), Post.objects.count(), UnitVersion.objects.count()) == counts
    assert dict(OrgUnit.objects.values_list("code", "path")) == paths
    assert not UnitChange.objects.exists()
    assert Cadre.objects.get(pk=communes["cadre_a"].pk).unit == communes["a"]
    assert plan.change_id is None
    assert plan.counts["units_dissolved"] == 2
    assert plan.counts["cadres_moved"] == 2
    assert plan.counts["posts_ended"] == 2 and plan.counts["posts_opened"] == 2
    assert {row["code"] for row in plan.units_reparented} == {"X24001", "X24002", "C24001-01"}


def test_same_request_key_applies_once_and_returns_the_recorded_change(organizer, tree, communes):
    first = merge_new(organizer, tree, communes)
    posts = Post.objects.count()

    second = merge_new(organizer, tree, communes)

    assert UnitChange.objects.count() == 1
    assert Post.objects.count() == posts
    assert second.change_id == first.change_id and second.replayed
    assert second.counts == first.counts


def test_tree_as_of_before_and_after_a_merge(organizer, tree, communes):
    merge_new(organizer, tree, communes)
    new = OrgUnit.objects.get(code="X24100")
    a, branch = communes["a"], communes["branch"]

    before = unit_tree_as_of(as_of=BEFORE)
    after = unit_tree_as_of(as_of=EFF)

    assert before[a.pk] == (tree["lam_dong"].pk, "Đoàn xã An Nhơn", Level.GRASSROOTS)
    assert before[branch.pk][0] == a.pk
    assert new.pk not in before
    assert a.pk not in after and communes["b"].pk not in after
    assert after[new.pk][0] == tree["lam_dong"].pk
    assert after[branch.pk][0] == new.pk


def test_certificates_keep_their_issuing_unit(organizer, tree, communes):
    certificate = make_certificate(communes["cadre_a"], issued_on=datetime.date(2024, 5, 1))

    merge_new(organizer, tree, communes)

    certificate.refresh_from_db()
    assert certificate.issuing_unit == communes["a"]


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"sources": ["a"], "into": "a"}, "into"),
        ({"sources": ["a"], "into": "branch"}, "into"),
        ({"sources": ["a"]}, "sources"),
        ({"sources": ["a", "branch"]}, "sources"),
        ({"sources": ["a", "b"], "new_code": "X24000"}, "new_code"),
        ({"sources": ["a", "b"], "new_name": " "}, "new_name"),
    ],
)
def test_refused_merges_write_nothing(organizer, tree, communes, kwargs, field):
    args = {
        "new_code": "X24100",
        "new_name": "Đoàn xã An Bình",
        "parent": tree["lam_dong"],
        **kwargs,
    }
    args["sources"] = [communes[key] for key in args["sources"]]
    if "into" in args:
        args["into"] = communes[args["into"]]

    with pytest.raises(ValidationError) as raised:
        units_merge(actor=organizer, effective_on=EFF, request_key="bad", **args)

    assert field in raised.value.message_dict
    assert not UnitChange.objects.exists()
    assert fresh(communes["a"]).is_active


def test_future_date_is_refused(organizer, tree, communes):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)

    with pytest.raises(ValidationError) as raised:
        merge_new(organizer, tree, communes, effective_on=tomorrow)

    assert "tương lai" in raised.value.message_dict["effective_on"][0]
    assert not UnitChange.objects.exists()


def test_date_before_a_previous_change_of_the_unit_is_refused(organizer, tree, communes):
    unit_rename(
        actor=organizer, unit=communes["b"], new_name="Đoàn xã Bình Lợi Mới",
        effective_on=EFF, request_key="rename-first",
    )  # fmt: skip

    with pytest.raises(ValidationError) as raised:
        merge_new(organizer, tree, communes, effective_on=EFF - datetime.timedelta(days=10))

    assert "01/07/2025" in raised.value.message_dict["effective_on"][0]
    assert UnitChange.objects.count() == 1


# --- Move ----------------------------------------------------------------------------------


def test_move_places_the_subtree_under_the_new_parent(central_organizer, tree, communes):
    plan = unit_move(
        actor=central_organizer,
        unit=communes["a"],
        new_parent=tree["ha_noi"],
        effective_on=EFF,
        request_key="move-1",
    )

    assert parent_of(communes["a"]) == tree["ha_noi"]
    assert parent_of(communes["branch"]) == communes["a"]
    assert fresh(communes["branch"]).path.startswith(fresh(tree["ha_noi"]).path)
    assert_tree_sound()
    version = UnitVersion.objects.get(unit=communes["a"])
    assert (version.parent, version.valid_until) == (tree["lam_dong"], EFF)
    assert UnitChange.objects.get(pk=plan.change_id).scope == tree["central"]
    assert unit_tree_as_of(as_of=BEFORE)[communes["a"].pk][0] == tree["lam_dong"].pk
    assert unit_tree_as_of(as_of=EFF)[communes["a"].pk][0] == tree["ha_noi"].pk
    # The unit's own records move with it: no post ends.
    assert Post.objects.filter(end_date__isnull=False).count() == 0


@pytest.mark.parametrize(
    ("unit", "new_parent", "message"),
    [
        ("a", "branch", "chính nó"),
        ("a", "a", "chính nó"),
        ("lam_dong", "commune_hn", "cấp cao hơn"),
        ("a", "lam_dong", "đã trực thuộc"),
    ],
)
def test_refused_moves(central_organizer, tree, communes, unit, new_parent, message):
    units = {**tree, **communes}

    with pytest.raises(ValidationError) as raised:
        unit_move(
            actor=central_organizer,
            unit=units[unit],
            new_parent=units[new_parent],
            effective_on=EFF,
            request_key="bad-move",
        )

    assert message in " ".join(raised.value.messages)
    assert not UnitChange.objects.exists()
    assert_tree_sound()


def test_move_under_an_inactive_unit_is_refused(organizer, tree, communes):
    units_merge(
        actor=organizer, sources=[communes["b"]], into=tree["commune"],
        effective_on=EFF, request_key="merge-b",
    )  # fmt: skip

    with pytest.raises(ValidationError) as raised:
        unit_move(
            actor=organizer, unit=communes["branch"], new_parent=communes["b"],
            effective_on=EFF, request_key="move-under-dissolved",
        )  # fmt: skip

    assert "ngừng hoạt động" in raised.value.message_dict["new_parent"][0]


# --- Split ---------------------------------------------------------------------------------


def test_split_keeping_the_unit_moves_listed_children_and_cadres(organizer, tree, communes):
    a, cadre = communes["a"], communes["cadre_a"]
    stays = cadre_at(a, full_name="Vũ Văn Còn")

    unit_split(
        actor=organizer,
        unit=a,
        parts=[
            {
                "code": "X24011",
                "name": "Đoàn xã An Nhơn Bắc",
                "children": ["C24001-01"],
                "cadres": [cadre.code],
            },
        ],  # fmt: skip
        dissolve=False,
        effective_on=EFF,
        request_key="split-keep",
    )

    part = OrgUnit.objects.get(code="X24011")
    assert part.established_on == EFF and parent_of(part) == tree["lam_dong"]
    assert parent_of(communes["branch"]) == part
    assert fresh(a).is_active
    assert Cadre.objects.get(pk=cadre.pk).unit == part
    assert Cadre.objects.get(pk=stays.pk).unit == a
    assert cadre.posts.get(end_date__isnull=True).unit == part
    assert cadre.posts.get(end_date=BEFORE).unit == a
    assert_tree_sound()
    assert set(UnitVersion.objects.values_list("unit__code", flat=True)) == {"C24001-01"}


def test_split_dissolving_the_unit_gives_the_rest_to_the_first_part(organizer, tree, communes):
    a, cadre = communes["a"], communes["cadre_a"]
    other = cadre_at(a, full_name="Vũ Văn Sang")

    unit_split(
        actor=organizer,
        unit=a,
        parts=[
            {"code": "X24011", "name": "Đoàn xã An Nhơn Bắc"},
            {"code": "X24012", "name": "Đoàn xã An Nhơn Nam", "cadres": [str(other.pk)]},
        ],
        dissolve=True,
        effective_on=EFF,
        request_key="split-dissolve",
    )

    first, second = OrgUnit.objects.get(code="X24011"), OrgUnit.objects.get(code="X24012")
    a = fresh(a)
    assert (a.is_active, a.successor, a.dissolved_on) == (False, first, EFF)
    assert parent_of(a) == first
    assert parent_of(communes["branch"]) == first
    assert Cadre.objects.get(pk=cadre.pk).unit == first
    assert Cadre.objects.get(pk=other.pk).unit == second
    assert_tree_sound()
    before = unit_tree_as_of(as_of=BEFORE)
    assert before[a.pk][0] == tree["lam_dong"].pk and first.pk not in before


def test_split_refuses_unknown_children_and_cadres(organizer, tree, communes):
    with pytest.raises(ValidationError) as raised:
        unit_split(
            actor=organizer,
            unit=communes["a"],
            parts=[
                {
                    "code": "X24011",
                    "name": "Đoàn xã Mới",
                    "children": ["X00070"],
                    "cadres": [communes["cadre_b"].code],
                },
            ],  # fmt: skip
            dissolve=False,
            effective_on=EFF,
            request_key="split-bad",
        )

    messages = " ".join(raised.value.message_dict["parts"])
    assert "X00070" in messages and communes["cadre_b"].code in messages
    assert not OrgUnit.objects.filter(code="X24011").exists()


# --- Rename --------------------------------------------------------------------------------


def test_rename_keeps_the_old_name_in_a_version(organizer, tree):
    commune = tree["commune"]

    unit_rename(
        actor=organizer,
        unit=commune,
        new_name="Đoàn xã Quảng Khê Mới",
        effective_on=EFF,
        request_key="rename-1",
    )

    assert fresh(commune).name == "Đoàn xã Quảng Khê Mới"
    version = UnitVersion.objects.get(unit=commune)
    assert (version.name, version.parent, version.valid_until) == (
        "Đoàn xã Quảng Khê",
        tree["lam_dong"],
        EFF,
    )
    assert unit_tree_as_of(as_of=BEFORE)[commune.pk][1] == "Đoàn xã Quảng Khê"
    assert unit_tree_as_of(as_of=EFF)[commune.pk][1] == "Đoàn xã Quảng Khê Mới"


def test_rename_to_the_same_name_is_refused(organizer, tree):
    with pytest.raises(ValidationError) as raised:
        unit_rename(
            actor=organizer, unit=tree["commune"], new_name="Đoàn xã Quảng Khê",
            effective_on=EFF, request_key="rename-same",
        )  # fmt: skip

    assert "new_name" in raised.value.message_dict


# --- Permissions ---------------------------------------------------------------------------


def test_another_provinces_organizer_cannot_merge(other_organizer, tree, communes):
    with pytest.raises(PermissionDenied):
        merge_new(other_organizer, tree, communes)
    with pytest.raises(PermissionDenied):
        merge_new(other_organizer, tree, communes, dry_run=True)
    assert fresh(communes["a"]).is_active


def test_viewer_cannot_restructure(viewer, tree, communes):
    with pytest.raises(PermissionDenied):
        merge_new(viewer, tree, communes)
    with pytest.raises(PermissionDenied):
        unit_rename(
            actor=viewer, unit=tree["commune"], new_name="Tên khác",
            effective_on=EFF, request_key="rename-viewer",
        )  # fmt: skip


def test_commune_organizer_cannot_merge_their_commune_with_a_sibling(tree, communes):
    user = UserFactory()
    grant(user, Role.ORGANIZER, communes["a"])

    with pytest.raises(PermissionDenied):
        units_merge(
            actor=user, sources=[communes["b"]], into=communes["a"],
            effective_on=EFF, request_key="merge-commune",
        )  # fmt: skip


def test_province_organizer_cannot_merge_provinces_but_central_can(
    organizer, central_organizer, tree
):
    args = {
        "sources": [tree["ha_noi"]],
        "into": tree["lam_dong"],
        "effective_on": EFF,
        "request_key": "merge-provinces",
    }
    with pytest.raises(PermissionDenied):
        units_merge(actor=organizer, **args)

    units_merge(actor=central_organizer, **args)

    ha_noi = fresh(tree["ha_noi"])
    assert (ha_noi.is_active, ha_noi.successor) == (False, tree["lam_dong"])
    assert parent_of(tree["commune_hn"]) == tree["lam_dong"]
    assert_tree_sound()


def test_province_organizer_cannot_move_a_commune_to_another_province(organizer, tree):
    with pytest.raises(PermissionDenied):
        unit_move(
            actor=organizer, unit=tree["commune"], new_parent=tree["ha_noi"],
            effective_on=EFF, request_key="move-out",
        )  # fmt: skip
    assert parent_of(tree["commune"]) == tree["lam_dong"]


# --- Indicators in today's structure -------------------------------------------------------


def d_figure(figures, unit) -> tuple[int, int]:
    from indicators.computation import FIELDS

    values = figures.get((unit.pk, "all"))
    return (values[FIELDS.index("d_num")], values[FIELDS.index("d_den")]) if values else (0, 0)


def test_merged_unit_adds_up_its_sources_past_and_today(organizer, tree, communes):
    from indicators.computation import compute

    make_certificate(communes["cadre_a"], "class", issued_on=datetime.date(2024, 5, 1))
    today = timezone.localdate()
    past = compute(as_of=BEFORE)
    a, b, province = communes["a"], communes["b"], tree["lam_dong"]
    assert (d_figure(past, a), d_figure(past, b)) == ((1, 1), (0, 1))
    province_past, province_today = (
        d_figure(past, province),
        d_figure(compute(as_of=today), province),
    )

    merge_new(organizer, tree, communes)

    new = OrgUnit.objects.get(code="X24100")
    past_after, today_after = compute(as_of=BEFORE), compute(as_of=today)
    assert d_figure(past_after, new) == (1, 2)
    assert d_figure(today_after, new) == (1, 2)
    assert d_figure(today_after, a) == (0, 0)  # today the cadres count at the new unit
    assert d_figure(past_after, province) == province_past
    assert d_figure(today_after, province) == province_today


def test_move_shifts_totals_from_old_to_new_parent_for_past_and_today(
    central_organizer, tree, communes
):
    from indicators.computation import compute

    today = timezone.localdate()
    before = {day_: compute(as_of=day_) for day_ in (BEFORE, today)}

    unit_move(
        actor=central_organizer, unit=communes["a"], new_parent=tree["ha_noi"],
        effective_on=EFF, request_key="move-indicators",
    )  # fmt: skip

    for day_, figures in before.items():
        after = compute(as_of=day_)
        old_ld, old_hn = d_figure(figures, tree["lam_dong"]), d_figure(figures, tree["ha_noi"])
        assert d_figure(after, tree["lam_dong"]) == (old_ld[0], old_ld[1] - 1)
        assert d_figure(after, tree["ha_noi"]) == (old_hn[0], old_hn[1] + 1)
        assert d_figure(after, tree["central"]) == d_figure(figures, tree["central"])


@override_settings(INDICATOR_REFRESH_AFTER_COMMIT=False)
def test_restructuring_marks_every_indicator_snapshot_stale_after_commit(
    organizer, tree, communes, django_capture_on_commit_callbacks
):
    from indicators.models import Snapshot

    for as_of in (datetime.date(2023, 12, 31), datetime.date(2025, 9, 30)):
        Snapshot.objects.create(kind=Snapshot.Kind.PERIOD, as_of=as_of, stale=False)

    with django_capture_on_commit_callbacks(execute=True):
        merge_new(organizer, tree, communes)

    assert not Snapshot.objects.filter(kind=Snapshot.Kind.PERIOD, stale=False).exists()
