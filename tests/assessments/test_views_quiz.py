"""Taking a quiz through the pages: no answer key before submission, own attempts only,
limits and deadlines, autosave answers, and trainers marking within their province."""

import datetime
import re
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from assessments.models import Attempt, AttemptItem
from assessments.selectors.quizzes import quiz_link
from assessments.services.quizzes import attempt_start, attempt_submit
from tests.factories import UserFactory, make_question, make_quiz

CORRECT = ["ĐÁP-ÁN-ĐÚNG-1", "ĐÁP-ÁN-ĐÚNG-2a", "ĐÁP-ÁN-ĐÚNG-2b"]
WRONG = ["PHƯƠNG-ÁN-SAI-1a", "PHƯƠNG-ÁN-SAI-1b", "PHƯƠNG-ÁN-SAI-2"]
STEPS = ["BƯỚC-KHẢO-SÁT", "BƯỚC-LẬP-KẾ-HOẠCH", "BƯỚC-TRIỂN-KHAI", "BƯỚC-TỔNG-KẾT"]
EXPLANATIONS = ["GIẢI-THÍCH-1", "GIẢI-THÍCH-2", "GIẢI-THÍCH-3", "GIẢI-THÍCH-4", "GIẢI-THÍCH-5"]
MODEL_ANSWER = "ĐÁP-ÁN-MẪU-CHỈ-GIẢNG-VIÊN-THẤY"
OPTION_TEXT = re.compile(r'<span class="choice-text">[^<]*</span>')


@pytest.fixture
def quiz(bank):
    """One question of every kind, with texts that cannot occur on a page by chance."""
    make_question(
        bank,
        "single",
        text="Ai phê duyệt kế hoạch chiến dịch?",
        choices=[(CORRECT[0], True), (WRONG[0], False), (WRONG[1], False)],
        explanation=EXPLANATIONS[0],
    )
    make_question(
        bank,
        "multiple",
        text="Những việc nào cần làm trước chiến dịch?",
        choices=[(CORRECT[1], True), (CORRECT[2], True), (WRONG[2], False)],
        explanation=EXPLANATIONS[1],
    )
    # "Đúng" and "Sai" are each right in one question and wrong in the other.
    make_question(
        bank,
        "true_false",
        text="Đội hình tình nguyện cần có đội trưởng.",
        choices=[("Đúng", True), ("Sai", False)],
        explanation=EXPLANATIONS[2],
    )
    make_question(
        bank,
        "true_false",
        text="Không cần tổng kết sau chiến dịch.",
        choices=[("Đúng", False), ("Sai", True)],
        explanation=EXPLANATIONS[3],
    )
    make_question(
        bank,
        "ordering",
        text="Xếp các bước của một chiến dịch theo thứ tự.",
        choices=[(step, False) for step in STEPS],
    )
    make_question(
        bank,
        "short",
        text="Nêu một cách huy động đoàn viên tham gia.",
        model_answer=MODEL_ANSWER,
        explanation=EXPLANATIONS[4],
        points=2,
    )
    return make_quiz(bank, is_open=True, title="Tự kiểm tra điều phối", time_limit_minutes=20)


def _index_of(item, text):
    texts = {c.pk: c.text for c in item.question.choices.all()}
    return [texts[pk] for pk in item.choice_order].index(text)


def _item_of_kind(attempt, kind):
    return next(i for i in attempt.items.select_related("question") if i.question.kind == kind)


def _start(client, quiz):
    response = client.post(reverse("assessments:open_quiz", args=[quiz.pk]))
    assert response.status_code == 302
    return Attempt.objects.get(quiz=quiz, status=Attempt.Status.IN_PROGRESS), response


def _full_answers(attempt, *, right=True):
    """POST data of the whole sheet: every question right (or every choice question wrong)."""
    data = {}
    for item in attempt.items.select_related("question").prefetch_related("question__choices"):
        name = f"q{item.position}"
        choices = list(item.question.choices.all())
        kind = item.question.kind
        if kind in ("single", "true_false"):
            choice = next(c for c in choices if c.is_correct == right)
            data[name] = str(_index_of(item, choice.text))
        elif kind == "multiple":
            data[name] = [str(_index_of(item, c.text)) for c in choices if c.is_correct == right]
        elif kind == "ordering":
            for rank, choice in enumerate(choices, start=1):  # choices come in correct order
                data[f"{name}_{_index_of(item, choice.text)}"] = str(rank)
        else:
            data[name] = "Huy động qua mạng xã hội và các chi đoàn"
    return data


