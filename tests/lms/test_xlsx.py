"""The one spreadsheet writer every export uses."""

import io

from openpyxl import load_workbook

from lms.xlsx import workbook_bytes


def test_text_that_looks_like_a_formula_is_exported_as_text():
    content = workbook_bytes([("Cán bộ", ["Họ và tên"], [['=HYPERLINK("x")'], ["Hoa"]])])

    sheet = load_workbook(io.BytesIO(content)).active
    cells = [row[0] for row in sheet.iter_rows(min_row=2)]
    assert [c.value for c in cells] == ['=HYPERLINK("x")', "Hoa"]
    assert [c.data_type for c in cells] == ["s", "s"]
