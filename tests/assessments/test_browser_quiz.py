"""A cadre takes a timed self-check on a phone: answers are saved as given (and once the
connection is back), a reload in the middle keeps them and the clock, submitting shows the
result, and the competency profile shows what the quiz measured."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from assessments.models import Attempt, AttemptItem, QuestionBank
from tests.conftest import needs_chromium
from tests.factories import UserFactory, make_competency, make_question, make_quiz

PASSWORD = "mat-khau-thu-nghiem-2025"  # UserFactory's password (tests/factories.py)

pytestmark = [pytest.mark.browser, needs_chromium]


def _question(page, text):
    return page.locator("fieldset.question", has_text=text)


def _log_in(page, live_server, user):
    page.goto(f"{live_server.url}/accounts/login/")
    page.locator("input[name=login]").fill(user.email)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("input[name=password]").press("Enter")
    page.wait_for_url(re.compile(r"/me/learning/$"))


def _seconds(clock: str) -> int:
    minutes, seconds = clock.split(":")
    return int(minutes) * 60 + int(seconds)


def test_cadre_takes_a_timed_quiz_with_a_reload_midway(live_server, phone, cadre_ld):
    from playwright.sync_api import expect

    competency = make_competency(code="KH", name="Lập kế hoạch chiến dịch tình nguyện")
    bank = QuestionBank.objects.create(title="Ngân hàng lập kế hoạch")
    fields = {"competency": competency}
    make_question(
        bank,
        "single",
        text="Ai phê duyệt kế hoạch chiến dịch cấp xã?",
        choices=[("Ban Thường vụ Đoàn xã", True), ("Đội trưởng đội hình", False)],
        **fields,
    )
    make_question(
        bank,
        "multiple",
        text="Kế hoạch chiến dịch cần nêu những gì?",
        choices=[("Mục tiêu", True), ("Nguồn lực", True), ("Sở thích cá nhân", False)],
        **fields,
    )
    make_question(
        bank,
        "true_false",
        text="Cần khảo sát địa bàn trước khi lập kế hoạch.",
        choices=[("Đúng", True), ("Sai", False)],
        **fields,
    )
    make_question(
        bank,
        "ordering",
        text="Xếp các bước theo thứ tự.",
        choices=[("Khảo sát", False), ("Lập kế hoạch", False), ("Triển khai", False)],
        **fields,
    )
    quiz = make_quiz(
        bank, is_open=True, title="Tự kiểm tra lập kế hoạch", time_limit_minutes=20, pass_mark=80
    )
    learner = UserFactory(email="hoa.quangkhe@example.vn")
    cadre_ld.user = learner
    cadre_ld.save()

    page = phone.new_page()
    _log_in(page, live_server, learner)

    page.goto(live_server.url + reverse("assessments:open_quiz", args=[quiz.pk]))
    expect(page.locator("h1")).to_have_text(quiz.title)
    expect(page.locator(".quiz-facts")).to_contain_text("20 phút")
    page.get_by_role("button", name="Bắt đầu làm bài").click()
    page.wait_for_url(re.compile(r"/danh-gia/luot/\d+/$"))
    sheet_url = page.url

    timer = page.locator("[data-timer]")
    deadline = timer.get_attribute("data-deadline")
    expect(timer.locator("[data-countdown]")).to_have_text(re.compile(r"^(20:00|19:[0-5]\d)$"))

    # One answer, saved on its own as it is given.
    status = page.locator("[data-save-status]")
    _question(page, "Ai phê duyệt").get_by_text("Ban Thường vụ Đoàn xã").click()
    expect(status).to_have_text("Đã lưu")

    # A reload: the answer is still chosen and the clock runs to the same deadline.
    page.reload()
    assert page.url == sheet_url
    expect(
        _question(page, "Ai phê duyệt").get_by_role("radio", name="Ban Thường vụ Đoàn xã")
    ).to_be_checked()
    assert page.locator("[data-timer]").get_attribute("data-deadline") == deadline
    first = _seconds(page.locator("[data-countdown]").text_content())
    page.wait_for_timeout(1500)
    assert 18 * 60 < _seconds(page.locator("[data-countdown]").text_content()) < first

    # The connection drops while answering: the answer waits and is saved once back online.
    multiple = _question(page, "Kế hoạch chiến dịch cần nêu")
    phone.set_offline(True)
    multiple.get_by_text("Mục tiêu").click()
    expect(status).to_have_text("Chưa lưu được — sẽ thử lại")
    phone.set_offline(False)
    expect(status).to_have_text("Đã lưu")
    item = AttemptItem.objects.get(attempt__quiz=quiz, question__kind="multiple")
    assert item.response == [item.question.choices.get(text="Mục tiêu").pk]

    # The rest of the answers.
    multiple.get_by_text("Nguồn lực").click()
    _question(page, "khảo sát địa bàn").get_by_text("Đúng", exact=True).click()
    ordering = _question(page, "Xếp các bước")
    for rank, step in enumerate(["Khảo sát", "Lập kế hoạch", "Triển khai"], start=1):
        ordering.locator("label", has_text=step).locator("select").select_option(str(rank))
    expect(status).to_have_text("Đã lưu")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360

    page.get_by_role("button", name="Nộp bài").click()
    page.wait_for_url(re.compile(r"/ket-qua/$"))
    expect(page.locator(".result-score")).to_contain_text("100%")
    expect(page.locator(".result-score")).to_contain_text("Đạt")
    expect(page.locator("section.review.right")).to_have_count(4)
    assert page.evaluate("document.documentElement.scrollWidth") <= 360

    attempt = Attempt.objects.get(quiz=quiz)
    assert attempt.status == Attempt.Status.GRADED and attempt.passed is True

    # The competency the questions test now shows in the learner's profile.
    page.get_by_role("link", name="Hồ sơ năng lực của tôi").click()
    page.wait_for_url(re.compile(re.escape(reverse("assessments:my_profile")) + "$"))
    row = page.locator("section.cp-row", has_text=competency.name)
    expect(row).to_contain_text("4/4")  # every point on its questions, at the top level
    expect(row).to_contain_text("Thành thạo")
    expect(page.locator("main")).to_contain_text(quiz.title)


def test_the_sheet_is_submitted_when_time_is_up(live_server, phone, cadre_ld):
    from playwright.sync_api import expect

    bank = QuestionBank.objects.create(title="Ngân hàng nhanh")
    make_question(
        bank,
        "single",
        text="Ai phê duyệt kế hoạch chiến dịch cấp xã?",
        choices=[("Ban Thường vụ Đoàn xã", True), ("Đội trưởng đội hình", False)],
    )
    quiz = make_quiz(bank, is_open=True, title="Kiểm tra nhanh", time_limit_minutes=1)
    learner = UserFactory(email="hoa.quangkhe@example.vn")
    cadre_ld.user = learner
    cadre_ld.save()

    page = phone.new_page()
    _log_in(page, live_server, learner)
    page.goto(live_server.url + reverse("assessments:open_quiz", args=[quiz.pk]))
    page.get_by_role("button", name="Bắt đầu làm bài").click()
    page.wait_for_url(re.compile(r"/danh-gia/luot/\d+/$"))
    Attempt.objects.filter(quiz=quiz).update(deadline=timezone.now() + timedelta(seconds=4))
    page.reload()

    page.get_by_text("Ban Thường vụ Đoàn xã").click()
    page.wait_for_url(re.compile(r"/ket-qua/$"), timeout=20_000)
    expect(page.locator(".result-score")).to_contain_text("100%")
    attempt = Attempt.objects.get(quiz=quiz)
    assert attempt.status == Attempt.Status.GRADED and attempt.passed is True
