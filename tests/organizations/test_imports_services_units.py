"""Unit list imports: parents in the file in any order, updates, and what an import may not do."""

from organizations.models import Level, OrgUnit
from tests.factories import UNIT_HEADERS, import_run, unit_child, xlsx_upload


def _unit(code, name, parent, level="Chi đoàn/chi hội", **flags):
    return [
        code,
        name,
        parent,
        "Đoàn TNCS Hồ Chí Minh",
        level,
        "",
        *flags.get("flags", ["", "", "", ""]),
    ]


def _run(organizer, tree, rows):
    return import_run(organizer, "units", tree["lam_dong"], xlsx_upload(UNIT_HEADERS, rows))


def test_units_whose_parents_come_later_in_the_file_are_created(organizer, tree):
    job = _run(
        organizer,
        tree,
        [
            _unit("CD-THON1", "Chi đoàn thôn 1", "DT-TRUONG"),
            _unit("DT-TRUONG", "Đoàn trường THPT", "X24000", level="Cơ sở"),
        ],
    )
    assert job.status == "invalid"  # a grassroots unit under a grassroots commune
    assert job.errors[0]["row"] == 3 and job.errors[0]["column"] == "Cấp*"
    assert OrgUnit.objects.count() == 5

    job = _run(
        organizer,
        tree,
        [
            _unit("CD-A1", "Chi đoàn A1", "DT-HUYEN"),
            _unit("DT-HUYEN", "Huyện đoàn cũ", "T68", level="Huyện (trước 2025)"),
            _unit("CD-A2", "Chi đoàn A2", "DT-HUYEN", flags=["Có", "", "", ""]),
        ],
    )
    assert job.status == "done", job.errors
    assert job.summary["create"] == 3
    district = OrgUnit.objects.get(code="DT-HUYEN")
    children = list(district.get_children().order_by("path"))
    assert [c.code for c in children] == ["CD-A1", "CD-A2"]
    assert district.numchild == 2
    assert district.get_parent() == tree["lam_dong"]
    assert district.is_mountain  # inherited from Lâm Đồng when the cell is empty
    assert children[1].is_ethnic_minority_area
    lam_dong = OrgUnit.objects.get(code="T68")
    assert lam_dong.numchild == 2
    assert OrgUnit.find_problems() == ([], [], [], [], [])
    assert district.level == Level.DISTRICT


def test_existing_units_are_renamed_and_flagged_but_never_moved(organizer, tree):
    job = _run(
        organizer,
        tree,
        [_unit("X24000", "Đoàn xã Quảng Khê mới", "T68", level="Cơ sở", flags=["", "", "Có", ""])],
    )
    assert job.status == "done", job.errors
    assert job.summary["update"] == 1
    commune = OrgUnit.objects.get(code="X24000")
    assert commune.name == "Đoàn xã Quảng Khê mới" and commune.is_border

    unit_child(tree["lam_dong"], "X24001", "Đoàn xã B")
    job = _run(organizer, tree, [_unit("X24000", "Đoàn xã Quảng Khê", "X24001", level="Cơ sở")])
    assert job.status == "invalid"
    assert "chuyển đơn vị" in job.errors[0]["message"]
    assert OrgUnit.objects.get(code="X24000").name == "Đoàn xã Quảng Khê mới"


def test_parents_outside_the_subtree_and_codes_used_elsewhere_are_errors(organizer, tree):
    job = _run(
        organizer,
        tree,
        [
            _unit("CD-HN", "Chi đoàn", "X00070"),
            _unit("X00070", "Đoàn phường", "T68", level="Cơ sở"),
        ],
    )
    messages = [e["message"] for e in job.errors]
    assert (
        "Không có đơn vị mã này trong phạm vi bạn quản lý, cũng không có trong tệp." in messages[0]
        or "ngoài phạm vi" in messages[0]
    )
    assert any("ngoài phạm vi" in m for m in messages)
    assert OrgUnit.objects.count() == 5


def test_the_same_file_twice_is_unchanged(organizer, tree):
    rows = [_unit("CD-A1", "Chi đoàn A1", "X24000")]
    _run(organizer, tree, rows)
    job = _run(organizer, tree, rows)
    assert job.summary["unchanged"] == 1 and job.summary["create"] == 0
    assert OrgUnit.objects.filter(code="CD-A1").count() == 1
