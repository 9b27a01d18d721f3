"""The trainer registry and its gap lists: statuses, counts, scope, and constant queries."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from certificates.models import Certificate
from certificates.selectors_trainer_gaps import trainer_gaps
from certificates.selectors_trainers import trainer_registry
from certificates.services import certificates_issue_for_class
from courses.services.classes import class_complete_participant
from organizations.models import Level, Role
from tests.certificates.helpers import on_day
from tests.certificates.trainer_helpers import certify, days_from_today, revoke, today
from tests.courses.cascade_helpers import CascadeBuilder, day, refresh
from tests.factories import CadreFactory, UserFactory, grant, unit_child

pytestmark = pytest.mark.django_db


def person(unit, name):
    return CadreFactory(unit=unit, full_name=name)


@pytest.fixture
def net(templates, tree, organizer):
    """Lâm Đồng: Anh trains two ToT classes (Bình attends one and later teaches his own),
    Chi's certificate ends in 30 days, Dũng's ended, Em's was revoked; Hà Nội: Hải."""
    commune = tree["commune"]
    build = CascadeBuilder(tree["lam_dong"])
    anh = person(commune, "Nguyễn Văn Anh")
    binh = person(commune, "Trần Thị Bình")
    chi = person(commune, "Lê Thị Chi")
    dung = person(commune, "Phạm Văn Dũng")
    em = person(commune, "Hoàng Văn Em")
    hai = person(tree["commune_hn"], "Đỗ Văn Hải")
    p = build.people(3, unit=commune)
    certify(anh, tree["lam_dong"], ends_in=700)
    certify(chi, tree["lam_dong"], ends_in=30)
    certify(dung, tree["lam_dong"], ends_in=-10)
    revoke(certify(em, tree["lam_dong"], ends_in=500), organizer)
    certify(hai, tree["ha_noi"], ends_in=700)
    first = build.klass([anh], [binh, p[0], p[1]], start=0)
    second = build.klass([anh], [p[1], p[2]], start=20, tot=False)
    third = build.klass([binh], [p[0], CadreFactory(unit=commune)], start=40, tot=False)
    refresh()
    return {
        "build": build,
        "anh": anh,
        "binh": binh,
        "chi": chi,
        "dung": dung,
        "em": em,
        "hai": hai,
        "p": p,
        "classes": (first, second, third),
    }


def by_code(rows):
    return {row.cadre.code: row for row in rows}


# --- Registry ---------------------------------------------------------------------------


def test_registry_statuses_active_expiring_expired_uncertified(organizer, net):
    rows = by_code(trainer_registry(user=organizer))

    assert rows[net["anh"].code].status == "active"
    assert rows[net["chi"].code].status == "expiring"
    assert rows[net["dung"].code].status == "expired"
    assert rows[net["binh"].code].status == "uncertified"
    assert rows[net["binh"].code].certificate is None and rows[net["binh"].code].level == ""
    assert net["em"].code not in rows  # revoked and never taught: not a trainer
    assert net["hai"].code not in rows  # Hà Nội


def test_registry_counts_classes_direct_trainees_once_and_reach(organizer, net):
    anh = by_code(trainer_registry(user=organizer))[net["anh"].code]

    assert anh.classes == 2
    assert anh.trained == 4  # Bình, p0, p1 (in both classes, once), p2
    assert anh.reach == 5  # p0 again through Bình counts once; Bình's new trainee adds one
    assert anh.last_class == day(20)
    assert anh.level == "provincial" and anh.certificate.valid_until == days_from_today(700)
    binh = by_code(trainer_registry(user=organizer))[net["binh"].code]
    assert (binh.classes, binh.trained, binh.reach) == (1, 2, 2)


def test_a_revoked_trainer_who_teaches_is_uncertified(organizer, net):
    net["build"].klass([net["em"]], [CadreFactory(unit=net["em"].unit)], start=60, tot=False)
    row = by_code(trainer_registry(user=organizer))[net["em"].code]
    assert row.status == "uncertified" and row.classes == 1


def test_an_active_certificate_counts_before_a_higher_expired_one(tree, organizer, net):
    certify(net["anh"], tree["central"], ends_in=-5, level="central")
    row = by_code(trainer_registry(user=organizer))[net["anh"].code]
    assert (row.level, row.status) == ("provincial", "active")
    certify(net["chi"], tree["central"], ends_in=400, level="central")
    assert by_code(trainer_registry(user=organizer))[net["chi"].code].level == "central"


