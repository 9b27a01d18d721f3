"""The trainer registry and its gap lists as spreadsheets: one sheet per table, Vietnamese
headers, written row by row (openpyxl's write-only mode) so a large scope stays light."""

from django.utils.translation import gettext as _


def _date(value):
    return value.strftime("%d/%m/%Y") if value else None


def registry_sheet(rows) -> tuple[str, list[str], list[list]]:
    headers = [
        _("Mã cán bộ"),
        _("Họ và tên"),
        _("Đơn vị"),
        _("Cấp giảng viên"),
        _("Số hiệu giấy chứng nhận"),
        _("Có giá trị đến"),
        _("Tình trạng"),
        _("Số lớp đã dạy"),
        _("Số cán bộ đào tạo trực tiếp"),
        _("Tổng số cán bộ lan toả"),
        _("Lớp gần nhất"),
    ]
    table = [
        [
            row.cadre.code,
            row.cadre.full_name,
            row.unit.name,
            str(row.level_label) or None,
            row.certificate.serial if row.certificate else None,
            _date(row.certificate.valid_until if row.certificate else None),
            str(row.status_label),
            row.classes,
            row.trained,
            row.reach,
            _date(row.last_class),
        ]
        for row in rows
    ]
    return _("Giảng viên"), headers, table


def gap_sheets(gaps) -> list[tuple[str, list[str], list[list]]]:
    units = [
        [gap.unit.code, gap.unit.name, str(gap.unit.get_level_display()), gap.lapsed]
        for gap in gaps.units
    ]
    idle = [
        [
            row.cadre.code,
            row.cadre.full_name,
            row.cadre.unit.name,
            _date(row.trained_on),
            row.tot_class or None,
            _date(row.certified_on),
            row.certificate.serial if row.certificate else None,
            _date(row.since),
        ]
        for row in gaps.idle
    ]
    lapsed = [
        [
            gap.trainer.cadre.code,
            gap.trainer.cadre.full_name,
            gap.trainer.cadre.unit.name,
            gap.trainer.training_class.code,
            gap.trainer.training_class.title,
            _date(gap.trainer.training_class.start_date),
            str(gap.reason_label),
            _date(gap.expired_on),
            gap.days_after,
        ]
        for gap in gaps.lapsed
    ]
    return [
        (
            _("Đơn vị chưa có giảng viên"),
            [
                _("Mã đơn vị"),
                _("Đơn vị"),
                _("Cấp"),
                _("Giảng viên có giấy đã hết hạn"),
            ],
            units,
        ),
        (
            _("Chưa dạy lớp nào"),
            [
                _("Mã cán bộ"),
                _("Họ và tên"),
                _("Đơn vị"),
                _("Hoàn thành lớp TOT"),
                _("Mã lớp TOT"),
                _("Được chứng nhận"),
                _("Số hiệu giấy chứng nhận"),
                _("Từ ngày"),
            ],
            idle,
        ),
        (
            _("Dạy khi chưa có chứng nhận"),
            [
                _("Mã cán bộ"),
                _("Họ và tên"),
                _("Đơn vị"),
                _("Mã lớp"),
                _("Tên lớp"),
                _("Ngày bắt đầu lớp"),
                _("Lý do"),
                _("Chứng nhận hết hạn ngày"),
                _("Số ngày sau khi hết hạn"),
            ],
            lapsed,
        ),
    ]