def _autosave(client, attempt, data):
    return client.post(reverse("assessments:attempt_autosave", args=[attempt.pk]), data)


def _assert_no_answer_key(body: str, where: str) -> None:
    visible = OPTION_TEXT.sub('<span class="choice-text"></span>', body)
    for secret in [*CORRECT, *EXPLANATIONS, MODEL_ANSWER]:
        assert secret not in visible, f"{secret} leaked in {where}"
    for text in CORRECT + WRONG:
        assert body.count(text) <= 1, f"{text} shown more than once in {where}"


def _assert_options_look_alike(body: str) -> None:
    """Within each question, a right option's markup equals a wrong one's but for its text
    and its shown place."""
    for fieldset in re.findall(r"<fieldset.*?</fieldset>", body, flags=re.S):
        options = re.findall(r'<label class="option.*?</label>', fieldset, flags=re.S)
        shapes = {
            re.sub(r'value="\d+"| checked|_\d+"', "", OPTION_TEXT.sub("", option))
            for option in options
        }
        assert len(shapes) <= 1, shapes


# --- No answer key before submission --------------------------------------------------


def test_nothing_sent_before_submission_reveals_the_answer_key(client, learner, quiz):
    client.force_login(learner)
    bodies: dict[str, str] = {}

    page = client.get(reverse("assessments:open_quiz", args=[quiz.pk]))
    assert "Bắt đầu làm bài" in page.content.decode()
    bodies["quiz page"] = page.content.decode()
    attempt, started = _start(client, quiz)
    bodies["start"] = started.content.decode()

    sheet = client.get(started["Location"])
    assert sheet.status_code == 200
    bodies["sheet"] = sheet.content.decode()
    _assert_options_look_alike(bodies["sheet"])

    # The ordering question is never shown in its correct order, and option values are
    # shown places: sorting by them gives the shown order, not the author's.
    ordering = _item_of_kind(attempt, "ordering")
    fieldset = re.search(
        rf'<fieldset[^>]*data-position="{ordering.position}".*?</fieldset>', bodies["sheet"], re.S
    ).group(0)
    shown = re.findall(r'<span class="choice-text">([^<]*)</span>', fieldset)
    assert shown != STEPS and sorted(shown) == sorted(STEPS)
    names = re.findall(rf'name="q{ordering.position}_(\d+)"', fieldset)
    assert names == [str(i) for i in range(len(STEPS))]

    # Autosave each question, a wrong answer where there is one.
    wrong = _full_answers(attempt, right=False)
    for item in attempt.items.select_related("question"):
        fields = {k: v for k, v in wrong.items() if re.fullmatch(rf"q{item.position}(_\d+)?", k)}
        saved = _autosave(client, attempt, {"position": item.position, **fields})
        assert saved.status_code == 200, saved.content
        bodies[f"autosave {item.position}"] = saved.content.decode()
        assert set(saved.json()) == {"saved", "seconds_left"}
    bodies["bad autosave"] = _autosave(client, attempt, {"position": 99}).content.decode()

    # A reload (or a closed tab opened again) and the pages reachable meanwhile.
    bodies["reload"] = client.get(started["Location"]).content.decode()
    bodies["early result"] = client.get(
        reverse("assessments:attempt_result", args=[attempt.pk])
    ).content.decode()
    bodies["quiz page again"] = client.get(
        reverse("assessments:open_quiz", args=[quiz.pk])
    ).content.decode()
    saved_sheet = client.post(started["Location"], {**wrong, "action": "save"}, follow=True)
    bodies["saved sheet"] = saved_sheet.content.decode()
    assert "Làm tiếp bài đang làm" in bodies["quiz page again"]

    for where, body in bodies.items():
        _assert_no_answer_key(body, where)

    # After submission, the result shows the right options and the explanations.
    result = client.post(started["Location"], {**_full_answers(attempt), "action": "submit"})
    assert result["Location"] == reverse("assessments:attempt_result", args=[attempt.pk])
    page = client.get(result["Location"]).content.decode()
    for text in [*CORRECT, *STEPS, *EXPLANATIONS]:
        assert text in page
    assert "Đáp án đúng" in page and "Đang chờ giảng viên chấm" in page
    assert MODEL_ANSWER not in page  # only the trainer marking sees it


