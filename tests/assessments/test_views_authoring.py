"""Authoring in the Wagtail admin: who reaches the assessment menus, the spreadsheet import
(upload → preview → confirm), the validated question form and item analysis."""

import pytest
from django.contrib.auth.models import Group
from django.test import RequestFactory
from django.urls import reverse
from wagtail.admin.menu import admin_menu
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from assessments.models import Competency, EvaluationRound, Question, QuestionBank
from organizations.models import Role
from organizations.services import role_assign
from tests.assessments.helpers import xlsx_upload
from tests.factories import UserFactory, make_competency, make_question, make_quiz

pytestmark = pytest.mark.django_db

HEADER = ["Mã câu hỏi", "Loại", "Nội dung", "Phương án A", "Phương án B", "Đáp án"]


def _url(model, view, *args):
    return reverse(f"wagtailsnippets_assessments_{model}:{view}", args=args)


def _xlsx(rows, name="cau-hoi.xlsx"):
    return xlsx_upload(rows, header=HEADER, name=name)


@pytest.fixture
def author(tree):
    admin = UserFactory(is_superuser=True)
    user = UserFactory(email="giangvien@example.vn")
    role_assign(actor=admin, user=user, role=Role.MASTER_TRAINER, unit=tree["central"])
    return user


@pytest.fixture
def programme_staff(db):
    user = UserFactory(email="chuongtrinh@example.vn")
    user.groups.add(Group.objects.get(name="Cán bộ chương trình"))
    return user


def test_master_trainer_opens_the_authoring_listings(client, author, bank):
    make_question(bank, "single", text="Câu hỏi về khảo sát nhu cầu")
    client.force_login(author)
    for model in ("questionbank", "question", "quiz"):
        assert client.get(_url(model, "list")).status_code == 200
    listing = client.get(_url("questionbank", "list")).content.decode()
    assert reverse("assessments_question_import", args=[bank.pk]) in listing
    assert reverse("assessments_bank_analysis", args=[bank.pk]) in listing
    assert "Đánh giá năng lực" in _menu_labels(author)


def _menu_labels(user):
    request = RequestFactory().get("/admin/")
    request.user = user
    return [str(item.label) for item in admin_menu.menu_items_for_request(request)]


def test_question_listing_filters_by_bank_and_searches_text(client, author, bank):
    other = QuestionBank.objects.create(title="Ngân hàng khác")
    make_question(bank, "single", text="Khảo sát nhu cầu địa phương")
    make_question(other, "single", text="Câu của ngân hàng khác")
    client.force_login(author)
    page = client.get(_url("question", "list"), {"bank": bank.pk}).content.decode()
    assert "Khảo sát nhu cầu" in page and "ngân hàng khác" not in page
    page = client.get(_url("question", "list"), {"q": "ngân hàng khác"}).content.decode()
    assert "Câu của ngân hàng khác" in page and "Khảo sát nhu cầu" not in page


def test_organizer_and_plain_cadre_get_no_access(client, organizer, bank):
    quiz = make_quiz(bank)
    cadre_user = UserFactory(email="canbo@example.vn")
    for user in (organizer, cadre_user):
        client.force_login(user)
        for url in (
            _url("questionbank", "list"),
            _url("question", "add"),
            _url("competency", "list"),
            reverse("assessments_question_import", args=[bank.pk]),
            reverse("assessments_bank_analysis", args=[bank.pk]),
            reverse("assessments_quiz_analysis", args=[quiz.pk]),
            reverse("assessments_question_template"),
        ):
            response = client.get(url)
            assert response.status_code == 302, url
            assert not response.url.startswith(url)


def test_import_preview_lists_rows_and_confirm_writes_them(client, author, bank):
    client.force_login(author)
    url = reverse("assessments_question_import", args=[bank.pk])
    assert client.get(url).status_code == 200
    rows = [
        ["KH-1", "Một lựa chọn", "Việc đầu tiên khi lập kế hoạch?", "Khảo sát", "Mua sắm", "A"],
        ["KH-2", "Đúng/Sai", "Cần tổng kết sau chiến dịch.", "", "", "Đúng"],
    ]
    preview = client.post(url, {"file": _xlsx(rows)})
    page = preview.content.decode()
    assert preview.status_code == 200
    assert "Việc đầu tiên khi lập kế hoạch?" in page and "Tạo mới" in page
    assert not Question.objects.exists()
    digest = preview.context["digest"]
    assert digest

    done = client.post(url, {"digest": digest})
    assert done.status_code == 302
    assert done.url.endswith(f"?bank={bank.pk}")
    assert set(bank.questions.values_list("key", flat=True)) == {"KH-1", "KH-2"}
    # The pending file is used once.
    again = client.post(url, {"digest": digest})
    assert again.status_code == 302 and again.url == url
    assert bank.questions.count() == 2


