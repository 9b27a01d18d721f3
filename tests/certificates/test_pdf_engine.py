"""The certificate PDF engine: masters compiled once, certificates stamped from them."""

import io
import random
import re
import unicodedata
import zlib

import pytest
import segno
from pypdf import PdfReader

from certificates.pdf import Stamper, master_compile
from certificates.pdf.design import layout_for
from certificates.pdf.qr import qr_matrix

from .pdf_helpers import (
    face,
    modules_from_rectangles,
    qr_rectangles,
    realistic_design,
    variable_runs,
)

NAME = "Nguyễn Thị Ánh Tuyết"


@pytest.fixture(scope="module")
def master() -> bytes:
    return master_compile(realistic_design())


@pytest.fixture(scope="module")
def stamper(master) -> Stamper:
    return Stamper.from_master(master)


def read(pdf: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(pdf), strict=True)


def text_of(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in read(pdf).pages)


def test_text_read_back_has_the_exact_vietnamese_name_serial_and_code(stamper):
    text = text_of(stamper.render(face()))

    assert NAME in text
    assert "Số: 125/GCN-TĐ" in text
    assert "K7QF-2MZP-X9RT-0125" in text
    assert "Lâm Đồng, ngày 23 tháng 11 năm 2026" in text
    assert "ĐOÀN TNCS HỒ CHÍ MINH" in text
    assert "GIẤY CHỨNG NHẬN" in text  # the static layer, typeset by WeasyPrint


def test_decomposed_input_is_printed_as_the_composed_name(stamper):
    decomposed = unicodedata.normalize("NFD", NAME)
    assert decomposed != NAME

    text = text_of(stamper.render(face(holder_name=decomposed)))

    assert NAME in text


def test_characters_outside_the_fonts_fall_back_to_a_question_mark(stamper):
    pdf = stamper.render(face(holder_name="Nguyễn Văn 😀 Ж\tBình"))

    names = [run.text for run in variable_runs(pdf) if run.font == "/CertB" and run.size > 14]
    assert names == ["Nguyễn Văn ? ? Bình"]


def test_every_output_opens_strictly_with_every_object_readable(master, stamper):
    for pdf in (master, stamper.render(face()), stamper.render_many([face(1), face(2)])):
        reader = read(pdf)
        assert pdf.startswith(b"%PDF-1.7\n%")
        assert pdf.endswith(b"%%EOF\n")
        size = int(reader.trailer["/Size"])
        for number in range(1, size):
            assert reader.get_object(number) is not None, number


def test_class_pdf_has_a_page_per_certificate_and_shares_the_static_objects(stamper):
    faces = [face(number, holder_name=f"Học viên số {number}") for number in range(1, 41)]
    single = stamper.render(faces[0])

    many = stamper.render_many(faces)

    reader = read(many)
    assert len(reader.pages) == 40
    assert "Học viên số 40" in reader.pages[39].extract_text()
    assert "Học viên số 1" in reader.pages[0].extract_text()
    assert many.count(b"/Subtype /Image") == single.count(b"/Subtype /Image")
    assert len(many) < 40 * len(single) / 8


def test_same_face_renders_byte_identical_and_another_face_differently(stamper, master):
    first = stamper.render(face())

    assert stamper.render(face()) == first
    assert Stamper.from_master(master).render(face()) == first
    other = stamper.render(face(126))
    assert other != first
    ids = [read(pdf).trailer["/ID"][0] for pdf in (first, other)]
    assert ids[0] != ids[1]


def test_certificates_of_an_old_master_do_not_change_with_a_new_template_version(master):
    before = Stamper.from_master(master).render(face())

    newer = master_compile(realistic_design(title="GIẤY KHEN", signer_name="Lê Văn Nam"))

    assert Stamper.from_master(master).render(face()) == before
    renewed = Stamper.from_master(newer).render(face())
    assert "GIẤY KHEN" in text_of(renewed)
    assert "GIẤY KHEN" not in text_of(before)


def test_qr_code_drawn_is_the_verification_url(stamper):
    url = "https://suctre.vn/verify/K7QF2MZPX9RT4HNA/"

    pdf = stamper.render(face(verify_url=url))

    expected = [list(row) for row in qr_matrix(url)]
    assert modules_from_rectangles(qr_rectangles(pdf)) == expected
    dark = sum(map(sum, expected))
    drawn = sum(round(width / height) for _, _, width, height in qr_rectangles(pdf))
    assert drawn == dark


def test_qr_matrix_is_exactly_the_symbol_segno_makes():
    rng = random.Random(6)
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    urls = [
        "https://suctre.vn/verify/" + "".join(rng.choice(alphabet) for _ in range(16)) + "/"
        for _ in range(120)
    ]
    urls += ["https://example.org/" + "x" * length for length in range(0, 200, 9)]
    chosen_masks = set()

    for url in urls:
        reference = segno.make(url, error="m", micro=False)
        chosen_masks.add(reference.mask)
        assert [bytes(row) for row in qr_matrix(url)] == [bytes(row) for row in reference.matrix]
    assert len(chosen_masks) >= 4  # the mask choice itself was exercised


def test_long_name_shrinks_to_one_line_within_its_box(stamper):
    slot = layout_for("A4", "landscape").slots["holder_name"]
    long_name = "Nguyễn Hoàng Phương Thảo Nguyên Lê Trần Bảo Ngọc Khánh Linh Đặng Thị"

    runs = [
        r for r in variable_runs(stamper.render(face(holder_name=long_name))) if r.text == long_name
    ]

    assert len(runs) == 1
    name = runs[0]
    assert slot.min_size <= name.size < slot.size
    assert slot.x <= name.x and name.x + name.width <= slot.x + slot.width + 0.01