def test_result_hides_answers_when_the_quiz_does_not_show_them(client, learner, quiz):
    quiz.show_correct_answers = False
    quiz.save()
    client.force_login(learner)
    attempt, started = _start(client, quiz)
    client.post(started["Location"], {**_full_answers(attempt, right=False), "action": "submit"})
    page = client.get(reverse("assessments:attempt_result", args=[attempt.pk])).content.decode()
    assert "Đáp án đúng" not in page and "Thứ tự đúng" not in page
    for secret in [*EXPLANATIONS, MODEL_ANSWER]:
        assert secret not in page
    assert "Bạn chọn" in page


# --- The answer sheet -----------------------------------------------------------------


def test_saved_answers_fill_the_sheet_again_after_a_reload(client, learner, quiz):
    client.force_login(learner)
    attempt, started = _start(client, quiz)
    answers = _full_answers(attempt)
    single = _item_of_kind(attempt, "single")
    ordering = _item_of_kind(attempt, "ordering")
    short = _item_of_kind(attempt, "short")
    response = client.post(started["Location"], {**answers, "action": "save"})
    assert response.status_code == 302 and response["Location"] == started["Location"]

    page = client.get(started["Location"]).content.decode()
    chosen = answers[f"q{single.position}"]
    assert f'name="q{single.position}" value="{chosen}" checked' in page
    assert "Huy động qua mạng xã hội và các chi đoàn</textarea>" in page
    for index in range(len(STEPS)):
        rank = answers[f"q{ordering.position}_{index}"]
        select = re.search(
            rf'name="q{ordering.position}_{index}">(.*?)</select>', page, re.S
        ).group(1)
        assert f'value="{rank}" selected' in select
    ordering.refresh_from_db()
    assert ordering.response == [c.pk for c in ordering.question.choices.all()]
    short.refresh_from_db()
    assert short.response == "Huy động qua mạng xã hội và các chi đoàn"


def test_submitting_grades_and_redirects_to_the_result(client, learner, quiz):
    client.force_login(learner)
    attempt, started = _start(client, quiz)
    client.post(started["Location"], {**_full_answers(attempt), "action": "submit"})
    attempt.refresh_from_db()
    assert attempt.status == Attempt.Status.AWAITING_GRADING  # the short answer waits
    assert client.get(started["Location"])["Location"] == reverse(
        "assessments:attempt_result", args=[attempt.pk]
    )


def test_ordering_with_repeated_ranks_is_refused_and_nothing_written(client, learner, quiz):
    client.force_login(learner)
    attempt, started = _start(client, quiz)
    ordering = _item_of_kind(attempt, "ordering")
    single = _item_of_kind(attempt, "single")
    data = {f"q{ordering.position}_{i}": "1" for i in range(len(STEPS))}
    data[f"q{single.position}"] = "0"
    response = client.post(started["Location"], {**data, "action": "submit"})
    assert response.status_code == 400
    body = response.content.decode()
    assert f"Câu {ordering.position}: hãy đánh số thứ tự từ 1 đến 4" in body
    assert f'name="q{single.position}" value="0" checked' in body  # posted values kept
    attempt.refresh_from_db()
    assert attempt.status == Attempt.Status.IN_PROGRESS
    assert not attempt.items.filter(response__isnull=False).exists()


def test_another_cadres_attempt_is_404(client, learner, learner_hn, quiz):
    attempt = attempt_start(actor=learner, quiz=quiz)
    client.force_login(learner_hn)
    for name in ("attempt", "attempt_result"):
        assert client.get(reverse(f"assessments:{name}", args=[attempt.pk])).status_code == 404
    submit = client.post(reverse("assessments:attempt", args=[attempt.pk]), {"action": "submit"})
    assert submit.status_code == 404
    response = _autosave(client, attempt, {"position": 1, "q1": "0"})
    assert response.status_code == 404
    attempt.refresh_from_db()
    assert attempt.status == Attempt.Status.IN_PROGRESS
    assert not attempt.items.filter(response__isnull=False).exists()