def test_registry_filters_by_level_status_and_folded_name(tree, organizer, net):
    certify(net["binh"], tree["lam_dong"], ends_in=900, level="grassroots")

    provincial = by_code(trainer_registry(user=organizer, level="provincial"))
    assert set(provincial) == {net["anh"].code, net["chi"].code, net["dung"].code}
    expiring = trainer_registry(user=organizer, status="expiring")
    assert [r.cadre for r in expiring] == [net["chi"]]
    assert [r.cadre for r in trainer_registry(user=organizer, status="expired")] == [net["dung"]]
    found = trainer_registry(user=organizer, query="nguyen van anh")
    assert [r.cadre for r in found] == [net["anh"]]
    assert [r.cadre for r in trainer_registry(user=organizer, query="TRẦN thị")] == [net["binh"]]
    assert [r.cadre for r in trainer_registry(user=organizer, query=net["dung"].code)] == [
        net["dung"]
    ]


def test_registry_keeps_to_the_viewers_subtree(
    tree, organizer, other_organizer, viewer, learner, net
):
    hn = {r.cadre for r in trainer_registry(user=other_organizer)}
    ld = {r.cadre for r in trainer_registry(user=organizer)}

    assert hn == {net["hai"]}
    assert net["hai"] not in ld and net["anh"] in ld
    assert {r.cadre for r in trainer_registry(user=viewer)} == ld
    assert trainer_registry(user=learner) == []
    under = trainer_registry(user=organizer, unit=tree["ha_noi"])
    assert under == []  # a unit outside the scope adds nothing


def test_registry_within_a_unit(tree, organizer, net):
    other = unit_child(tree["lam_dong"], "X24001", "Đoàn xã Đạ Tẻh")
    far = person(other, "Vũ Thị Xa")
    certify(far, tree["lam_dong"], ends_in=300)
    rows = trainer_registry(user=organizer, unit=other)
    assert [r.cadre for r in rows] == [far]
    assert far in {r.cadre for r in trainer_registry(user=organizer)}


def test_registry_reads_in_a_constant_number_of_queries(tree, organizer, net):
    def count():
        organizer_fresh = type(organizer).objects.get(pk=organizer.pk)
        with CaptureQueriesContext(connection) as queries:
            rows = trainer_registry(user=organizer_fresh)
        return len(queries), len(rows)

    before, n_before = count()
    build = net["build"]
    for i in range(6):
        trainer = person(tree["commune"], f"Giảng Viên {i}")
        certify(trainer, tree["lam_dong"], ends_in=100 + i)
        build.klass([trainer], build.people(2, unit=tree["commune"]), start=100 + i)
    refresh()
    after, n_after = count()

    assert n_after == n_before + 6
    assert after == before <= 6


# --- Gaps -------------------------------------------------------------------------------


@pytest.fixture
def central_viewer(tree):
    user = UserFactory(email="theodoi.tw@example.vn")
    grant(user, Role.PROGRAMME_VIEWER, tree["central"])
    return user


def test_units_without_an_active_trainer_below_the_viewers_root(
    tree, organizer, other_organizer, central_viewer, net
):
    certify(person(tree["commune_hn"], "Mai Văn Cũ"), tree["ha_noi"], ends_in=-40)
    revoke(Certificate.objects.get(cadre=net["hai"]), other_organizer)

    gaps = trainer_gaps(user=central_viewer)
    assert [(g.unit, g.lapsed) for g in gaps.units] == [(tree["ha_noi"], 1)]

    quiet = unit_child(tree["lam_dong"], "X24009", "Đoàn xã Lặng Im")
    ld = trainer_gaps(user=organizer)
    assert [g.unit for g in ld.units] == [quiet]  # Anh's commune has an active trainer
    grassroots = trainer_gaps(user=central_viewer, level=Level.GRASSROOTS)
    assert [g.unit for g in grassroots.units] == [quiet, tree["commune_hn"]]


def test_trained_trainers_who_never_ran_a_class(tree, organizer, net):
    build = net["build"]
    tot = build.klass([net["hai"]], build.people(2, unit=tree["commune"]), start=200)
    done, not_done = tot.participants.order_by("pk")
    class_complete_participant(actor=build.admin, participant=done)

    idle = {row.cadre: row for row in trainer_gaps(user=organizer).idle}

    assert set(idle) == {net["chi"], net["dung"], done.cadre}
    assert idle[net["chi"]].certified_on == net["chi"].certificates.get().issued_on
    assert idle[net["chi"]].status == "expiring" and idle[net["dung"]].status == "expired"
    trained = idle[done.cadre]
    assert trained.trained_on == today() and trained.tot_class == tot.code
    assert trained.certificate is None and trained.certified_on is None
    assert [row.cadre for row in trainer_gaps(user=organizer).idle][:2] == [
        net["dung"],
        net["chi"],
    ]  # certified longest ago first
    assert not_done.cadre not in idle and net["binh"] not in idle  # Bình taught
    assert net["em"] not in idle  # revoked, never completed a ToT class


