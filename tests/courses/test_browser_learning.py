"""A cadre opens an assigned course on a phone, completes lessons and sees progress move."""

import datetime
import re

import pytest

from courses.models import Enrollment, LessonPage
from courses.services.learning import assignment_create
from tests.conftest import needs_chromium
from tests.factories import UserFactory, make_course

PASSWORD = "mat-khau-thu-nghiem-2025"  # UserFactory's password (tests/factories.py)

pytestmark = [pytest.mark.browser, needs_chromium]


def test_cadre_completes_lessons_of_an_assigned_course_on_a_phone(
    live_server,
    phone,
    tree,
    organizer,
    cadre_ld,
    django_capture_on_commit_callbacks,
):
    from playwright.sync_api import expect

    with django_capture_on_commit_callbacks(execute=True):
        course = make_course(title="Điều phối tình nguyện cơ bản", modules=2, lessons=1)
    learner = UserFactory(email="hoa.quangkhe@example.vn")
    cadre_ld.user = learner
    cadre_ld.save()
    due = datetime.date.today() + datetime.timedelta(days=5)
    assignment_create(actor=organizer, course=course, unit=tree["lam_dong"], due_date=due)
    lessons = list(LessonPage.objects.live().descendant_of(course).order_by("path"))

    page = phone.new_page()
    page.goto(f"{live_server.url}/accounts/login/")
    page.locator("input[name=login]").fill(learner.email)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("input[name=password]").press("Enter")
    page.wait_for_url(re.compile(r"/me/learning/$"))

    # "My learning" shows the assigned course, its due-date warning and an empty bar.
    row = page.locator("article.course-row", has_text=course.title)
    expect(row.locator("progress")).to_have_attribute("value", "0")
    expect(row.locator(".due.soon")).to_contain_text("Còn 5 ngày")
    row.get_by_role("link", name=course.title).click()
    page.wait_for_url(re.compile(re.escape(course.url) + "$"))
    expect(page.locator("h1")).to_have_text(course.title)
    expect(page.locator("ol.outline li[data-state=current]")).to_contain_text("Bài 1.1")

    # Start, complete the first lesson: on to the next one, progress at half.
    page.get_by_role("link", name="Bắt đầu học").click()
    page.wait_for_url(re.compile(re.escape(lessons[0].url) + "$"))
    page.get_by_role("button", name="Hoàn thành bài học").click()
    page.wait_for_url(re.compile(re.escape(lessons[1].url) + "$"))
    expect(page.locator(".messages")).to_contain_text("Đã hoàn thành bài “Bài 1.1”")
    expect(page.locator("progress")).to_have_attribute("value", "50")

    # The last lesson completes the course.
    page.get_by_role("button", name="Hoàn thành bài học").click()
    page.wait_for_url(re.compile(re.escape(course.url) + "$"))
    expect(page.locator(".messages")).to_contain_text("Bạn đã hoàn thành khoá học")
    expect(page.locator("progress")).to_have_attribute("value", "100")
    expect(page.locator("ol.outline li[data-state=done]")).to_have_count(2)

    # Nothing overflows a 360-px screen.
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360

    page.goto(f"{live_server.url}/me/learning/")
    expect(row.locator("progress")).to_have_attribute("value", "100")
    assert Enrollment.objects.get(cadre=cadre_ld, course=course).completed_at is not None
