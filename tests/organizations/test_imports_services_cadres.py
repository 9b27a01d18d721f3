"""Cadre list imports through the services: create, update, unchanged, posts, all-or-nothing."""

import datetime
import unicodedata

import pytest
from django.db import IntegrityError
from django.test import TestCase
from django.utils import timezone

from organizations import imports
from organizations.models import Cadre, ImportJob, Post, PostKind
from tests.factories import CADRE_HEADERS, CadreFactory, cadre_row, import_run, xlsx_upload

TODAY = timezone.localdate()


def _run(organizer, tree, rows, **kwargs):
    return import_run(
        organizer, "cadres", tree["lam_dong"], xlsx_upload(CADRE_HEADERS, rows), **kwargs
    )


def test_new_cadres_are_created_with_their_primary_post(organizer, tree):
    job = _run(
        organizer,
        tree,
        [
            cadre_row(national_id="068095001234", full_name="Lê Văn Minh"),
            cadre_row(full_name="Phạm Thu Hà", gender="Nữ", kind="Kiêm nhiệm", volunteer="Không"),
        ],
    )
    assert job.status == "done", job.errors
    assert job.summary["create"] == 2
    minh = Cadre.objects.get(national_id="068095001234")
    assert minh.code.startswith("CB")
    assert minh.date_of_birth == datetime.date(1995, 3, 15)
    assert minh.unit == tree["commune"]
    post = minh.posts.get()
    assert post.is_primary and post.kind == PostKind.DEDICATED
    assert post.in_charge_of_volunteer_work and post.start_date == TODAY
    ha = Cadre.objects.get(full_name="Phạm Thu Hà")
    assert ha.posts.get().kind == PostKind.PART_TIME
    assert ha.search_name == "pham thu ha"


def test_a_second_import_of_the_same_file_changes_nothing(organizer, tree):
    rows = [cadre_row(national_id="068095001234"), cadre_row(code="CBX-01", full_name="Phạm Hà")]
    _run(organizer, tree, rows)
    job = _run(organizer, tree, rows)
    assert job.status == "done"
    assert job.summary == {
        "create": 0,
        "update": 0,
        "unchanged": 2,
        "posts_opened": 0,
        "posts_ended": 0,
    }
    assert Cadre.objects.count() == 2
    assert Post.objects.count() == 2


def test_update_by_national_id_changes_the_record(organizer, tree):
    cadre = CadreFactory(unit=tree["commune"], national_id="068095001234", full_name="Lê Minh")
    job = _run(
        organizer,
        tree,
        [cadre_row(national_id="068095001234", full_name="Lê Văn Minh", phone="0912345678")],
    )
    assert job.summary["update"] == 1
    cadre.refresh_from_db()
    assert cadre.full_name == "Lê Văn Minh"
    assert cadre.phone == "0912345678"
    assert Cadre.objects.count() == 1


def test_update_by_code_when_no_national_id_is_given(organizer, tree):
    cadre = CadreFactory(unit=tree["commune"], code="CBT-9", full_name="Lê Minh")
    job = _run(organizer, tree, [cadre_row(code="cbt-9", full_name="Lê Văn Minh", national_id="")])
    assert job.status == "done", job.errors
    assert job.summary["update"] == 1
    cadre.refresh_from_db()
    assert cadre.full_name == "Lê Văn Minh"


def test_a_title_change_edits_the_post_in_place(organizer, tree):
    cadre = CadreFactory(unit=tree["commune"], code="CBT-9", full_name="Lê Văn Minh", gender="male")
    post = cadre.posts.get()
    _run(organizer, tree, [cadre_row(code="CBT-9", title="Phó Bí thư", date_of_birth="")])
    post.refresh_from_db()
    assert post.title == "Phó Bí thư" and post.end_date is None
    assert cadre.posts.count() == 1


