"""Benchmark: typesetting a whole handbook as one PDF with WeasyPrint.

Builds the demo handbook (`handbooks.demo.handbook_demo_create` when that module exists,
otherwise a realistic 8-chapter handbook with sections and every kind of content block,
photos included) in a scratch database (a temporary SQLite file by default, or the empty
PostgreSQL database named by DATABASE_URL), then times
  * `handbooks.pdf.render_handbook_pdf` on it, best of 3 — what the Celery task spends;
  * baseline: a one-paragraph page with the same fonts, through the same fetcher.
The last line printed is a JSON object with every figure.

    python bench/handbook_pdf.py [--repeat 3] [--out handbook.pdf] [--builtin]
"""

import argparse
import io
import json
import logging
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

CHAPTERS = [
    ("Tổng quan về hoạt động tình nguyện", ["Khái niệm và giá trị", "Chương trình 1481"]),
    ("Lập kế hoạch chiến dịch", ["Khảo sát nhu cầu địa phương", "Xây dựng kế hoạch"]),
    ("Tuyển chọn và huy động tình nguyện viên", ["Kênh tuyển chọn", "Phỏng vấn và xếp việc"]),
    ("Tập huấn trước khi triển khai", ["Nội dung tập huấn", "Diễn tập tình huống"]),
    ("Điều phối tại địa bàn", ["Phân công đội hình", "Liên lạc và báo cáo hằng ngày"]),
    ("An toàn, sức khỏe và ứng phó rủi ro", ["Đánh giá rủi ro", "Sơ cứu và xử lý sự cố"]),
    ("Truyền thông và ghi nhận", ["Truyền thông trên mạng xã hội", "Khen thưởng, ghi nhận"]),
    ("Đánh giá và báo cáo kết quả", ["Chỉ số đánh giá", "Báo cáo tổng kết"]),
]

PARAGRAPH = (
    "<p>Hoạt động tình nguyện của thanh niên là một trong những phương thức hiệu quả để "
    "<b>huy động thanh niên</b> tham gia phát triển kinh tế – xã hội ở địa phương. Cán bộ "
    "Đoàn, Hội cần nắm vững mục tiêu, đối tượng và nguồn lực trước khi bắt đầu; mỗi chiến "
    "dịch phải gắn với nhu cầu thực tế của người dân, được chính quyền và các ngành phối "
    "hợp, và có kế hoạch duy trì sau khi đội hình rút đi.</p>"
    "<p>Ở những xã vùng sâu, vùng xa, điều kiện đi lại, liên lạc và thời tiết ảnh hưởng lớn "
    "đến tiến độ. Người điều phối nên chuẩn bị phương án dự phòng, thống nhất đầu mối liên "
    "hệ với Ban Chấp hành Đoàn xã và <i>ghi chép đầy đủ</i> những việc đã làm mỗi ngày để "
    "tổng hợp, báo cáo và rút kinh nghiệm cho các đợt sau.</p>"
)


def photo(title: str, seed: int):
    """A Wagtail image of a generated landscape (JPEG, 1600 × 1000)."""
    from django.core.files.images import ImageFile
    from PIL import Image as PILImage
    from PIL import ImageDraw
    from wagtail.images.models import Image

    picture = PILImage.new("RGB", (1600, 1000), (200, 225, 240))
    draw = ImageDraw.Draw(picture)
    for y in range(1000):
        shade = int(180 + 60 * y / 1000)
        draw.line([(0, y), (1600, y)], fill=(shade - 60, shade - 20, shade))
    for i in range(6):
        x = (seed * 211 + i * 283) % 1600
        draw.polygon(
            [(x - 420, 1000), (x, 420 + 40 * i), (x + 420, 1000)],
            fill=(40 + 20 * i, 110 + 10 * i, 70),
        )
    draw.ellipse([(1250, 120), (1400, 270)], fill=(250, 220, 120))
    buffer = io.BytesIO()
    picture.save(buffer, "JPEG", quality=90)
    return Image.objects.create(
        title=title,
        file=ImageFile(io.BytesIO(buffer.getvalue()), name=f"anh-{seed}.jpg"),
        width=picture.width,
        height=picture.height,
    )


def document(title: str, name: str, size: int = 40_000):
    from django.core.files.base import ContentFile
    from wagtail.documents.models import Document

    return Document.objects.create(title=title, file=ContentFile(b"0" * size, name=name))


