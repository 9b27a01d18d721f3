import pytest
from django.urls import reverse

from organizations.models import Cadre
from tests.factories import CadreFactory

pytestmark = pytest.mark.django_db

FORM = {
    "full_name": "Phạm Minh Đức",
    "gender": "male",
    "ethnicity": "kinh",
    "date_of_birth": "15/03/1995",
    "national_id": "",
    "email": "duc@example.vn",
    "phone": "",
    "unit": "X24000",
    "title": "Bí thư Đoàn xã",
    "kind": "dedicated",
    "in_charge_of_volunteer_work": "on",
}


def test_anonymous_user_is_sent_to_login(client, tree):
    response = client.get(reverse("unit_detail", args=["T68"]))
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_unit_index_redirects_organizer_to_their_unit(client, organizer):
    client.force_login(organizer)
    response = client.get(reverse("unit_index"))
    assert response.status_code == 302
    assert response["Location"] == reverse("unit_detail", args=["T68"])


def test_unit_page_lists_subtree_cadres_and_children(client, organizer, cadre_ld, tree):
    client.force_login(organizer)
    response = client.get(reverse("unit_detail", args=["T68"]))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Nguyễn Thị Hoa" in body
    assert "Đoàn xã Quảng Khê" in body


def test_unit_page_searches_by_name_and_code(client, organizer, tree, cadre_ld):
    CadreFactory(unit=tree["commune"], full_name="Vũ Đình Khang")
    client.force_login(organizer)
    by_name = client.get(reverse("unit_detail", args=["T68"]), {"q": "đình khang"})
    by_code = client.get(reverse("unit_detail", args=["T68"]), {"q": cadre_ld.code})
    assert [c.full_name for c in by_name.context["cadres_page"]] == ["Vũ Đình Khang"]
    assert [c.pk for c in by_code.context["cadres_page"]] == [cadre_ld.pk]


def test_unit_page_paginates(client, organizer, tree):
    for i in range(30):
        CadreFactory(unit=tree["commune"], full_name=f"Cán Bộ {i:02d}")
    client.force_login(organizer)
    first = client.get(reverse("unit_detail", args=["T68"]))
    second = client.get(reverse("unit_detail", args=["T68"]), {"page": 2})
    assert len(first.context["cadres_page"]) == 25
    assert len(second.context["cadres_page"]) == 5
    assert first.context["cadres_page"].paginator.count == 30


def test_organizer_creates_cadre_through_form(client, organizer, tree):
    client.force_login(organizer)
    response = client.post(reverse("cadre_create", args=["T68"]), FORM | {"request_key": "k1"})
    assert response.status_code == 302
    cadre = Cadre.objects.get(full_name="Phạm Minh Đức")
    assert cadre.unit == tree["commune"]
    assert cadre.date_of_birth.isoformat() == "1995-03-15"
    assert cadre.posts.get().in_charge_of_volunteer_work


def test_double_submit_of_create_form_creates_one_cadre(client, organizer, tree):
    client.force_login(organizer)
    url = reverse("cadre_create", args=["T68"])
    client.post(url, FORM | {"request_key": "same"})
    client.post(url, FORM | {"request_key": "same"})
    assert Cadre.objects.filter(full_name="Phạm Minh Đức").count() == 1


def test_create_form_rejects_unknown_unit_code_in_vietnamese(client, organizer, tree):
    client.force_login(organizer)
    response = client.post(reverse("cadre_create", args=["T68"]), FORM | {"unit": "KHONGCO"})
    assert response.status_code == 200
    assert "Không có đơn vị mã “KHONGCO”" in response.content.decode()
    assert not Cadre.objects.exists()


def test_create_form_shows_every_bad_field_and_writes_nothing(client, organizer, tree):
    client.force_login(organizer)
    bad = FORM | {"full_name": "X" * 151, "email": "khong-phai-email", "national_id": "123"}
    response = client.post(reverse("cadre_create", args=["T68"]), bad)
    errors = response.context["form"].errors
    assert "tối đa 150 ký tự" in errors["full_name"][0]
    assert "không đúng định dạng" in errors["email"][0]
    assert "12 chữ số" in errors["national_id"][0]
    assert not Cadre.objects.exists()


def test_create_form_rejects_bad_date_format(client, organizer, tree):
    client.force_login(organizer)
    response = client.post(
        reverse("cadre_create", args=["T68"]), FORM | {"date_of_birth": "1995/15/03"}
    )
    assert "dd/mm/yyyy" in response.context["form"].errors["date_of_birth"][0]
    assert not Cadre.objects.exists()


def test_organizer_edits_cadre(client, organizer, cadre_ld):
    client.force_login(organizer)
    url = reverse("cadre_edit", args=[cadre_ld.pk])
    form = client.get(url).context["form"]
    data = {name: form[name].value() or "" for name in form.fields}
    data["date_of_birth"] = ""
    data["phone"] = "0987654321"
    data["in_charge_of_volunteer_work"] = "on"
    response = client.post(url, data)
    assert response.status_code == 302
    cadre_ld.refresh_from_db()
    assert cadre_ld.phone == "0987654321"


def test_viewer_lands_on_overview_with_counts(client, viewer, cadre_ld, tree):
    client.force_login(viewer)
    assert client.get(reverse("role_home"))["Location"] == reverse("scope_overview")
    response = client.get(reverse("scope_overview"))
    rows = {row["unit"].code: row for row in response.context["rows"]}
    assert rows["X24000"]["cadres"] == 1
    assert rows["X24000"]["dedicated_volunteer"] == 1
    assert rows["T68"]["cadres"] == 0


def test_role_home_sends_each_role_to_its_page(client, organizer, tree):
    from tests.factories import UserFactory

    client.force_login(organizer)
    assert client.get(reverse("role_home"))["Location"] == reverse("unit_index")
    learner = UserFactory()
    CadreFactory(unit=tree["commune"], user=learner)
    client.force_login(learner)
    assert client.get(reverse("role_home"))["Location"] == reverse("my_learning")
    admin = UserFactory(is_superuser=True, is_staff=True)
    client.force_login(admin)
    assert client.get(reverse("role_home"))["Location"] == reverse("wagtailadmin_home")


def test_my_learning_shows_honest_empty_state(client, tree):
    from tests.factories import UserFactory

    learner = UserFactory()
    CadreFactory(unit=tree["commune"], user=learner, full_name="Hà Thị Lan")
    client.force_login(learner)
    body = client.get(reverse("my_learning")).content.decode()
    assert "Hà Thị Lan" in body
    assert "chưa được giao khoá học nào" in body


def test_unit_page_query_count_does_not_grow_with_cadres(
    client, organizer, tree, django_assert_max_num_queries
):
    for i in range(25):
        CadreFactory(unit=tree["commune"], full_name=f"Cán Bộ {i:02d}")
    client.force_login(organizer)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("unit_detail", args=["T68"]))
    assert "Chuyên trách" in response.content.decode()