def test_import_preview_shows_every_error_and_offers_no_confirmation(client, author, bank):
    client.force_login(author)
    url = reverse("assessments_question_import", args=[bank.pk])
    rows = [
        ["KH-1", "Một lựa chọn", "Hai đáp án đúng?", "Có", "Không", "A,B"],
        ["KH-2", "Tự luận", "Loại lạ", "", "", ""],
    ]
    response = client.post(url, {"file": _xlsx(rows)})
    page = response.content.decode()
    assert "Tệp có 2 lỗi" in page
    errors = response.context["result"].errors
    assert [(e.row, e.column) for e in errors] == [(2, "Đáp án"), (3, "Loại")]
    assert "đúng một phương án đúng" in page
    assert 'name="digest"' not in page
    assert not Question.objects.exists()


def test_import_refuses_a_confirmation_for_another_users_upload(client, author, bank, tree):
    client.force_login(author)
    url = reverse("assessments_question_import", args=[bank.pk])
    rows = [["KH-1", "Một lựa chọn", "Câu hỏi?", "Có", "Không", "A"]]
    digest = client.post(url, {"file": _xlsx(rows)}).context["digest"]

    admin = UserFactory(is_superuser=True)
    other = UserFactory(email="giangvien2@example.vn")
    role_assign(actor=admin, user=other, role=Role.MASTER_TRAINER, unit=tree["ha_noi"])
    client.force_login(other)
    response = client.post(url, {"digest": digest})
    assert response.status_code == 302 and response.url == url
    assert not Question.objects.exists()


def test_import_without_a_file_says_so(client, author, bank):
    client.force_login(author)
    response = client.post(reverse("assessments_question_import", args=[bank.pk]), {})
    assert "Chọn tệp bảng tính để tải lên." in response.content.decode()


