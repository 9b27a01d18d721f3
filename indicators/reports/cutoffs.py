"""Which cut-off dates each report may take, and the one it is offered with.

A report is judged against the milestone its cut-off falls in (`rules.milestone_for`), so
the mid-term (2025) report only takes dates up to the end of 2025 and the final (2030) one
only dates after it; otherwise the printed target and the planned path would belong to
different milestones. A cut-off is at the latest yesterday: today is not over yet, and a
report frozen on it would miss the rest of the day.
"""

import datetime

from django.utils.translation import gettext as _

from .. import rules
from ..models import Report

MIDTERM_LAST = datetime.date(2025, 12, 31)
FINAL_FIRST = MIDTERM_LAST + datetime.timedelta(days=1)
FINAL_LAST = datetime.date(2030, 12, 31)  # the default stops here; later dates stay allowed
MILESTONE_OF = {Report.Kind.MIDTERM: 2025, Report.Kind.FINAL: 2030}


def _d(day: datetime.date) -> str:
    return f"{day:%d/%m/%Y}"


def milestone_of(kind: str) -> int:
    return MILESTONE_OF[Report.Kind(kind)]


def default_cutoff(kind: str, today: datetime.date) -> datetime.date:
    """Sơ kết: 31/12/2025 (yesterday, while 2025 is not over); tổng kết: yesterday, and
    31/12/2030 once that has passed."""
    yesterday = today - datetime.timedelta(days=1)
    last = MIDTERM_LAST if kind == Report.Kind.MIDTERM else FINAL_LAST
    return min(last, yesterday)


def allowed_range(kind: str, today: datetime.date) -> tuple[datetime.date, datetime.date]:
    """The first and last cut-off a report of `kind` may take today (the first may be later
    than the last while the final report cannot be made yet)."""
    yesterday = today - datetime.timedelta(days=1)
    if kind == Report.Kind.MIDTERM:
        return rules.PROGRAMME_START, min(MIDTERM_LAST, yesterday)
    return FINAL_FIRST, yesterday


def cutoff_errors(kind: str, cutoff, today: datetime.date) -> list[str]:
    """What is wrong with `cutoff` for a report of `kind`, in words naming the allowed
    range; nothing when it fits. `kind` is a known Report.Kind."""
    if not isinstance(cutoff, datetime.date) or isinstance(cutoff, datetime.datetime):
        return [_("Ngày chốt số liệu không hợp lệ; hãy nhập theo dạng ngày/tháng/năm.")]
    yesterday = today - datetime.timedelta(days=1)
    values = {"day": _d(cutoff), "yesterday": _d(yesterday)}
    if kind == Report.Kind.MIDTERM and not rules.PROGRAMME_START <= cutoff <= MIDTERM_LAST:
        return [
            _(
                "Báo cáo sơ kết 2025 cần ngày chốt số liệu từ %(first)s (ngày Quyết định "
                "1481/QĐ-TTg được ký) đến %(last)s; ngày %(day)s nằm ngoài khoảng này."
            )
            % {**values, "first": _d(rules.PROGRAMME_START), "last": _d(MIDTERM_LAST)}
        ]
    if kind == Report.Kind.FINAL and cutoff < FINAL_FIRST:
        return [
            _(
                "Báo cáo tổng kết 2030 cần ngày chốt số liệu sau %(last)s, tức từ %(first)s "
                "đến muộn nhất là hôm qua (%(yesterday)s); ngày %(day)s nằm ngoài khoảng này. "
                "Số liệu đến %(last)s thuộc báo cáo sơ kết 2025."
            )
            % {**values, "first": _d(FINAL_FIRST), "last": _d(MIDTERM_LAST)}
        ]
    if cutoff > yesterday:
        return [
            _(
                "Ngày chốt số liệu (%(day)s) muộn nhất là hôm qua (%(yesterday)s): số liệu "
                "của hôm nay chưa trọn ngày."
            )
            % values
        ]
    return []