def chapter_body(number: int, title: str) -> list[dict]:
    from tests.factories import body

    blocks = [
        ("heading", {"text": f"Mục tiêu của chương {number}", "level": "h2"}),
        ("paragraph", PARAGRAPH),
        (
            "callout",
            {
                "kind": ("tip", "note", "warning")[number % 3],
                "title": "Lưu ý khi triển khai",
                "body": "<p>Thống nhất với Đoàn xã về thời gian, địa điểm và đầu mối liên hệ "
                "trước ít nhất <b>một tuần</b>.</p>",
            },
        ),
        (
            "checklist",
            {
                "title": "Trước khi xuất quân",
                "items": [
                    "Danh sách tình nguyện viên đã được xác nhận",
                    "Bảo hiểm tai nạn cho toàn bộ đội hình",
                    "Túi sơ cứu và số điện thoại của trạm y tế xã",
                    "Kế hoạch liên lạc khi mất sóng điện thoại",
                ],
            },
        ),
        (
            "procedure",
            {
                "title": f"Quy trình {title.lower()}",
                "steps": [
                    {
                        "title": "Khảo sát và thống nhất nhu cầu",
                        "body": "<p>Gặp Ban Chấp hành Đoàn xã, trưởng thôn.</p>",
                    },
                    {
                        "title": "Lập kế hoạch và dự trù kinh phí",
                        "body": "<p>Ghi rõ người phụ trách từng việc.</p>",
                    },
                    {"title": "Triển khai và theo dõi hằng ngày", "body": ""},
                    {
                        "title": "Tổng kết, báo cáo và ghi nhận",
                        "body": "<p>Gửi báo cáo trong 10 ngày.</p>",
                    },
                ],
            },
        ),
        (
            "figure",
            {
                "image": photo(f"Ảnh chương {number}", number).pk,
                "alt": "Đội hình tình nguyện tại xã vùng cao",
                "caption": f"Đội hình tình nguyện làm đường nông thôn (chương {number}).",
            },
        ),
        (
            "table",
            {
                "data": [
                    ["Việc cần làm", "Người phụ trách", "Thời hạn"],
                    ["Khảo sát địa bàn", "Bí thư Đoàn xã", "Tuần 1"],
                    ["Tuyển chọn tình nguyện viên", "Ban Thường vụ Huyện đoàn", "Tuần 2"],
                    ["Tập huấn kỹ năng", "Giảng viên nguồn", "Tuần 3"],
                    ["Triển khai, tổng kết", "Đội trưởng", "Tuần 4–6"],
                ],
                "first_row_is_table_header": True,
                "first_col_is_header": False,
                "table_caption": "Bảng phân công",
            },
        ),
        (
            "case_study",
            {
                "title": f"Chiến dịch Mùa hè xanh tại xã Quảng Khê (chương {number})",
                "context": "<p>Xã có 6 thôn, giao thông khó khăn, nhiều hộ đồng bào dân tộc "
                "thiểu số.</p>",
                "what_was_done": "<p>Đoàn xã phối hợp với trường học, chia đội hình theo "
                "thôn, mỗi tối họp rút kinh nghiệm 15 phút.</p>",
                "lessons": "<p>Khảo sát kỹ trước khi xuất quân giúp tiết kiệm một phần ba "
                "thời gian triển khai.</p>",
            },
        ),
        (
            "glossary",
            {
                "term": "Tình nguyện viên",
                "definition": "<p>Người tự nguyện tham gia hoạt động vì cộng đồng, "
                "không nhận thù lao.</p>",
            },
        ),
        (
            "quote",
            {
                "text": "Đâu cần thanh niên có, việc gì khó có thanh niên.",
                "source": "Khẩu hiệu hành động của tuổi trẻ Việt Nam",
            },
        ),
        (
            "document",
            {
                "document": document(
                    f"Mẫu kế hoạch chương {number}", f"mau-ke-hoach-{number}.docx"
                ).pk,
                "title": "",
            },
        ),
        (
            "video",
            {
                "video": document(f"Phóng sự chương {number}", f"phong-su-{number}.mp4").pk,
                "poster": None,
                "caption": "Phóng sự về đội hình tình nguyện",
            },
        ),
        ("paragraph", PARAGRAPH),
    ]
    return body(*blocks)