def test_template_download_is_an_xlsx(client, author):
    client.force_login(author)
    response = client.get(reverse("assessments_question_template"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert response.content.startswith(b"PK")


def _question_post(bank, kind, choices, **fields):
    return nested_form_data(
        {
            "bank": bank.pk,
            "key": fields.get("key", ""),
            "kind": kind,
            "text": fields.get("text", "Bước đầu tiên khi lập kế hoạch?"),
            "choices": inline_formset(
                [{"text": text, "is_correct": "on" if right else ""} for text, right in choices]
            ),
            "competency": "",
            "difficulty": "2",
            "points": "1",
            "explanation": "",
            "model_answer": "",
            "is_active": "on",
        }
    )


def test_admin_form_rejects_single_choice_with_two_correct_answers(client, author, bank):
    client.force_login(author)
    data = _question_post(bank, "single", [("Khảo sát", True), ("Lập kế hoạch", True)])
    response = client.post(_url("question", "add"), data)
    assert response.status_code == 200
    assert "phải có đúng một phương án đúng (đang có 2)" in response.content.decode()
    assert not Question.objects.exists()


def test_admin_form_saves_a_valid_question_with_its_choices(client, author, bank):
    client.force_login(author)
    data = _question_post(bank, "single", [("Khảo sát", True), ("Mua sắm", False)], key="Q1")
    response = client.post(_url("question", "add"), data)
    assert response.status_code == 302
    question = Question.objects.get(key="Q1")
    assert list(question.choices.values_list("text", "is_correct")) == [
        ("Khảo sát", True),
        ("Mua sắm", False),
    ]


def test_admin_form_rejects_a_key_already_used_in_the_bank(client, author, bank):
    make_question(bank, "single", key="Q1")
    client.force_login(author)
    data = _question_post(bank, "single", [("Có", True), ("Không", False)], key="Q1")
    response = client.post(_url("question", "add"), data)
    assert "đã có trong ngân hàng này" in response.content.decode()
    assert bank.questions.count() == 1


def test_programme_staff_edit_the_competency_framework(client, programme_staff):
    competency = make_competency(code="KH", name="Lập kế hoạch")
    client.force_login(programme_staff)
    assert client.get(_url("competency", "list")).status_code == 200
    data = nested_form_data(
        {
            "code": "KH",
            "order": "1",
            "name": "Lập kế hoạch chiến dịch",
            "description": "",
            "is_active": "on",
            "descriptors": inline_formset(
                [{"level": "1", "description": "Biết các bước lập kế hoạch."}]
            ),
            "required_levels": inline_formset([{"org_level": "grassroots", "level": "2"}]),
        }
    )
    response = client.post(_url("competency", "edit", competency.pk), data)
    assert response.status_code == 302
    competency.refresh_from_db()
    assert competency.name == "Lập kế hoạch chiến dịch"
    assert competency.required_levels.get().level == 2
    # Question banks are the master trainers' business.
    assert client.get(_url("questionbank", "list")).status_code == 302
    assert "Đánh giá năng lực" in _menu_labels(programme_staff)


def test_competency_form_refuses_two_required_levels_for_one_org_level(client, programme_staff):
    competency = make_competency(code="KH")
    client.force_login(programme_staff)
    data = nested_form_data(
        {
            "code": "KH",
            "order": "0",
            "name": "Lập kế hoạch",
            "description": "",
            "is_active": "on",
            "descriptors": inline_formset([]),
            "required_levels": inline_formset(
                [{"org_level": "province", "level": "2"}, {"org_level": "province", "level": "3"}]
            ),
        }
    )
    response = client.post(_url("competency", "edit", competency.pk), data)
    assert response.status_code == 200
    assert "có hai mức yêu cầu" in response.content.decode()
    assert not competency.required_levels.exists()


def test_programme_staff_open_an_evaluation_round_with_levels(client, programme_staff):
    client.force_login(programme_staff)
    data = nested_form_data(
        {
            "title": "Đánh giá thực trạng 2026",
            "period": "2026",
            "opens_on": "2026-03-01",
            "closes_on": "2026-04-30",
            "instructions": "",
            "criteria": inline_formset(
                [{"code": "TC1", "title": "Có kế hoạch năm", "guidance": "", "max_score": "10"}]
            ),
        }
    )
    data["levels"] = ["province", "grassroots"]
    response = client.post(_url("evaluationround", "add"), data)
    assert response.status_code == 302
    round_ = EvaluationRound.objects.get()
    assert round_.levels == ["province", "grassroots"]
    assert round_.criteria.get().code == "TC1"


def test_evaluation_round_must_close_after_it_opens(client, programme_staff):
    client.force_login(programme_staff)
    data = nested_form_data(
        {
            "title": "Đợt sai ngày",
            "period": "2026",
            "opens_on": "2026-05-01",
            "closes_on": "2026-04-01",
            "instructions": "",
            "criteria": inline_formset([]),
        }
    )
    data["levels"] = ["province"]
    response = client.post(_url("evaluationround", "add"), data)
    assert "Hạn nộp phải sau hoặc trùng ngày mở." in response.content.decode()
    assert not EvaluationRound.objects.exists()


def test_item_analysis_pages_render_for_authors(client, author, bank):
    question = make_question(bank, "single", text="Câu hỏi phân tích")
    quiz = make_quiz(bank)
    client.force_login(author)
    for url in (
        reverse("assessments_bank_analysis", args=[bank.pk]),
        reverse("assessments_quiz_analysis", args=[quiz.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 200
    page = client.get(reverse("assessments_bank_analysis", args=[bank.pk])).content.decode()
    assert "Câu hỏi phân tích" in page and 'data-label="Tỉ lệ đúng"' in page
    assert _url("question", "edit", question.pk) in page
    assert client.get(reverse("assessments_bank_analysis", args=[99999])).status_code == 404


def test_authoring_groups_hold_their_permissions():
    authors = Group.objects.get(name="Giảng viên nguồn")
    staff = Group.objects.get(name="Cán bộ chương trình")
    author_codes = set(authors.permissions.values_list("codename", flat=True))
    staff_codes = set(staff.permissions.values_list("codename", flat=True))
    assert {"add_question", "change_choice", "delete_quiz", "view_quizrule"} <= author_codes
    assert {"access_admin", "change_competency", "add_evaluationcriterion"} <= staff_codes
    assert "delete_competency" not in staff_codes and "change_question" not in staff_codes
    assert Competency.objects.count() == 0  # the migration writes no content


def test_authoring_entry_leads_authors_to_the_banks_and_refuses_others(client, author, organizer):
    client.force_login(author)
    response = client.get(reverse("assessments:authoring"))
    assert response.status_code == 302 and response.url == _url("questionbank", "list")
    client.force_login(organizer)
    assert client.get(reverse("assessments:authoring")).status_code == 403


def test_creating_a_bank_in_the_admin_records_its_author(client, author):
    client.force_login(author)
    response = client.post(
        _url("questionbank", "add"), {"title": "Ngân hàng mới", "description": ""}
    )
    assert response.status_code == 302
    assert QuestionBank.objects.get(title="Ngân hàng mới").created_by == author
