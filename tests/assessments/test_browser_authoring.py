"""A master trainer imports questions and reads the item analysis on a phone."""

import io
import os
import re
from decimal import Decimal

import pytest
from django.utils import timezone
from openpyxl import Workbook

from assessments.models import Attempt, AttemptItem, QuestionBank
from organizations.models import Role
from organizations.services import role_assign
from tests.conftest import needs_chromium
from tests.factories import UserFactory, make_quiz

PASSWORD = "mat-khau-thu-nghiem-2025"  # UserFactory's password (tests/factories.py)

pytestmark = [pytest.mark.browser, needs_chromium]


def _xlsx() -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Mã câu hỏi", "Loại", "Nội dung", "Phương án A", "Phương án B", "Đáp án"])
    sheet.append(
        ["KH-1", "Một lựa chọn", "Việc đầu tiên khi lập kế hoạch?", "Khảo sát", "Mua", "A"]
    )
    sheet.append(["KH-2", "Đúng/Sai", "Cần tổng kết sau mỗi chiến dịch.", "", "", "Đúng"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _no_sideways_scroll(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def test_master_trainer_imports_and_reads_item_analysis_on_a_phone(
    live_server, phone, tree, cadre_ld
):
    from playwright.sync_api import expect

    admin = UserFactory(is_superuser=True)
    author = UserFactory(email="giangvien@example.vn")
    role_assign(actor=admin, user=author, role=Role.MASTER_TRAINER, unit=tree["central"])
    bank = QuestionBank.objects.create(title="Ngân hàng lập kế hoạch")

    page = phone.new_page()
    page.goto(f"{live_server.url}/admin/login/")
    page.locator("input[name=username]").fill(author.email)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("input[name=password]").press("Enter")
    page.wait_for_url(re.compile(r"/admin/$"))

    page.goto(f"{live_server.url}/admin/danh-gia/ngan-hang/{bank.pk}/nhap-cau-hoi/")
    page.locator("input[type=file]").set_input_files(
        {
            "name": "cau-hoi.xlsx",
            "mimeType": "application/octet-stream",
            "buffer": _xlsx(),
        }
    )
    page.get_by_role("button", name="Kiểm tra tệp").click()
    expect(page.locator("#import-preview")).to_contain_text("Việc đầu tiên khi lập kế hoạch?")
    expect(page.locator("#import-preview")).to_contain_text("Tạo mới")
    if os.environ.get("SCREENSHOTS"):
        page.screenshot(path=os.environ["SCREENSHOTS"] + "/import-preview.png", full_page=True)
    assert _no_sideways_scroll(page)
    page.get_by_role("button", name=re.compile("Nhập 2 câu hỏi")).click()
    page.wait_for_url(re.compile(r"\?bank="))
    assert set(bank.questions.values_list("key", flat=True)) == {"KH-1", "KH-2"}

    quiz = make_quiz(bank)
    for number, percent in enumerate(range(10, 110, 10), start=1):
        attempt = Attempt.objects.create(
            quiz=quiz,
            cadre=cadre_ld,
            number=number,
            status=Attempt.Status.GRADED,
            submitted_at=timezone.now(),
            percent=Decimal(percent),
        )
        for position, question in enumerate(bank.questions.order_by("key")):
            right = percent >= 50 or question.key == "KH-2"
            AttemptItem.objects.create(
                attempt=attempt,
                question=question,
                position=position,
                max_points=Decimal(1),
                points=Decimal(1 if right else 0),
                is_correct=right,
            )

    page.goto(f"{live_server.url}/admin/danh-gia/bai-kiem-tra/{quiz.pk}/phan-tich/")
    table = page.locator("#item-analysis")
    expect(table).to_contain_text("Việc đầu tiên khi lập kế hoạch?")
    expect(table.locator("tr", has_text="Cần tổng kết")).to_contain_text("Quá dễ")
    expect(table.locator("tr", has_text="Việc đầu tiên")).to_contain_text("60%")
    if os.environ.get("SCREENSHOTS"):
        page.screenshot(path=os.environ["SCREENSHOTS"] + "/item-analysis.png", full_page=True)
    assert _no_sideways_scroll(page)