def test_pages_need_a_login(client, learner, quiz):
    attempt = attempt_start(actor=learner, quiz=quiz)
    response = client.get(reverse("assessments:attempt", args=[attempt.pk]))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_overdue_attempt_is_closed_when_opened(client, learner, quiz):
    attempt = attempt_start(actor=learner, quiz=quiz)
    single = _item_of_kind(attempt, "single")
    single.response = single.choice_order[_index_of(single, CORRECT[0])]
    single.save()
    Attempt.objects.filter(pk=attempt.pk).update(
        deadline=timezone.now() - datetime.timedelta(minutes=2)
    )
    client.force_login(learner)
    response = client.get(reverse("assessments:attempt", args=[attempt.pk]))
    assert response["Location"] == reverse("assessments:attempt_result", args=[attempt.pk])
    attempt.refresh_from_db()
    assert attempt.status != Attempt.Status.IN_PROGRESS and attempt.submitted_at
    single.refresh_from_db()
    assert single.points == single.max_points  # the answer saved in time counts
    page = client.get(response["Location"]).content.decode()
    assert "Đã hết thời gian làm bài" in page


def test_double_submit_is_graded_once(client, learner, bank, heard):
    make_question(bank, "single", choices=[(CORRECT[0], True), (WRONG[0], False)])
    make_question(bank, "true_false")
    quiz = make_quiz(bank, is_open=True)
    client.force_login(learner)
    attempt, started = _start(client, quiz)
    data = {**_full_answers(attempt), "action": "submit"}
    first = client.post(started["Location"], data)
    second = client.post(started["Location"], data)
    assert first["Location"] == second["Location"]
    assert [call["attempt_id"] for call in heard] == [attempt.pk]
    assert Attempt.objects.filter(quiz=quiz).count() == 1
    attempt.refresh_from_db()
    assert attempt.status == Attempt.Status.GRADED and attempt.score == Decimal("2.00")


# --- Autosave -------------------------------------------------------------------------


def test_autosave_stores_an_answer_and_reports_time_left(client, learner, quiz):
    client.force_login(learner)
    attempt, _started = _start(client, quiz)
    multiple = _item_of_kind(attempt, "multiple")
    picks = [str(_index_of(multiple, CORRECT[1])), str(_index_of(multiple, WRONG[2]))]
    response = _autosave(
        client, attempt, {"position": multiple.position, f"q{multiple.position}": picks}
    )
    assert response.status_code == 200
    data = response.json()
    assert data["saved"] == 1 and 19 * 60 < data["seconds_left"] <= 20 * 60
    multiple.refresh_from_db()
    texts = {c.pk: c.text for c in multiple.question.choices.all()}
    assert sorted(texts[pk] for pk in multiple.response) == sorted([CORRECT[1], WRONG[2]])
    # Unticking every box clears the saved answer.
    response = _autosave(client, attempt, {"position": multiple.position})
    multiple.refresh_from_db()
    assert response.status_code == 200 and multiple.response is None


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"position": "abc"},
        {"position": "99"},
        {"position": "1", "q1": "99"},
        {"position": "1", "q1": "-1"},
        {"position": "1", "q1": ["0", "1"]},
    ],
    ids=["no-position", "not-a-number", "no-such-question", "no-such-option", "negative", "two"],
)
def test_bad_autosave_input_is_400_json_and_nothing_written(client, learner, bank, data):
    make_question(bank, "single", choices=[(CORRECT[0], True), (WRONG[0], False)])
    quiz = make_quiz(bank, is_open=True)
    attempt = attempt_start(actor=learner, quiz=quiz)
    client.force_login(learner)
    response = _autosave(client, attempt, data)
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    message = response.json()["error"]
    assert re.search(r"[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]", message)
    assert AttemptItem.objects.get(attempt=attempt).response is None


def test_bad_ordering_autosave_names_the_question(client, learner, quiz):
    client.force_login(learner)
    attempt, _started = _start(client, quiz)
    ordering = _item_of_kind(attempt, "ordering")
    data = {"position": ordering.position, f"q{ordering.position}_0": "1"}
    data.update({f"q{ordering.position}_{i}": "2" for i in range(1, len(STEPS))})
    response = _autosave(client, attempt, data)
    assert response.status_code == 400
    assert response.json()["error"].startswith(f"Câu {ordering.position}:")
    ordering.refresh_from_db()
    assert ordering.response is None