def test_a_trainer_certified_through_a_class_and_then_teaching_leaves_the_idle_list(
    tree, organizer, net
):
    build = net["build"]
    tot = build.klass([net["anh"]], [net["chi"]], start=300)
    class_complete_participant(actor=build.admin, participant=tot.participants.get())
    assert net["chi"] in {row.cadre for row in trainer_gaps(user=organizer).idle}
    build.klass([net["chi"]], build.people(1, unit=tree["commune"]), start=310, tot=False)
    assert net["chi"] not in {row.cadre for row in trainer_gaps(user=organizer).idle}


def test_classes_taught_after_the_certification_ended_or_without_one(tree, organizer, net):
    build = net["build"]
    old = person(tree["commune"], "Quách Văn Hết")
    certify(old, tree["lam_dong"], issued_on=datetime.date(2020, 3, 1))  # ends 1 Mar 2023
    lapsed = build.klass([old], build.people(1, unit=tree["commune"]), start=10, tot=False)
    before = build.klass([old], build.people(1, unit=tree["commune"]), start=-400, tot=False)

    rows = trainer_gaps(user=organizer).lapsed
    found = {(g.trainer.cadre, g.trainer.training_class): g for g in rows}

    gap = found[(old, lapsed)]
    assert gap.reason == "expired" and gap.expired_on == datetime.date(2023, 3, 1)
    assert gap.days_after == (day(10) - datetime.date(2023, 3, 1)).days
    assert (old, before) not in found  # taught while certified
    third = net["classes"][2]
    assert found[(net["binh"], third)].reason == "uncertified"
    assert found[(net["binh"], third)].reason_label == "Chưa được chứng nhận"
    assert not any(g.trainer.cadre == net["anh"] for g in rows)  # Anh is certified
    assert rows[0].trainer.training_class.start_date >= rows[-1].trainer.training_class.start_date


def test_a_class_taught_in_the_lapse_before_recertification_is_listed(
    templates, tree, organizer, net
):
    build = net["build"]
    lapsing = person(tree["commune"], "Trịnh Thị Gián Đoạn")
    certify(lapsing, tree["lam_dong"], issued_on=datetime.date(2020, 6, 1))  # ends 1 Jun 2023
    in_gap = build.klass([lapsing], build.people(1, unit=tree["commune"]), start=30, tot=False)
    refresher = build.klass([net["anh"]], [lapsing], start=100)
    class_complete_participant(actor=build.admin, participant=refresher.participants.get())
    with on_day(day(110)):
        certificates_issue_for_class(actor=build.admin, training_class=refresher, kind="trainer")
    after = build.klass([lapsing], build.people(1, unit=tree["commune"]), start=120, tot=False)

    found = {g.trainer.training_class: g for g in trainer_gaps(user=organizer).lapsed}

    assert found[in_gap].expired_on == datetime.date(2023, 6, 1)
    assert after not in found  # recertified by then
    row = by_code(trainer_registry(user=organizer))[lapsing.code]
    assert row.status == "active" and row.certificate.issued_on == day(110)


def test_gap_lists_keep_to_the_viewers_subtree(tree, organizer, other_organizer, learner, net):
    build = net["build"]
    hn_class = build.klass(
        [net["hai"]], [person(tree["commune_hn"], "Lý Thị Học")], start=5, unit=tree["ha_noi"]
    )
    idle_hn = person(tree["commune_hn"], "Đinh Văn Rảnh")
    certify(idle_hn, tree["ha_noi"], ends_in=600)
    build.klass([person(tree["commune_hn"], "Kha Văn Tự")], [], start=9, unit=tree["ha_noi"])

    hn = trainer_gaps(user=other_organizer)
    ld = trainer_gaps(user=organizer)

    assert [row.cadre for row in hn.idle] == [idle_hn]
    assert [g.trainer.cadre.full_name for g in hn.lapsed] == ["Kha Văn Tự"]
    assert idle_hn not in {row.cadre for row in ld.idle}
    assert "Kha Văn Tự" not in {g.trainer.cadre.full_name for g in ld.lapsed}
    assert hn_class not in {g.trainer.training_class for g in ld.lapsed}
    assert hn.units == [] and tree["ha_noi"] not in {g.unit for g in ld.units}
    empty = trainer_gaps(user=learner)
    assert (empty.units, empty.idle, empty.lapsed) == ([], [], [])
