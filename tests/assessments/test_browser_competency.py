"""On a 360-px phone: a cadre rates themself; an organizer reads the gaps of the province."""

import pytest

from assessments.models import LevelDescriptor, RubricRating
from assessments.services.competencies import competency_standing_refresh
from tests.browser import fits_the_phone, log_in
from tests.conftest import needs_chromium
from tests.factories import UserFactory, make_competency

pytestmark = [pytest.mark.browser, needs_chromium]


def test_cadre_self_assesses_and_organizer_reads_gaps_on_a_phone(
    live_server, phone, tree, organizer, cadre_ld
):
    from playwright.sync_api import expect

    competency = make_competency(
        code="KH", name="Lập kế hoạch chiến dịch tình nguyện", required={"grassroots": 3}
    )
    LevelDescriptor.objects.create(
        competency=competency, level=3, description="Tự xây dựng kế hoạch hoạt động cấp cơ sở."
    )
    learner = UserFactory(email="hoa.dienthoai@example.vn")
    cadre_ld.user = learner
    cadre_ld.save()
    RubricRating.objects.create(
        cadre=cadre_ld, competency=competency, kind="assessor", level=2, rated_by=organizer
    )
    competency_standing_refresh(cadre_id=cadre_ld.pk)

    page = phone.new_page()
    log_in(page, live_server.url, learner.email)
    page.goto(f"{live_server.url}/danh-gia/nang-luc/")
    card = page.locator(f"#nang-luc-{competency.pk}")
    expect(card.locator(".cp-gap.short")).to_have_text("Thiếu 1 mức")
    assert fits_the_phone(page)

    card.locator("select[name=level]").select_option("4")
    card.locator("textarea[name=note]").fill("Đã tự lập kế hoạch chiến dịch hè.")
    card.get_by_role("button", name="Lưu đánh giá").click()
    expect(page.locator(".messages")).to_contain_text("Đã ghi nhận đánh giá năng lực")
    expect(card).to_contain_text("Đã tự lập kế hoạch chiến dịch hè.")
    expect(card.locator(".cp-gap.short")).to_have_text("Thiếu 1 mức")  # self never counts
    assert RubricRating.objects.filter(kind="self", level=4).count() == 1

    organizer_page = phone.new_page()
    phone.clear_cookies()
    log_in(organizer_page, live_server.url, organizer.email)
    organizer_page.goto(f"{live_server.url}/danh-gia/nang-luc/don-vi/")
    expect(organizer_page.locator("h1")).to_contain_text("Tỉnh Đoàn Lâm Đồng")
    expect(organizer_page.locator("table.cp-table")).to_contain_text("Đoàn xã Quảng Khê")
    assert fits_the_phone(organizer_page)
    organizer_page.get_by_role("link", name="Danh sách cán bộ chưa đạt năng lực này").click()
    organizer_page.get_by_role("link", name=cadre_ld.full_name).click()
    expect(organizer_page.locator("h1")).to_contain_text(cadre_ld.full_name)
    assert fits_the_phone(organizer_page)