def test_autosave_after_submission_or_deadline_is_409(client, learner, bank):
    make_question(bank, "single", choices=[(CORRECT[0], True), (WRONG[0], False)])
    quiz = make_quiz(bank, is_open=True, time_limit_minutes=5)
    client.force_login(learner)
    attempt = attempt_start(actor=learner, quiz=quiz)
    Attempt.objects.filter(pk=attempt.pk).update(
        deadline=timezone.now() - datetime.timedelta(minutes=1)
    )
    overdue = _autosave(client, attempt, {"position": 1, "q1": "0"})
    assert overdue.status_code == 409
    assert overdue.json()["result_url"] == reverse("assessments:attempt_result", args=[attempt.pk])
    Attempt.objects.filter(pk=attempt.pk).update(deadline=None)
    attempt_submit(actor=learner, attempt=Attempt.objects.get(pk=attempt.pk))
    closed = _autosave(client, attempt, {"position": 1, "q1": "0"})
    assert closed.status_code == 409
    assert AttemptItem.objects.get(attempt=attempt).response is None


# --- The quiz's page ------------------------------------------------------------------


def test_signed_link_opens_the_quiz_for_its_cadre_only(client, learner, learner_hn, cadre_ld, quiz):
    quiz.is_open = False
    quiz.save()
    url = quiz_link(quiz_id=quiz.pk, context="lesson:abc", cadre_id=cadre_ld.pk)
    client.force_login(learner)
    assert client.get(url).status_code == 200
    assert client.post(url).status_code == 302
    assert Attempt.objects.get().context == "lesson:abc"

    client.force_login(learner_hn)
    assert client.get(url).status_code == 404
    assert client.post(url).status_code == 404
    assert Attempt.objects.count() == 1


def test_forged_or_damaged_link_is_404(client, learner, cadre_ld, cadre_hn, quiz):
    client.force_login(learner)
    url = quiz_link(quiz_id=quiz.pk, context="lesson:abc", cadre_id=cadre_ld.pk)
    token = url.rstrip("/").rsplit("/", 1)[1]
    damaged = reverse("assessments:quiz_start", args=[token[:-2] + "xx"])
    assert client.get(damaged).status_code == 404
    assert client.get(reverse("assessments:quiz_start", args=["khong-hop-le"])).status_code == 404
    others = quiz_link(quiz_id=quiz.pk, context="lesson:abc", cadre_id=cadre_hn.pk)
    assert client.get(others).status_code == 404
    assert client.post(others).status_code == 404
    assert not Attempt.objects.exists()


def test_a_quiz_not_open_to_all_is_404_without_a_link(client, learner, quiz):
    quiz.is_open = False
    quiz.save()
    client.force_login(learner)
    assert client.get(reverse("assessments:open_quiz", args=[quiz.pk])).status_code == 404
    assert client.post(reverse("assessments:open_quiz", args=[quiz.pk])).status_code == 404
    assert not Attempt.objects.exists()


def test_quiz_page_lists_past_attempts_and_the_limit(client, learner, bank):
    make_question(bank, "single", choices=[(CORRECT[0], True), (WRONG[0], False)])
    quiz = make_quiz(bank, is_open=True, max_attempts=1, pass_mark=50, time_limit_minutes=15)
    attempt_submit(actor=learner, attempt=attempt_start(actor=learner, quiz=quiz))
    client.force_login(learner)
    url = reverse("assessments:open_quiz", args=[quiz.pk])
    page = client.get(url).content.decode()
    assert "15 phút" in page and "1 / 1 lần" in page
    assert "Lần 1" in page and "Chưa đạt" in page
    assert "Bạn đã làm hết 1 lần được phép" in page
    assert "Bắt đầu làm bài" not in page

    response = client.post(url, follow=True)
    assert "Bạn đã làm hết 1 lần được phép" in response.content.decode()
    assert Attempt.objects.count() == 1


def test_account_without_cadre_is_told_and_cannot_start(client, quiz):
    user = UserFactory(email="khach@example.vn")
    client.force_login(user)
    url = reverse("assessments:open_quiz", args=[quiz.pk])
    assert "chưa gắn với hồ sơ cán bộ" in client.get(url).content.decode()
    response = client.post(url, follow=True)
    assert "chưa gắn với hồ sơ cán bộ" in response.content.decode()
    assert not Attempt.objects.exists()
