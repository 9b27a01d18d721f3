"""The template and the export of a kind: the same columns, so export → edit → re-import
round-trips."""

from django.utils.translation import gettext as _

from lms.xlsx import workbook_bytes

from .reading import in_file_language
from .registry import ImportKind


@in_file_language
def template_headers(name: str) -> list[str]:
    """The header row of a kind's files, as the template writes it."""
    from .registry import kind_get

    return [c.title for c in kind_get(name).columns]


@in_file_language
def template_bytes(kind: ImportKind) -> bytes:
    """Headers and one example row, and a "Hướng dẫn" sheet explaining every column."""
    columns = kind.columns
    guide_rows = [
        [
            c.title,
            _("Bắt buộc") if c.required else _("Không bắt buộc"),
            c.help,
            c.allowed,
        ]
        for c in columns
    ]
    guide_rows.append(["", "", "", ""])
    guide_rows.append([_("Lưu ý"), "", str(kind.guide), ""])
    guide_rows.append(
        [
            "",
            "",
            _(
                "Dòng tiêu đề là dòng đầu tiên của trang tính đầu tiên; cột có dấu * là bắt "
                "buộc. Nhập giá trị, không dùng công thức. Ngày dạng dd/mm/yyyy. Tệp .xlsx "
                "hoặc .csv (UTF-8)."
            ),
            "",
        ]
    )
    return workbook_bytes(
        [
            (str(kind.label), [c.title for c in columns], [kind.example_row()]),
            (
                _("Hướng dẫn"),
                [_("Cột"), _("Bắt buộc"), _("Giải thích"), _("Giá trị hợp lệ")],
                guide_rows,
            ),
        ]
    )


@in_file_language
def export_bytes(kind: ImportKind, *, actor, scope_unit, target_id=None) -> bytes:
    """Every record of the scope (and target) in the template's columns."""
    kind.authorize(actor, scope_unit, target_id)
    rows = kind.export_rows(actor, scope_unit, target_id)
    return workbook_bytes([(str(kind.label), [c.title for c in kind.columns], rows)])