def handbook_build():
    """A realistic handbook: 8 chapters, 2 sections each, every kind of block."""
    from datetime import date

    from handbooks.models import (
        ChapterPage,
        HandbookAuthor,
        HandbookIndexPage,
        HandbookPage,
        SectionPage,
    )
    from tests.factories import body, publish

    handbook = HandbookPage(
        title="Cẩm nang điều phối hoạt động tình nguyện của thanh niên",
        summary="Hướng dẫn cán bộ Đoàn, Hội cấp cơ sở lập kế hoạch, huy động, tập huấn, "
        "điều phối và đánh giá các chiến dịch tình nguyện của thanh niên.",
        edition="Ấn bản 2",
        published_date=date(2025, 9, 2),
    )
    handbook.authors.add(HandbookAuthor(name="Ban Thanh niên xung phong", role="chủ biên"))
    handbook.authors.add(HandbookAuthor(name="Nguyễn Thị Hoa", role="biên soạn"))
    handbook = publish(HandbookIndexPage.objects.get(), handbook)
    for number, (title, sections) in enumerate(CHAPTERS, start=1):
        chapter = publish(
            handbook,
            ChapterPage(
                title=title,
                summary=f"Chương {number} giúp cán bộ nắm được {title.lower()}.",
                body=chapter_body(number, title),
            ),
        )
        for section_title in sections:
            publish(
                chapter,
                SectionPage(
                    title=section_title,
                    body=body(
                        ("paragraph", PARAGRAPH),
                        (
                            "callout",
                            {
                                "kind": "note",
                                "title": "",
                                "body": "<p>Ghi lại kết quả vào sổ theo dõi của chi đoàn.</p>",
                            },
                        ),
                        ("paragraph", PARAGRAPH),
                    ),
                ),
            )
    handbook.refresh_from_db()
    return handbook


def handbook_demo(builtin: bool = False):
    if builtin:
        return handbook_build(), "bench"
    try:
        from handbooks import demo
    except ImportError:
        return handbook_build(), "bench"
    create = getattr(demo, "handbook_demo_create", None)
    if create is None:
        return handbook_build(), "bench"
    return create(), "handbooks.demo"


def best_of(fn, repeat: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return min(times) * 1000, result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--out", help="also write the rendered PDF to this file")
    parser.add_argument(
        "--builtin", action="store_true", help="use the bench's own handbook, not the demo"
    )
    args = parser.parse_args()

    scratch = None
    if not os.environ.get("DATABASE_URL"):
        fd, scratch = tempfile.mkstemp(suffix=".sqlite3")
        os.close(fd)
        os.environ["DATABASE_URL"] = f"sqlite:///{scratch}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lms.settings.test")
    import django

    django.setup()
    logging.disable(logging.INFO)  # page-by-page progress of WeasyPrint, Wagtail's log
    from django.core.management import call_command
    from django.db import transaction

    call_command("migrate", verbosity=0)

    from handbooks.pdf import FONTS_DIR, render_handbook_pdf, render_html
    from handbooks.selectors import handbook_toc

    # Publishing queues the render task after commit; one transaction → one render.
    with transaction.atomic():
        handbook, source = handbook_demo(builtin=args.builtin)
    toc = handbook_toc(handbook=handbook)

    render_ms, rendered = best_of(lambda: render_handbook_pdf(handbook), args.repeat)
    if args.out:
        Path(args.out).write_bytes(rendered.content)

    fonts = FONTS_DIR.as_uri()
    baseline_html = (
        '<!doctype html><html lang="vi"><head><meta charset="utf-8"><style>'
        f'@font-face {{ font-family: "Suc Tre Serif"; src: url("{fonts}/NotoSerif-Regular.ttf"); }}'
        '@page { size: A5; } body { font-family: "Suc Tre Serif"; }'
        "</style></head><body><p>Nội dung một trang về huy động thanh niên tình nguyện.</p>"
        "</body></html>"
    )
    baseline_ms, _ = best_of(lambda: render_html(baseline_html).write_pdf(), args.repeat)

    result = {
        "source": source,
        "chapters": len(toc),
        "sections": sum(len(chapter.children) for chapter in toc),
        "render_ms": round(render_ms, 1),
        "pages": rendered.pages,
        "bytes": len(rendered.content),
        "baseline_one_page_ms": round(baseline_ms, 1),
    }
    if scratch:
        os.unlink(scratch)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