def test_name_too_long_even_at_the_smallest_size_ends_with_an_ellipsis(stamper):
    slot = layout_for("A4", "landscape").slots["holder_name"]

    runs = variable_runs(stamper.render(face(holder_name="Nguyễn Thị Ánh Tuyết " * 20)))

    name = next(r for r in runs if r.text.startswith("Nguyễn Thị Ánh Tuyết Nguyễn"))
    assert name.text.endswith("…")
    assert name.size == slot.min_size
    assert name.x + name.width <= slot.x + slot.width + 0.01


def test_long_body_wraps_inside_its_box(stamper):
    slot = layout_for("A4", "landscape").slots["body"]
    page_height = layout_for("A4", "landscape").height
    body = "Đã tham gia đầy đủ và hoàn thành xuất sắc chương trình bồi dưỡng. " * 12

    runs = variable_runs(stamper.render(face(body=body)))

    top = page_height - slot.y
    lines = [r for r in runs if r.font == "/CertR" and top - slot.height < r.y < top]
    assert len(lines) >= 4
    for line in lines:
        assert line.x >= slot.x - 0.01
        assert line.x + line.width <= slot.x + slot.width + 0.01
    assert " ".join(line.text for line in lines).split() == body.split()


def test_certificate_stays_under_100_kb_with_a_realistic_background(stamper):
    body = "Đã hoàn thành xuất sắc khóa tập huấn giảng viên nguồn cấp tỉnh năm 2026. " * 6

    pdf = stamper.render(face(body=body))

    assert len(pdf) < 100_000
    image = read(pdf).pages[0]["/Resources"]["/XObject"]
    assert any(xobject["/Filter"] == "/DCTDecode" for xobject in image.values())


def test_master_keeps_the_pdfa_markers_in_every_certificate(stamper):
    pdf = stamper.render(face())
    reader = read(pdf)
    catalog = reader.trailer["/Root"]

    xmp = catalog["/Metadata"].get_data().decode()
    assert 'pdfaid:part="2"' in xmp
    assert 'pdfaid:conformance="B"' in xmp
    info = reader.metadata  # the Info dictionary agrees with the XMP packet
    assert f'pdf:Producer="{info["/Producer"]}"' in xmp
    assert f">{info['/Title']}</rdf:li>" in xmp
    assert f"<xmp:CreatorTool>{info['/Creator']}</xmp:CreatorTool>" in xmp
    intent = catalog["/OutputIntents"][0]
    assert intent["/S"] == "/GTS_PDFA1"
    assert intent["/DestOutputProfile"].get_data()[36:40] == b"acsp"  # an ICC profile
    assert "/Encrypt" not in reader.trailer
    assert len(reader.trailer["/ID"]) == 2
    assert re.match(rb"%PDF-1\.7\n%[\x80-\xff]{4}\n", pdf)


def test_every_font_is_embedded_with_a_unicode_map_and_exact_widths(stamper):
    from fontTools.ttLib import TTFont

    fonts = read(stamper.render(face())).pages[0]["/Resources"]["/Font"]

    assert {"/CertR", "/CertB"} <= set(fonts)
    for font in fonts.values():
        assert "/ToUnicode" in font
        descendant = font["/DescendantFonts"][0]
        descriptor = descendant["/FontDescriptor"]
        assert "/FontFile2" in descriptor or "/FontFile3" in descriptor
    for name in ("/CertR", "/CertB"):
        descendant = fonts[name]["/DescendantFonts"][0]
        program = TTFont(io.BytesIO(descendant["/FontDescriptor"]["/FontFile2"].get_data()))
        scale = 1000 / program["head"].unitsPerEm
        advances = [round(program["hmtx"][g][0] * scale) for g in program.getGlyphOrder()]
        assert [int(w) for w in descendant["/W"][1]] == advances


@pytest.mark.parametrize(("page_size", "orientation"), [("A4", "portrait"), ("A5", "landscape")])
def test_other_page_sizes_and_orientations(page_size, orientation):
    design = realistic_design(
        page_size=page_size,
        orientation=orientation,
        header_right="CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc",
    )
    pdf = Stamper.from_master(master_compile(design)).render(face())

    page = read(pdf).pages[0]
    layout = layout_for(page_size, orientation)
    assert [float(v) for v in page.mediabox] == pytest.approx([0, 0, layout.width, layout.height])
    text = page.extract_text()
    assert NAME in text
    assert "Độc lập - Tự do - Hạnh phúc" in text
    assert len(pdf) < 100_000


def test_a_file_that_is_not_a_master_is_refused():
    with pytest.raises(ValueError):
        Stamper.from_master(b"%PDF-1.7\nnot a pdf")


def test_stamping_writes_only_a_small_compressed_stream_per_certificate(stamper, master):
    pdf = stamper.render(face())

    content = read(pdf).pages[0]["/Contents"][-1].get_object()
    assert content["/Filter"] == "/FlateDecode"
    assert len(zlib.decompress(content._data)) == len(stamper.content(face()))
    assert abs(len(pdf) - len(master)) < 8_000


def test_minority_names_with_breves_print_as_registered(stamper):
    name = "K'Brŏ Ĕ Mlô Ŭn"
    assert name in text_of(stamper.render(face(holder_name=name)))
