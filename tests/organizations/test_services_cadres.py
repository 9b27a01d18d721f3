import datetime
import unicodedata

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from organizations import services
from organizations.models import Cadre, Organisation, Post, PostKind

pytestmark = pytest.mark.django_db


def _create(actor, unit, **overrides):
    data = {
        "full_name": "Lê Thị Mai",
        "gender": "female",
        "title": "Phó Bí thư",
        "kind": PostKind.DEDICATED,
        "in_charge_of_volunteer_work": True,
    }
    return services.cadre_create(actor=actor, unit=unit, **(data | overrides))


def test_create_registers_cadre_with_primary_post(tree, organizer):
    cadre = _create(organizer, tree["commune"], national_id="068095001234")

    post = cadre.posts.get()
    assert cadre.unit == tree["commune"]
    assert cadre.code.startswith("CB")
    assert post.is_primary and post.kind == PostKind.DEDICATED
    assert post.in_charge_of_volunteer_work
    assert post.organisation == Organisation.DOAN


def test_create_stores_decomposed_vietnamese_as_nfc(tree, organizer):
    nfd = unicodedata.normalize("NFD", "Nguyễn Thị Ánh Tuyết")
    cadre = _create(organizer, tree["commune"], full_name=nfd)
    assert cadre.full_name == unicodedata.normalize("NFC", "Nguyễn Thị Ánh Tuyết")


def test_create_with_same_request_key_is_idempotent(tree, organizer):
    first = _create(organizer, tree["commune"], request_key="form-abc")
    second = _create(organizer, tree["commune"], request_key="form-abc")
    assert first.pk == second.pk
    assert Cadre.objects.count() == 1
    assert Post.objects.count() == 1


def test_update_changes_person_and_primary_post(tree, organizer, cadre_ld):
    services.cadre_update(
        actor=organizer,
        cadre=cadre_ld,
        phone="0912 345 678",
        title="Bí thư Đoàn xã",
        kind=PostKind.PART_TIME,
    )
    cadre_ld.refresh_from_db()
    post = cadre_ld.posts.get(end_date__isnull=True)
    assert cadre_ld.phone == "0912 345 678"
    assert post.title == "Bí thư Đoàn xã"
    assert post.kind == PostKind.PART_TIME
    assert post.start_date == timezone.localdate()


def test_update_of_what_indicators_count_keeps_the_old_post_as_history(tree, organizer, cadre_ld):
    before = cadre_ld.posts.get()
    services.cadre_update(actor=organizer, cadre=cadre_ld, kind=PostKind.PART_TIME)
    before.refresh_from_db()
    assert before.kind == PostKind.DEDICATED
    assert before.end_date == timezone.localdate() - datetime.timedelta(days=1)
    assert cadre_ld.posts.count() == 2


def test_update_of_the_title_only_edits_the_post_in_place(tree, organizer, cadre_ld):
    services.cadre_update(actor=organizer, cadre=cadre_ld, title="Phó Bí thư")
    assert cadre_ld.posts.get().title == "Phó Bí thư"


def test_update_moves_cadre_within_subtree(tree, organizer, cadre_ld):
    services.cadre_update(actor=organizer, cadre=cadre_ld, unit=tree["lam_dong"])
    cadre_ld.refresh_from_db()
    assert cadre_ld.unit == tree["lam_dong"]
    assert cadre_ld.posts.get(end_date__isnull=True).unit == tree["lam_dong"]
    assert cadre_ld.posts.get(end_date__isnull=False).unit == tree["commune"]


def test_one_person_with_posts_in_two_organisations_is_one_cadre(tree, organizer, cadre_ld):
    services.post_add(
        actor=organizer,
        cadre=cadre_ld,
        unit=tree["commune"],
        title="Chủ tịch Hội LHTN xã",
        kind=PostKind.PART_TIME,
        organisation=Organisation.HOI_LHTN,
    )
    again = services.post_add(
        actor=organizer,
        cadre=cadre_ld,
        unit=tree["commune"],
        title="Chủ tịch Hội LHTN xã",
        kind=PostKind.PART_TIME,
        organisation=Organisation.HOI_LHTN,
    )
    assert Cadre.objects.count() == 1
    assert cadre_ld.posts.count() == 2
    assert again.organisation == Organisation.HOI_LHTN
    assert set(cadre_ld.posts.values_list("organisation", flat=True)) == {"doan", "hoi_lhtn"}


def test_post_end_keeps_history_and_is_idempotent(tree, organizer, cadre_ld):
    post = cadre_ld.posts.get()
    services.post_end(actor=organizer, post=post, end_date=datetime.date(2025, 6, 30))
    services.post_end(actor=organizer, post=post, end_date=datetime.date(2025, 12, 31))
    post.refresh_from_db()
    assert post.end_date == datetime.date(2025, 6, 30)


class TestBadInput:
    """Each bad field gets a Vietnamese message naming the problem; nothing is written."""

    def _assert_refused(self, organizer, unit, field, fragment, **overrides):
        before = (Cadre.objects.count(), Post.objects.count())
        with pytest.raises(ValidationError) as info:
            _create(organizer, unit, **overrides)
        messages = " ".join(info.value.message_dict[field])
        assert fragment in messages
        assert (Cadre.objects.count(), Post.objects.count()) == before

    def test_duplicate_national_id(self, tree, organizer):
        _create(organizer, tree["commune"], national_id="068095001234")
        self._assert_refused(
            organizer, tree["lam_dong"], "national_id", "đã có trong hệ thống",
            full_name="Người Khác", national_id="068095001234",
        )  # fmt: skip

    def test_malformed_national_id(self, tree, organizer):
        self._assert_refused(
            organizer, tree["commune"], "national_id", "12 chữ số", national_id="12ab"
        )

    def test_malformed_email(self, tree, organizer):
        self._assert_refused(
            organizer, tree["commune"], "email", "không đúng định dạng", email="mai@@x"
        )

    def test_overlong_name(self, tree, organizer):
        self._assert_refused(
            organizer, tree["commune"], "full_name", "tối đa 150 ký tự", full_name="A" * 151
        )

    def test_empty_name(self, tree, organizer):
        self._assert_refused(organizer, tree["commune"], "full_name", "không được để trống",
                             full_name="   ")  # fmt: skip

    def test_unknown_gender(self, tree, organizer):
        self._assert_refused(organizer, tree["commune"], "gender", "không hợp lệ", gender="x")

    def test_future_birth_date(self, tree, organizer):
        tomorrow = datetime.date.today() + datetime.timedelta(days=1)
        self._assert_refused(
            organizer, tree["commune"], "date_of_birth", "tương lai", date_of_birth=tomorrow
        )

    def test_inactive_unit(self, tree, organizer):
        tree["commune"].is_active = False
        tree["commune"].save()
        self._assert_refused(organizer, tree["commune"], "unit", "ngừng hoạt động")

    def test_update_to_duplicate_national_id_changes_nothing(self, tree, organizer, cadre_ld):
        other = _create(organizer, tree["commune"], national_id="068095009999")
        with pytest.raises(ValidationError) as info:
            services.cadre_update(
                actor=organizer, cadre=cadre_ld, national_id="068095009999", phone="0900000000"
            )
        assert "national_id" in info.value.message_dict
        cadre_ld.refresh_from_db()
        assert cadre_ld.national_id == ""
        assert cadre_ld.phone == ""
        assert other.national_id == "068095009999"
