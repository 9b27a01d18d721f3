"""The words a report prints besides its figures: the status of each figure and how each
figure was counted.

The status words are the dashboard's, from `rules.status_labels`.
"""

import datetime

from django.conf import settings
from django.utils.translation import gettext as _

from certificates.models import Kind as CertificateKind
from organizations.models import Level

from .. import rules

status_labels = rules.status_labels


def rules_statement(cutoff: datetime.date) -> list[str]:
    """How each figure was counted, in words, with the settings in force at generation."""
    levels = dict(Level.choices)
    kinds = dict(CertificateKind.choices)
    signals = {
        "classes": _("tổ chức lớp tập huấn trên nền tảng"),
        "cadres": _("tạo hoặc cập nhật hồ sơ cán bộ trên nền tảng"),
        "declared": _("kê khai có ứng dụng phần mềm khác"),
    }
    day = f"{cutoff:%d/%m/%Y}"
    return [
        _(
            "(a) Mẫu số: các cấp bộ đang hoạt động thuộc cấp %(levels)s; tử số: cấp bộ đã "
            "%(signals)s trong %(days)d ngày tính đến ngày %(day)s."
        )
        % {
            "levels": ", ".join(str(levels.get(x, x)) for x in rules.it_levels()),
            "signals": _(" hoặc ").join(str(signals.get(s, s)) for s in sorted(rules.it_signals())),
            "days": rules.it_window_days(),
            "day": day,
        },
        _(
            "(b) Tổng số hoạt động được cập nhật trên cổng thông tin trên tổng số hoạt động "
            "tình nguyện đã tổ chức, theo kê khai mới nhất năm %(year)d của các đơn vị tính "
            "đến ngày %(day)s."
        )
        % {"year": cutoff.year, "day": day},
        _(
            "(c) Tổng số chiến dịch, hoạt động áp dụng mô hình đã tập huấn trên tổng số "
            "chiến dịch, hoạt động, theo kê khai mới nhất năm %(year)d tính đến ngày %(day)s."
        )
        % {"year": cutoff.year, "day": day},
        _(
            "(d) Mẫu số: cán bộ chuyên trách phụ trách công tác tình nguyện đang giữ chức vụ "
            "ngày %(day)s, mỗi người tính một lần; tử số: những người có giấy chứng nhận "
            "(%(kinds)s) cấp trước hoặc trong ngày đó, còn hiệu lực và không bị thu hồi."
        )
        % {
            "day": day,
            "kinds": ", ".join(str(kinds.get(k, k)) for k in rules.qualifying_kinds()),
        },
        _(
            "Đánh giá: mức cần đạt tăng đều từ 0%% (29/11/2022) đến chỉ tiêu năm 2025 "
            "(31/12/2025) rồi đến chỉ tiêu năm 2030 (31/12/2030). “Đúng tiến độ”: đạt mức "
            "cần đạt; “Có nguy cơ”: thấp hơn không quá %(margin)s điểm phần trăm hoặc tốc độ "
            "12 tháng qua đủ để đạt chỉ tiêu; “Chậm tiến độ”: còn lại."
        )
        % {"margin": settings.INDICATOR_AT_RISK_MARGIN},
    ]