def test_a_move_to_another_unit_ends_the_post_and_opens_a_new_one(organizer, tree):
    cadre = CadreFactory(unit=tree["commune"], code="CBT-9", full_name="Lê Văn Minh", gender="male")
    Post.objects.filter(cadre=cadre).update(start_date=datetime.date(2023, 1, 1))
    job = _run(
        organizer,
        tree,
        [cadre_row(code="CBT-9", unit="T68", start_date="01/02/2025", date_of_birth="")],
    )
    assert job.status == "done", job.errors
    old, new = cadre.posts.order_by("id")
    assert old.end_date == datetime.date(2025, 1, 31)
    assert new.unit == tree["lam_dong"] and new.start_date == datetime.date(2025, 2, 1)
    assert new.is_primary and new.end_date is None
    cadre.refresh_from_db()
    assert cadre.unit == tree["lam_dong"]


def test_nfd_text_is_stored_as_nfc(organizer, tree):
    nfd = unicodedata.normalize("NFD", "Nguyễn Thị Ánh Tuyết")
    _run(organizer, tree, [cadre_row(full_name=nfd, gender=unicodedata.normalize("NFD", "Nữ"))])
    cadre = Cadre.objects.get()
    assert cadre.full_name == unicodedata.normalize("NFC", "Nguyễn Thị Ánh Tuyết")
    assert cadre.gender == "female"


def test_excel_date_cells_and_text_dates_are_both_read(organizer, tree):
    _run(
        organizer,
        tree,
        [
            cadre_row(full_name="A Một", date_of_birth=datetime.datetime(1990, 5, 4)),
            cadre_row(full_name="B Hai", date_of_birth="04/05/1991"),
        ],
    )
    assert Cadre.objects.get(full_name="A Một").date_of_birth == datetime.date(1990, 5, 4)
    assert Cadre.objects.get(full_name="B Hai").date_of_birth == datetime.date(1991, 5, 4)


def test_one_invalid_row_means_nothing_is_written(organizer, tree):
    job = _run(
        organizer,
        tree,
        [cadre_row(full_name="Đúng"), cadre_row(full_name="Sai", gender="Không rõ")],
    )
    assert job.status == "invalid"
    assert job.errors[0]["row"] == 3 and job.errors[0]["column"] == "Giới tính*"
    assert Cadre.objects.count() == 0


def test_a_database_failure_mid_commit_writes_nothing(organizer, tree, monkeypatch):
    def broken(*args, **kwargs):
        raise IntegrityError("disk full")

    monkeypatch.setattr(Post.objects, "bulk_create", broken)
    job = _run(organizer, tree, [cadre_row(full_name="A Một"), cadre_row(full_name="B Hai")])
    assert job.status == "failed"
    assert "không có dòng nào được nhập" in job.errors[0]["message"]
    assert Cadre.objects.count() == 0


def test_a_row_that_became_invalid_before_confirming_stops_the_whole_import(organizer, tree):
    job = _run(
        organizer,
        tree,
        [cadre_row(full_name="A Một", national_id="068095001234"), cadre_row(full_name="B Hai")],
        confirm=False,
    )
    assert job.status == "ready"
    CadreFactory(unit=tree["commune_hn"], national_id="068095001234")
    with TestCase.captureOnCommitCallbacks(execute=True):
        imports.import_job_confirm(actor=organizer, job=job)
    job.refresh_from_db()
    assert job.status == "invalid"
    assert job.errors[0]["row"] == 2
    assert not Cadre.objects.filter(full_name="B Hai").exists()


def test_confirming_twice_imports_once(organizer, tree):
    job = _run(organizer, tree, [cadre_row(full_name="A Một")], confirm=False)
    with TestCase.captureOnCommitCallbacks(execute=True):
        first = imports.import_job_confirm(actor=organizer, job=job)
        second = imports.import_job_confirm(actor=organizer, job=ImportJob.objects.get(pk=job.pk))
    assert (first, second) == (True, False)
    imports.import_job_commit(job_id=job.pk)
    assert Cadre.objects.count() == 1
    assert ImportJob.objects.get(pk=job.pk).status == "done"


def test_another_province_cannot_be_imported_into(other_organizer, tree):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        import_run(
            other_organizer, "cadres", tree["lam_dong"], xlsx_upload(CADRE_HEADERS, [cadre_row()])
        )
    assert ImportJob.objects.count() == 0


