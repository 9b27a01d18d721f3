"""The columns of a cadre list, shared by the template, the check and the export."""

import datetime
import re

from django.utils.translation import gettext as _

from ...models import Gender, Organisation, PostKind
from .. import cells
from ..reading import Column

ORGANISATION_ALIASES = {
    "Đoàn": Organisation.DOAN,
    "Đoàn TN": Organisation.DOAN,
    "Hội LHTN": Organisation.HOI_LHTN,
    "Hội Liên hiệp Thanh niên Việt Nam": Organisation.HOI_LHTN,
    "Hội Sinh viên": Organisation.HOI_SV,
    "Hội SV": Organisation.HOI_SV,
}
PERSON = ("full_name", "gender", "ethnicity", "date_of_birth", "national_id", "email", "phone")
CODE = re.compile(r"^[A-Z0-9-]{1,32}$")


def labels(choices) -> str:
    return ", ".join(str(label) for label in choices.labels)


def date_text(value: datetime.date | None) -> str:
    return value.strftime(cells.DATE_FORMAT) if value else ""


def organisation_column() -> Column:
    """Đoàn, Hội LHTN or Hội Sinh viên: the same column in cadre and unit lists."""
    return Column(
        "organisation",
        _("Tổ chức"),
        required=True,
        allowed=labels(Organisation),
        example=str(Organisation.DOAN.label),
    )


def cadre_columns() -> list[Column]:
    return [
        Column(
            "code",
            _("Mã cán bộ"),
            help=_("Mã trên hệ thống; để trống khi thêm mới thì hệ thống tự cấp."),
            allowed=_("Chữ cái không dấu, chữ số hoặc “-”, tối đa 32 ký tự"),
            example="",
        ),
        Column(
            "national_id",
            _("Số CCCD"),
            help=_("Khoá nhận diện cán bộ khi có. Định dạng cột là Văn bản (Text)."),
            allowed=_("Đúng 12 chữ số"),
            example="068095001234",
            aliases=("CCCD", "Căn cước công dân", "Số căn cước"),
        ),
        Column(
            "full_name",
            _("Họ và tên"),
            required=True,
            allowed=_("Tối đa 150 ký tự"),
            example="Nguyễn Thị Hoa",
        ),
        Column("gender", _("Giới tính"), required=True, allowed=labels(Gender), example="Nữ"),
        Column(
            "ethnicity",
            _("Dân tộc"),
            help=_("Để trống: Kinh."),
            allowed=_("Tên một trong 54 dân tộc, ví dụ: Kinh, Tày, K'Ho, Cơ-ho"),
            example="Kinh",
        ),
        Column(
            "date_of_birth",
            _("Ngày sinh (dd/mm/yyyy)"),
            allowed=_("Ngày dạng dd/mm/yyyy hoặc ô kiểu ngày"),
            example="15/03/1995",
        ),
        Column("email", _("Email"), allowed=_("Địa chỉ email"), example="hoa@example.vn"),
        Column(
            "phone",
            _("Điện thoại"),
            help=_("Định dạng cột là Văn bản (Text) để giữ số 0 ở đầu."),
            allowed=_("8–20 chữ số"),
            example="0912345678",
        ),
        Column(
            "unit",
            _("Mã đơn vị"),
            required=True,
            help=_(
                "Đơn vị của chức vụ chính, trong phạm vi bạn quản lý. Danh sách cũ: mã đơn vị "
                "đã sáp nhập được chuyển về đơn vị kế thừa; mã xã, huyện, tỉnh trước "
                "01/7/2025 (chỉ gồm chữ số) được chuyển về đơn vị hiện nay."
            ),
            allowed=_("Mã đơn vị, ví dụ T68, X24000; hoặc mã hành chính cũ, ví dụ 24611"),
            example="X24000",
        ),
        organisation_column(),
        Column(
            "title",
            _("Chức vụ"),
            required=True,
            allowed=_("Tối đa 150 ký tự"),
            example="Bí thư Đoàn xã",
        ),
        Column(
            "kind",
            _("Chế độ"),
            required=True,
            allowed=labels(PostKind),
            example=str(PostKind.DEDICATED.label),
        ),
        Column(
            "volunteer",
            _("Phụ trách công tác tình nguyện"),
            allowed=_("Có hoặc Không"),
            example="Có",
        ),
        Column(
            "start_date",
            _("Từ ngày (dd/mm/yyyy)"),
            help=_(
                "Ngày bắt đầu chức vụ khi thêm mới hoặc khi đổi đơn vị, tổ chức, chế độ, "
                "phụ trách tình nguyện; để trống: hôm nay."
            ),
            allowed=_("Ngày dạng dd/mm/yyyy hoặc ô kiểu ngày"),
            example="01/01/2025",
        ),
    ]