def test_a_pre_2025_commune_code_lands_in_todays_unit(organizer, tree):
    from organizations.models import LegacyUnit

    LegacyUnit.objects.create(
        level="ward",
        code="24611",
        name="Xã Quảng Tín",
        district_name="Huyện Đắk R'Lấp",
        province_name="Tỉnh Đắk Nông",
        unit=tree["commune"],
        source="test",
    )
    job = _run(organizer, tree, [cadre_row(national_id="068095001234", unit="24611")])

    assert job.status == "done", job.errors
    assert Cadre.objects.get(national_id="068095001234").unit == tree["commune"]


def test_a_pre_2025_code_landing_in_another_province_is_refused(organizer, tree):
    from organizations.models import LegacyUnit

    LegacyUnit.objects.create(
        level="ward", code="00004", name="Phường Trúc Bạch", province_name="Thành phố Hà Nội",
        unit=tree["commune_hn"], source="test",
    )  # fmt: skip
    job = _run(organizer, tree, [cadre_row(national_id="068095001234", unit="00004")])

    assert job.status == "invalid"
    assert job.errors[0]["column"].startswith("Mã đơn vị")
    assert not Cadre.objects.exists()


def test_a_dissolved_unit_code_lands_in_its_successor(organizer, tree):
    from tests.factories import history_merge

    merged = history_merge([tree["commune"]], "X24999", "Đoàn xã Quảng Khê mới", on=TODAY)
    job = _run(organizer, tree, [cadre_row(national_id="068095001234", unit="X24000")])

    assert job.status == "done", job.errors
    assert Cadre.objects.get(national_id="068095001234").unit == merged


def test_a_form_submitted_twice_at_once_stores_one_job(organizer, tree, monkeypatch):
    from organizations.imports import jobs

    def upload():
        return xlsx_upload(CADRE_HEADERS, [cadre_row()])

    first = jobs.import_job_create(
        actor=organizer, kind="cadres", scope_unit=tree["lam_dong"], upload=upload(),
        request_key="k-1",
    )  # fmt: skip
    # The second request looked for the key before the first one had stored it.
    calls = []
    real = jobs._earlier

    def earlier(key):
        calls.append(key)
        return None if len(calls) == 1 else real(key)

    monkeypatch.setattr(jobs, "_earlier", earlier)
    second = jobs.import_job_create(
        actor=organizer, kind="cadres", scope_unit=tree["lam_dong"], upload=upload(),
        request_key="k-1",
    )  # fmt: skip

    assert second.pk == first.pk
    assert ImportJob.objects.count() == 1


def test_dissolved_unit_codes_resolve_in_queries_that_do_not_grow_per_code(organizer, tree):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.factories import history_merge, unit_child

    olds = [unit_child(tree["lam_dong"], f"X2410{i}") for i in range(4)]
    merged = [
        history_merge([old], f"X2420{i}", f"Đoàn xã mới {i}", on=TODAY)
        for i, old in enumerate(olds)
    ]
    last = history_merge([merged[0]], "X24300", "Đoàn xã mới nhất", on=TODAY)

    def resolve(codes):
        with CaptureQueriesContext(connection) as queries:
            found = imports.resolve_unit_codes(codes, tree["lam_dong"])
        return found, len(queries)

    one, one_count = resolve(["X24100"])
    many, many_count = resolve([old.code for old in olds])

    assert one == {"X24100": last}
    assert many == {
        "X24100": last,
        **{o.code: m for o, m in zip(olds[1:], merged[1:], strict=True)},
    }
    assert many_count == one_count


def test_a_vietnamese_file_imports_the_same_for_an_organizer_reading_in_english(organizer, tree):
    from django.utils import translation

    with translation.override("en"):
        job = _run(organizer, tree, [cadre_row(national_id="068095001234", gender="Nữ")])
        template = imports.template_bytes(imports.kind_get("cadres"))

    assert job.status == "done", job.errors
    assert Cadre.objects.get(national_id="068095001234").gender == "female"
    import io

    from openpyxl import load_workbook

    headers = [c.value for c in next(load_workbook(io.BytesIO(template)).active.iter_rows())]
    assert headers[:3] == ["Mã cán bộ", "Số CCCD", "Họ và tên*"]
