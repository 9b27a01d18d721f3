"""The text of the demo handbook, drawn from Decision 1481/QĐ-TTg and the plans implementing it.

Bodies are lists of (block type, value) pairs in the raw StreamField format. A figure names
its image and a document block its file by a key ("tot-cascade", "plan-xlsx"); `demo.py`
makes those files and puts their ids in place.
"""

import datetime


def h2(text: str):
    return ("heading", {"text": text, "level": "h2"})


def h3(text: str):
    return ("heading", {"text": text, "level": "h3"})


def para(*paragraphs: str):
    return ("paragraph", "".join(f"<p>{p}</p>" for p in paragraphs))


def html(raw: str):
    return ("paragraph", raw)


def callout(kind: str, title: str, *paragraphs: str):
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return ("callout", {"kind": kind, "title": title, "body": body})


def checklist(title: str, *items: str):
    return ("checklist", {"title": title, "items": list(items)})


def procedure(title: str, *steps: tuple[str, str]):
    return (
        "procedure",
        {"title": title, "steps": [{"title": t, "body": f"<p>{b}</p>"} for t, b in steps]},
    )


def case_study(title: str, context: str, what_was_done: str, lessons: str):
    return (
        "case_study",
        {
            "title": title,
            "context": f"<p>{context}</p>",
            "what_was_done": f"<p>{what_was_done}</p>",
            "lessons": f"<p>{lessons}</p>",
        },
    )


def glossary(term: str, definition: str):
    return ("glossary", {"term": term, "definition": f"<p>{definition}</p>"})


def table(caption: str, *rows: list[str]):
    return (
        "table",
        {
            "data": [list(r) for r in rows],
            "first_row_is_table_header": True,
            "first_col_is_header": False,
            "table_header_choice": "row",
            "table_caption": caption,
        },
    )


def quote(text: str, source: str):
    return ("quote", {"text": text, "source": source})


def figure(image: str, alt: str, caption: str):
    return ("figure", {"image": image, "alt": alt, "caption": caption})


def document(key: str, title: str):
    return ("document", {"document": key, "title": title})


DECISION = "Quyết định số 1481/QĐ-TTg ngày 29/11/2022 của Thủ tướng Chính phủ"

HANDBOOK = {
    "slug": "cam-nang-quan-ly-dieu-phoi-hoat-dong-tinh-nguyen",
    "title": "Cẩm nang quản lý, điều phối hoạt động tình nguyện",
    "summary": (
        "Cẩm nang dành cho cán bộ Đoàn, Hội các cấp trực tiếp quản lý, điều phối hoạt động "
        "thanh niên tình nguyện, biên soạn theo Chương trình ban hành kèm " + DECISION + ". "
        "Cẩm nang hướng dẫn từng bước: lập kế hoạch chiến dịch, huy động và quản lý tình "
        "nguyện viên, bảo đảm an toàn, ghi nhận hoạt động trên cổng thông tin điện tử, tập "
        "huấn theo mô hình ToT, hoạt động ở vùng khó khăn và báo cáo, sơ kết, tổng kết."
    ),
    "edition": "Ấn bản 2",
    "published_date": datetime.date(2025, 8, 15),
    "tags": ["điều phối", "an toàn tình nguyện", "chuyển đổi số", "ToT", "Mùa hè xanh"],
    "authors": [
        ("Phạm Thị Lan Anh", "Giảng viên nguồn Trung ương Đoàn, chủ biên"),
        ("Nguyễn Hoàng Minh", "Tập huấn viên cấp tỉnh, Tỉnh Đoàn Lâm Đồng"),
        ("Lò Văn Tuấn", "Bí thư Đoàn xã vùng biên, tỉnh Lai Châu"),
    ],
    # Newest first, as a change log is read.
    "editions": [
        (
            "Ấn bản 2",
            datetime.date(2025, 8, 15),
            "Cập nhật theo mô hình chính quyền địa phương hai cấp từ ngày 01/7/2025 (34 tỉnh, "
            "thành phố; không còn cấp huyện): sửa sơ đồ tập huấn ToT và quy trình báo cáo; "
            "bổ sung chương về hoạt động ở vùng đồng bào dân tộc thiểu số, miền núi, biên "
            "giới, hải đảo và mẫu kế hoạch chiến dịch (tệp XLSX).",
        ),
        (
            "Ấn bản 1",
            datetime.date(2024, 3, 26),
            "Phát hành lần đầu, phục vụ các lớp tập huấn giai đoạn 2023–2025 theo Kế hoạch số "
            "67-KH/TWĐTN-ĐKTHTN của Ban Bí thư Trung ương Đoàn.",
        ),
    ],
}

# --- Chapter 1 ---------------------------------------------------------------------------

CHAPTER_1 = {
    "slug": "chuong-trinh-1481-va-bon-chi-tieu",
    "title": "Chương trình 1481 và bốn chỉ tiêu",
    "summary": (
        "Chương trình được phê duyệt khi nào, nhằm mục tiêu gì và bốn chỉ tiêu đến năm 2025, "
        "2030 được hiểu và đo như thế nào ở từng cấp bộ Đoàn, Hội."
    ),
    "body": [
        h2("Chương trình ra đời từ đâu"),
        para(
            "Ngày 29/11/2022, Phó Thủ tướng Thường trực Phạm Bình Minh ký Quyết định số "
            "1481/QĐ-TTg phê duyệt Chương trình “Tăng cường năng lực quản lý, điều phối hoạt "
            "động tình nguyện cho đội ngũ cán bộ Đoàn Thanh niên Cộng sản Hồ Chí Minh, Hội "
            "Liên hiệp Thanh niên Việt Nam, Hội Sinh viên Việt Nam các cấp, giai đoạn 2022 – "
            "2030” (gọi tắt là Chương trình 1481).",
            "Ngày 25/5/2023, Ban Bí thư Trung ương Đoàn ban hành Kế hoạch số "
            "67-KH/TWĐTN-ĐKTHTN triển khai Chương trình. Trên cơ sở đó, Ủy ban nhân dân các "
            "tỉnh, thành phố ban hành kế hoạch của địa phương; ví dụ Kế hoạch số 630/KH-UBND "
            "ngày 29/9/2023 của Ủy ban nhân dân tỉnh Đắk Nông (nay thuộc tỉnh Lâm Đồng) giao "
            "Tỉnh Đoàn chủ trì, các sở, ngành và địa phương phối hợp thực hiện đến năm 2030.",
        ),
        quote(
            "Nâng cao năng lực quản lý, điều phối hoạt động tình nguyện cho đội ngũ cán bộ "
            "Đoàn Thanh niên Cộng sản Hồ Chí Minh, Hội Liên hiệp Thanh niên Việt Nam, Hội Sinh "
            "viên Việt Nam nhằm triển khai phong trào thanh niên tình nguyện hiệu quả, bền "
            "vững, phát huy mạnh mẽ sức trẻ, tinh thần cống hiến, xung kích, tình nguyện, sáng "
            "tạo và nâng cao trách nhiệm của thanh niên trong sự nghiệp xây dựng và bảo vệ Tổ "
            "quốc.",
            "Mục tiêu tổng quát, " + DECISION,
        ),
        para(
            "Điểm đáng chú ý là Chương trình không đặt chỉ tiêu về số công trình, phần việc "
            "hay số ngày công tình nguyện. Chương trình hướng vào <strong>người tổ chức</strong>"
            ": cán bộ Đoàn, Hội có được bồi dưỡng không, có áp dụng mô hình quản lý, điều phối "
            "đã học không, có dùng công nghệ số để quản lý và ghi nhận hoạt động không. Một "
            "chiến dịch được điều phối tốt sẽ huy động đúng người, đúng việc, an toàn và để "
            "lại kết quả bền vững cho địa phương."
        ),
        h2("Bốn chỉ tiêu cụ thể"),
        table(
            "Chỉ tiêu của Chương trình 1481 theo hai giai đoạn",
            ["Chỉ tiêu", "Nội dung", "Đến năm 2025", "Đến năm 2030"],
            [
                "a",
                "Cấp bộ Đoàn, Hội áp dụng công nghệ thông tin, chuyển đổi số trong quản lý, "
                "điều phối hoạt động thanh niên tình nguyện",
                "60%",
                "80%",
            ],
            [
                "b",
                "Hoạt động thanh niên tình nguyện được ghi nhận, cập nhật trên cổng thông tin "
                "điện tử về quản lý, điều phối hoạt động thanh niên tình nguyện",
                "Ít nhất 60%",
                "80%",
            ],
            [
                "c",
                "Chiến dịch, hoạt động thanh niên tình nguyện do Đoàn, Hội khởi xướng và triển "
                "khai được áp dụng theo các mô hình quản lý, điều phối đã được đào tạo, tập huấn",
                "80%",
                "100%",
            ],
            [
                "d",
                "Cán bộ chuyên trách phụ trách hoạt động tình nguyện được bồi dưỡng, cập nhật "
                "kiến thức mới, nâng cao trình độ, kỹ năng, nghiệp vụ về quản lý, điều phối",
                "80%",
                "100%",
            ],
        ),
        para(
            "Mỗi chỉ tiêu có một “mẫu số” khác nhau. Chỉ tiêu (a) đếm theo <em>cấp bộ</em> "
            "Đoàn, Hội; chỉ tiêu (b) đếm theo <em>hoạt động</em> tình nguyện; chỉ tiêu (c) đếm "
            "theo <em>chiến dịch, hoạt động do Đoàn, Hội khởi xướng</em>; chỉ tiêu (d) đếm theo "
            "<em>cán bộ chuyên trách</em> phụ trách công tác tình nguyện. Khi báo cáo, cần nêu "
            "rõ cả tử số và mẫu số, không chỉ ghi tỷ lệ phần trăm."
        ),
        callout(
            "note",
            "Chỉ tiêu (d) chỉ tính cán bộ chuyên trách",
            "Cán bộ kiêm nhiệm vẫn được khuyến khích tham gia các lớp bồi dưỡng, nhưng không "
            "nằm trong mẫu số của chỉ tiêu (d). Vì vậy, danh sách cán bộ của đơn vị cần ghi rõ "
            "ai là chuyên trách, ai được giao phụ trách công tác tình nguyện.",
        ),
        glossary(
            "Cấp bộ Đoàn, Hội",
            "Một cấp tổ chức của Đoàn hoặc Hội có ban chấp hành riêng: Trung ương, tỉnh, thành "
            "phố, cơ sở (xã, phường, đặc khu, trường học, cơ quan, doanh nghiệp). Chỉ tiêu (a) "
            "đếm theo cấp bộ, không đếm theo cá nhân.",
        ),
        glossary(
            "Điều phối hoạt động tình nguyện",
            "Kết nối nhu cầu của cộng đồng với nguồn lực tình nguyện: chọn việc, chọn người, "
            "phân công, theo dõi, bảo đảm an toàn và ghi nhận kết quả, để các đội hình không "
            "chồng chéo và không bỏ sót địa bàn cần hỗ trợ.",
        ),
    ],
    "sections": [
        {
            "slug": "ba-nhom-nhiem-vu-giai-phap",
            "title": "Ba nhóm nhiệm vụ, giải pháp",
            "summary": "Tuyên truyền, đào tạo bồi dưỡng và tạo môi trường thuận lợi.",
            "body": [
                para(
                    "Các kế hoạch triển khai Chương trình 1481 sắp xếp nhiệm vụ thành ba nhóm. "
                    "Cán bộ cơ sở nên đối chiếu kế hoạch năm của đơn vị với cả ba nhóm để "
                    "không bỏ sót việc."
                ),
                h3("Tuyên truyền, nâng cao nhận thức"),
                para(
                    "Phổ biến chủ trương của Đảng, chính sách, pháp luật của Nhà nước về hoạt "
                    "động thanh niên tình nguyện; tuyên truyền ý nghĩa của công tác quản lý, "
                    "điều phối trên báo chí và mạng xã hội; tổ chức hội nghị, tọa đàm, diễn đàn "
                    "chia sẻ kinh nghiệm; xây dựng ấn phẩm về các tấm gương cán bộ và mô hình "
                    "tiêu biểu; tôn vinh, khen thưởng tổ chức, cá nhân xuất sắc và hằng năm "
                    "tham gia Giải thưởng Tình nguyện Quốc gia."
                ),
                h3("Đào tạo, bồi dưỡng"),
                para(
                    "Xây dựng chương trình, tài liệu phù hợp từng nhóm đối tượng; xây dựng và "
                    "số hóa cẩm nang; đào tạo đội ngũ tập huấn viên các cấp theo mô hình ToT; "
                    "mở lớp từ Trung ương đến cơ sở, chú trọng kỹ năng công nghệ thông tin, "
                    "chuyển đổi số và vận động thanh niên; đẩy mạnh đào tạo trực tuyến, kể cả "
                    "cho cán bộ phụ trách công tác tình nguyện ở nước ngoài; chú trọng cán bộ "
                    "vùng đồng bào dân tộc thiểu số, miền núi, biên giới, hải đảo; hướng dẫn "
                    "đánh giá năng lực và định kỳ kiểm tra, đánh giá thực trạng năng lực."
                ),
                h3("Tạo môi trường thuận lợi"),
                para(
                    "Tạo điều kiện để cán bộ áp dụng kiến thức đã học; đề nghị cấp ủy, chính "
                    "quyền giao Đoàn, Hội chủ trì hoặc tham gia các chương trình, dự án phát "
                    "triển kinh tế – xã hội; nhân rộng mô hình hay; gắn hoạt động tình nguyện "
                    "với chuyên môn; đa dạng hóa phương thức phù hợp từng địa phương; tổ chức "
                    "diễn đàn đối thoại để cán bộ đề xuất giải pháp, sáng kiến."
                ),
                checklist(
                    "Kế hoạch năm của cơ sở đã có",
                    "Ít nhất một hoạt động tuyên truyền về công tác tình nguyện",
                    "Danh sách cán bộ cần bồi dưỡng, có đánh dấu cán bộ chuyên trách",
                    "Lịch cử cán bộ dự lớp tập huấn của cấp trên",
                    "Một mô hình tình nguyện gắn với chuyên môn hoặc dự án của địa phương",
                    "Hình thức ghi nhận, khen thưởng tình nguyện viên tiêu biểu",
                ),
            ],
        },
        {
            "slug": "co-quan-phoi-hop-va-nguon-kinh-phi",
            "title": "Cơ quan phối hợp và nguồn kinh phí",
            "summary": "Ai làm gì trong kế hoạch cấp tỉnh và tiền từ đâu.",
            "body": [
                para(
                    "Theo kế hoạch cấp tỉnh, Đoàn Thanh niên tỉnh là cơ quan chủ trì: xây dựng "
                    "kế hoạch triển khai theo từng giai đoạn và hằng năm, hướng dẫn các cấp bộ "
                    "Đoàn, tổ chức sơ kết vào năm 2025, tổng kết vào năm 2030 và tổng hợp báo "
                    "cáo trình Chủ tịch Ủy ban nhân dân tỉnh."
                ),
                html(
                    "<ul>"
                    "<li><strong>Ủy ban Mặt trận Tổ quốc và các tổ chức chính trị – xã hội"
                    "</strong>: phối hợp triển khai; rà soát, hướng dẫn quản lý các đội, nhóm "
                    "thanh niên tình nguyện hoạt động đúng quy định của pháp luật.</li>"
                    "<li><strong>Sở Nội vụ</strong>: phối hợp kiểm tra, giám sát, đánh giá; "
                    "tổ chức sơ kết năm 2025 và tổng kết năm 2030.</li>"
                    "<li><strong>Sở Giáo dục và Đào tạo</strong>: nội dung bồi dưỡng cho cán "
                    "bộ Đoàn, Hội trong trường học.</li>"
                    "<li><strong>Cơ quan quản lý giáo dục nghề nghiệp</strong>: nội dung bồi "
                    "dưỡng cho cán bộ Đoàn, Hội trong các cơ sở giáo dục nghề nghiệp.</li>"
                    "<li><strong>Cơ quan quản lý thông tin, truyền thông</strong>: xây dựng "
                    "Ngân hàng tình nguyện và hệ thống công nghệ quản lý, điều phối hoạt động "
                    "thanh niên tình nguyện.</li>"
                    "<li><strong>Ủy ban nhân dân cấp xã</strong> (trước đây là cấp huyện): hỗ "
                    "trợ hoạt động tại địa phương, lồng ghép với các chương trình, đề án khác "
                    "và bố trí ngân sách.</li>"
                    "</ul>"
                ),
                callout(
                    "note",
                    "Sau sắp xếp bộ máy năm 2025",
                    "Một số sở đã hợp nhất và cấp huyện không còn từ ngày 01/7/2025. Khi đọc "
                    "kế hoạch ban hành trước thời điểm này, hãy chuyển nhiệm vụ phối hợp sang "
                    "cơ quan đã tiếp nhận chức năng tương ứng.",
                ),
                para(
                    "Kinh phí gồm hai nguồn: ngân sách nhà nước bố trí trong dự toán hằng năm "
                    "của Đoàn Thanh niên, các sở, ngành và địa phương theo phân cấp, lồng ghép "
                    "trong các chương trình đã được phê duyệt; và nguồn huy động hợp pháp từ "
                    "xã hội, cộng đồng. Căn cứ nhiệm vụ được giao, mỗi đơn vị tự lập kế hoạch "
                    "và dự toán để tổng hợp vào dự toán ngân sách hằng năm."
                ),
            ],
        },
    ],
}

# --- Chapter 2 ---------------------------------------------------------------------------

CHAPTER_2 = {
    "slug": "lap-ke-hoach-chien-dich-tinh-nguyen",
    "title": "Lập kế hoạch chiến dịch tình nguyện (Mùa hè xanh)",
    "summary": (
        "Từ khảo sát nhu cầu đến kế hoạch có mục tiêu đo được, dự toán và phương án an toàn, "
        "minh họa bằng Chiến dịch Thanh niên tình nguyện hè."
    ),
    "body": [
        h2("Chiến dịch là gì"),
        para(
            "Chiến dịch tình nguyện là một chuỗi hoạt động có mục tiêu chung, thời gian và địa "
            "bàn xác định, huy động nhiều đội hình cùng tham gia. Chiến dịch Thanh niên tình "
            "nguyện hè là ví dụ quen thuộc, với các chiến dịch thành phần như “Mùa hè xanh” của "
            "sinh viên, “Hoa phượng đỏ” của học sinh, “Kỳ nghỉ hồng” của cán bộ, công chức, "
            "viên chức trẻ; bên cạnh đó là “Xuân tình nguyện”, “Tiếp sức mùa thi” và các hoạt "
            "động trong Tháng Thanh niên.",
            "Theo chỉ tiêu (c) của Chương trình 1481, đến năm 2025 có 80% và đến năm 2030 có "
            "100% chiến dịch, hoạt động do Đoàn, Hội khởi xướng được áp dụng theo các mô hình "
            "quản lý, điều phối đã được tập huấn. Kế hoạch viết theo khung dưới đây là bằng "
            "chứng cho việc áp dụng đó.",
        ),
        h2("Một kế hoạch tốt trả lời sáu câu hỏi"),
        html(
            "<ol>"
            "<li><strong>Vì sao?</strong> Nhu cầu nào của địa bàn, được xác định qua khảo sát "
            "và đề xuất của chính quyền, người dân.</li>"
            "<li><strong>Làm gì?</strong> Danh mục công trình, phần việc, mỗi việc có chỉ số "
            "kết quả đo được (số mét đường, số lớp học, số người được khám bệnh…).</li>"
            "<li><strong>Ai làm?</strong> Đơn vị chủ trì, đơn vị phối hợp, đội hình, người "
            "phụ trách từng việc và người phụ trách an toàn.</li>"
            "<li><strong>Ở đâu, khi nào?</strong> Địa bàn, lịch triển khai, mốc kiểm tra.</li>"
            "<li><strong>Bằng nguồn lực nào?</strong> Dự toán, nguồn kinh phí, vật tư, phương "
            "tiện, nguồn xã hội hóa.</li>"
            "<li><strong>Đo và báo cáo thế nào?</strong> Ai ghi nhận trên cổng thông tin, khi "
            "nào tổng kết, bàn giao công trình cho ai.</li>"
            "</ol>"
        ),
        procedure(
            "Quy trình lập kế hoạch chiến dịch",
            (
                "Khảo sát và chọn địa bàn",
                "Làm việc với Đảng ủy, Ủy ban nhân dân và Đoàn cơ sở nơi đến; lập danh sách "
                "nhu cầu có ưu tiên. Xem mục “Khảo sát nhu cầu và chọn địa bàn”.",
            ),
            (
                "Xác định mục tiêu và chỉ số",
                "Viết mục tiêu theo kết quả cho người dân, không theo số hoạt động; mỗi mục "
                "tiêu gắn một chỉ số và nguồn kiểm chứng.",
            ),
            (
                "Thiết kế đội hình và phân công",
                "Ước tính số tình nguyện viên theo từng việc, chọn đội trưởng, người phụ trách "
                "hậu cần, truyền thông và an toàn.",
            ),
            (
                "Lập dự toán và huy động nguồn lực",
                "Tách chi phí theo công trình; ghi rõ phần ngân sách và phần xã hội hóa; thống "
                "nhất cơ chế bàn giao.",
            ),
            (
                "Lập phương án an toàn",
                "Nhận diện rủi ro theo địa bàn và mùa, phân công người ứng phó, danh bạ khẩn "
                "cấp, bảo hiểm cho tình nguyện viên.",
            ),
            (
                "Trình duyệt, công bố và ghi nhận",
                "Trình cấp bộ Đoàn, Hội có thẩm quyền; công bố kế hoạch; tạo hoạt động trên cổng "
                "thông tin tình nguyện ngay khi kế hoạch được duyệt.",
            ),
        ),
        document("plan-xlsx", "Mẫu kế hoạch chiến dịch (bảng tính XLSX)"),
        callout(
            "tip",
            "Dùng mẫu kế hoạch",
            "Bảng tính mẫu có ba trang: kế hoạch hoạt động, dự toán và phương án an toàn. Các "
            "cột trùng với thông tin cần nhập trên cổng thông tin tình nguyện, nên một lần lập "
            "kế hoạch là đủ dữ liệu để ghi nhận hoạt động.",
        ),
    ],
    "sections": [
        {
            "slug": "khao-sat-nhu-cau-va-chon-dia-ban",
            "title": "Khảo sát nhu cầu và chọn địa bàn",
            "summary": "Chọn việc địa phương cần, không chọn việc đội hình thích.",
            "body": [
                para(
                    "Khảo sát trước chiến dịch ít nhất một tháng. Đoàn cấp trên gửi phiếu đề "
                    "xuất nhu cầu cho Đoàn cơ sở nơi đến; Đoàn cơ sở lấy ý kiến chính quyền, "
                    "trưởng thôn, bản, già làng, người có uy tín và đại diện người dân. Sau "
                    "đó, đội khảo sát trực tiếp đến địa bàn để kiểm tra hiện trạng, đường đi, "
                    "chỗ ở và nguồn nước của đội hình."
                ),
                checklist(
                    "Phiếu khảo sát địa bàn",
                    "Nhu cầu cụ thể, người đề xuất, mức độ ưu tiên",
                    "Công trình, phần việc đã có đội hình khác nhận trong năm",
                    "Chỗ ở, nhà vệ sinh, nước sạch, sóng điện thoại",
                    "Cơ sở y tế gần nhất và thời gian di chuyển",
                    "Rủi ro theo mùa: mưa lũ, sạt lở, nắng nóng, dịch bệnh",
                    "Phong tục, lễ hội, lịch mùa vụ của người dân",
                ),
                para(
                    "Khi nhiều đội hình cùng muốn về một xã, cấp điều phối (thường là Đoàn "
                    "tỉnh) phân địa bàn để tránh trùng lặp, ưu tiên xã khó khăn chưa có đội "
                    "hình trong những năm gần đây."
                ),
            ],
        },
        {
            "slug": "du-toan-kinh-phi-va-huy-dong-nguon-luc",
            "title": "Dự toán kinh phí và huy động nguồn lực",
            "summary": "Tách chi phí theo công trình, minh bạch nguồn xã hội hóa.",
            "body": [
                para(
                    "Dự toán lập theo từng công trình, phần việc để dễ đối chiếu với kết quả. "
                    "Các khoản thường gặp: vật liệu, đi lại, ăn ở của tình nguyện viên, bảo "
                    "hiểm, thuốc và dụng cụ y tế, truyền thông và tổng kết."
                ),
                table(
                    "Ví dụ dự toán một đội hình 30 tình nguyện viên trong 15 ngày",
                    ["Khoản chi", "Căn cứ tính", "Nguồn"],
                    ["Vật liệu bê tông hóa 200 m đường", "Báo giá tại địa phương", "Xã hội hóa"],
                    ["Đi lại", "Giá vé xe khách hai chiều × 30 người", "Ngân sách Đoàn"],
                    ["Ăn ở", "Mức ăn/ngày × 30 người × 15 ngày", "Trường, xã hội hóa"],
                    ["Bảo hiểm tai nạn", "Phí/người × 30 người", "Ngân sách Đoàn"],
                    ["Thuốc, dụng cụ sơ cứu", "Một túi sơ cứu cho mỗi 10 người", "Trạm y tế"],
                ),
                callout(
                    "warning",
                    "Minh bạch nguồn xã hội hóa",
                    "Mọi khoản tài trợ bằng tiền hay hiện vật đều phải có biên nhận, được công "
                    "khai trong báo cáo tổng kết và bàn giao công trình có biên bản với chính "
                    "quyền địa phương.",
                ),
            ],
        },
        {
            "slug": "theo-doi-va-dieu-chinh-khi-trien-khai",
            "title": "Theo dõi và điều chỉnh khi triển khai",
            "summary": "Giao ban ngắn mỗi ngày, điều chỉnh sớm thay vì chữa cháy.",
            "body": [
                para(
                    "Trong thời gian chiến dịch, ban chỉ huy giao ban ngắn mỗi tối: tiến độ "
                    "từng công trình, sức khỏe tình nguyện viên, thời tiết ngày hôm sau và "
                    "việc cần chính quyền hỗ trợ. Tiến độ được cập nhật trên cổng thông tin "
                    "theo tuần để cấp trên theo dõi và điều phối thêm nguồn lực khi cần."
                ),
                para(
                    "Khi phải thay đổi (mưa lớn kéo dài, thiếu vật liệu, địa phương đề xuất "
                    "việc mới), ban chỉ huy ghi lại lý do, báo cáo đơn vị chủ trì và điều "
                    "chỉnh kế hoạch. Kế hoạch điều chỉnh cũng là bằng chứng của việc áp dụng "
                    "mô hình điều phối theo chỉ tiêu (c)."
                ),
            ],
        },
    ],
}

# --- Chapter 3 ---------------------------------------------------------------------------

CHAPTER_3 = {
    "slug": "huy-dong-va-quan-ly-tinh-nguyen-vien",
    "title": "Huy động và quản lý tình nguyện viên",
    "summary": (
        "Chu trình quản lý tình nguyện viên: tuyển chọn, tập huấn, phân công, theo dõi, ghi "
        "nhận và tri ân."
    ),
    "body": [
        h2("Chu trình quản lý tình nguyện viên"),
        para(
            "Tình nguyện viên đến với Đoàn, Hội vì muốn đóng góp và trưởng thành. Người điều "
            "phối giữ chân họ bằng một chu trình rõ ràng: <strong>tuyển chọn</strong> đúng "
            "người cho đúng việc, <strong>tập huấn</strong> trước khi xuống địa bàn, "
            "<strong>phân công</strong> có người phụ trách, <strong>theo dõi</strong> công "
            "việc và sức khỏe, <strong>ghi nhận</strong> đóng góp và <strong>tri ân</strong> "
            "sau hoạt động.",
            "Vận động thanh niên tham gia là một năng lực được Chương trình 1481 nhấn mạnh. "
            "Thông báo tuyển cần nêu rõ việc sẽ làm, thời gian, điều kiện ăn ở, yêu cầu kỹ năng "
            "và quyền lợi (giấy chứng nhận, bảo hiểm, tập huấn), để người đăng ký tự đánh giá "
            "được mình có phù hợp hay không.",
        ),
        procedure(
            "Tuyển chọn tình nguyện viên cho một đội hình",
            (
                "Mô tả vị trí",
                "Với mỗi việc, ghi số người cần, kỹ năng (y, dược, xây dựng, dạy học, tiếng "
                "dân tộc…), sức khỏe và thời gian tối thiểu.",
            ),
            (
                "Thông báo và nhận đăng ký trực tuyến",
                "Dùng biểu mẫu trực tuyến hoặc cổng thông tin tình nguyện; hỏi thông tin liên "
                "hệ khẩn cấp và tình trạng sức khỏe cần lưu ý.",
            ),
            (
                "Phỏng vấn ngắn và chọn",
                "Ưu tiên người có kỹ năng theo vị trí; cân bằng người có kinh nghiệm và người "
                "lần đầu tham gia.",
            ),
            (
                "Cam kết",
                "Tình nguyện viên ký bản cam kết tuân thủ nội quy; người dưới 18 tuổi cần có ý "
                "kiến đồng ý của cha mẹ hoặc người giám hộ.",
            ),
            (
                "Tập huấn trước khi đi",
                "Giới thiệu địa bàn, phong tục, nội quy, kỹ năng sơ cứu và phương án an toàn.",
            ),
        ),
        h2("Phân công và theo dõi"),
        para(
            "Chia đội hình thành các tổ 8–12 người, mỗi tổ có tổ trưởng. Mỗi tình nguyện viên "
            "biết rõ mình báo cáo cho ai và ai là người phụ trách an toàn. Sổ theo dõi (giấy "
            "hoặc bảng tính dùng chung) ghi ngày công, việc đã làm và các vấn đề phát sinh; đây "
            "cũng là dữ liệu để cấp giấy chứng nhận và ghi nhận trên cổng thông tin."
        ),
        case_study(
            "Đội hình y tế tình nguyện thiếu người giữa chiến dịch",
            "Một đội hình 25 sinh viên y khoa về khám bệnh, cấp thuốc tại ba thôn. Đến ngày "
            "thứ năm, sáu bạn phải về trường thi lại, trong khi số người dân đến khám tăng gấp "
            "đôi do trạm y tế thông báo rộng rãi.",
            "Ban chỉ huy giảm từ ba điểm khám xuống hai, chuyển hai bạn năm cuối làm trưởng "
            "điểm, đề nghị Đoàn trường bổ sung bốn tình nguyện viên đã đăng ký dự bị và phối "
            "hợp với trạm y tế hẹn lịch khám theo thôn để giảm dồn ứ.",
            "Danh sách dự bị và lịch khám theo nhóm nên có ngay từ khi lập kế hoạch; cam kết "
            "thời gian tham gia cần được hỏi rõ khi tuyển chọn.",
        ),
        callout(
            "tip",
            "Tri ân đúng lúc",
            "Cảm ơn công khai ngay trong buổi tổng kết tại địa bàn, cấp giấy chứng nhận kèm "
            "số ngày công, và mời tình nguyện viên tiêu biểu chia sẻ kinh nghiệm cho đội hình "
            "năm sau. Người được ghi nhận thường quay lại và rủ thêm bạn bè.",
        ),
        glossary(
            "Đội hình tình nguyện",
            "Nhóm tình nguyện viên được tổ chức để thực hiện một nhóm việc trong chiến dịch, "
            "có chỉ huy, tổ trưởng và phân công rõ ràng.",
        ),
    ],
}

# --- Chapter 4 ---------------------------------------------------------------------------

CHAPTER_4 = {
    "slug": "an-toan-trong-hoat-dong-tinh-nguyen",
    "title": "An toàn trong hoạt động tình nguyện",
    "summary": (
        "Nhận diện rủi ro, chuẩn bị trước khi đi và quy trình xử lý khi có sự cố; trách nhiệm "
        "của người điều phối với tính mạng, sức khỏe của tình nguyện viên."
    ),
    "body": [
        h2("Trách nhiệm của người điều phối"),
        para(
            "An toàn là điều kiện đầu tiên của mọi hoạt động tình nguyện. Người điều phối "
            "chịu trách nhiệm bảo đảm tình nguyện viên được thông tin đầy đủ về rủi ro, được "
            "trang bị và tập huấn, được mua bảo hiểm và có người phụ trách an toàn ở mỗi địa "
            "điểm. Hoạt động phải được triển khai đúng quy định của pháp luật và có sự đồng ý, "
            "phối hợp của chính quyền nơi đến.",
        ),
        callout(
            "warning",
            "Đuối nước là rủi ro hàng đầu trong mùa hè",
            "Tuyệt đối không tắm sông, suối, ao, hồ, biển khi không có người giám sát và "
            "phương tiện cứu hộ. Không vượt suối, ngầm tràn khi nước lên. Người phụ trách an "
            "toàn điểm danh đội hình vào đầu và cuối mỗi buổi.",
        ),
        table(
            "Rủi ro thường gặp và biện pháp phòng ngừa",
            ["Rủi ro", "Biện pháp phòng ngừa"],
            ["Đuối nước", "Cấm tắm nơi không an toàn; áo phao khi đi đò, thuyền"],
            ["Tai nạn giao thông", "Phương tiện có giấy tờ hợp lệ; không đi đêm đường đèo"],
            ["Tai nạn lao động", "Đồ bảo hộ; người có chuyên môn hướng dẫn khi thi công"],
            ["Sạt lở, lũ quét", "Theo dõi bản tin thời tiết; tạm dừng khi có cảnh báo"],
            ["Sốc nhiệt, ngộ độc thực phẩm", "Nghỉ giữa giờ nắng; nước sạch; bếp ăn hợp vệ sinh"],
            ["Xâm hại, quấy rối", "Làm việc theo cặp; kênh báo cáo kín cho tình nguyện viên"],
        ),
        checklist(
            "Trước khi đội hình xuất phát",
            "Danh sách tình nguyện viên, số điện thoại người thân liên hệ khẩn cấp",
            "Bảo hiểm tai nạn còn hiệu lực cho toàn bộ đội hình",
            "Túi sơ cứu và người đã được tập huấn sơ cứu",
            "Danh bạ: trạm y tế, công an xã, chính quyền xã, Đoàn cấp trên",
            "Phương án di chuyển khi có người bị thương hoặc thời tiết xấu",
            "Nội quy đội hình đã được phổ biến và ký cam kết",
        ),
        h2("Khi có sự cố"),
        procedure(
            "Xử lý sự cố",
            (
                "Bảo đảm an toàn tại chỗ",
                "Đưa người bị nạn và những người xung quanh ra khỏi nguy hiểm; sơ cứu; gọi cấp "
                "cứu 115 hoặc đưa đến cơ sở y tế gần nhất.",
            ),
            (
                "Báo cáo ngay",
                "Người phụ trách an toàn báo cho chỉ huy đội hình và Đoàn cấp trên trực tiếp; "
                "thông báo chính quyền địa phương.",
            ),
            (
                "Liên hệ gia đình",
                "Chỉ huy đội hình hoặc đơn vị cử đi trực tiếp thông báo cho gia đình, không để "
                "gia đình biết tin qua mạng xã hội.",
            ),
            (
                "Ghi chép và rút kinh nghiệm",
                "Lập biên bản sự việc, xử lý bảo hiểm; rà soát phương án an toàn và phổ biến "
                "bài học cho các đội hình khác.",
            ),
        ),
        callout(
            "note",
            "Thông tin trên mạng xã hội",
            "Chỉ người được phân công mới cung cấp thông tin về sự cố. Không đăng ảnh người bị "
            "nạn, không đưa thông tin chưa được xác minh.",
        ),
    ],
}

# --- Chapter 5 ---------------------------------------------------------------------------

CHAPTER_5 = {
    "slug": "ung-dung-cong-nghe-so-va-cong-thong-tin-tinh-nguyen",
    "title": "Ứng dụng công nghệ số và cổng thông tin tình nguyện",
    "summary": (
        "Chỉ tiêu (a) và (b): cấp bộ Đoàn, Hội ứng dụng công nghệ thông tin, chuyển đổi số và "
        "ghi nhận hoạt động trên cổng thông tin điện tử về quản lý, điều phối."
    ),
    "body": [
        h2("Thế nào là áp dụng chuyển đổi số"),
        para(
            "Chỉ tiêu (a) yêu cầu đến năm 2025 có 60%, đến năm 2030 có 80% cấp bộ Đoàn, Hội áp "
            "dụng công nghệ thông tin, chuyển đổi số trong quản lý, điều phối hoạt động tình "
            "nguyện. Một cấp bộ được coi là đã áp dụng khi công việc thường xuyên được làm trên "
            "môi trường số, không chỉ có trang mạng xã hội đăng tin. Các dấu hiệu cụ thể:"
        ),
        html(
            "<ul>"
            "<li>Danh sách tình nguyện viên, đội hình được lưu và cập nhật trên hệ thống dùng "
            "chung, không chỉ trên giấy.</li>"
            "<li>Tình nguyện viên đăng ký tham gia trực tuyến.</li>"
            "<li>Hoạt động được tạo, cập nhật tiến độ và kết quả trên cổng thông tin tình "
            "nguyện.</li>"
            "<li>Báo cáo số liệu lên cấp trên được tổng hợp từ dữ liệu đã ghi nhận.</li>"
            "<li>Cán bộ học và dự lớp bồi dưỡng trực tuyến.</li>"
            "</ul>"
        ),
        h2("Ghi nhận hoạt động trên cổng thông tin"),
        para(
            "Chỉ tiêu (b) đo tỷ lệ hoạt động thanh niên tình nguyện được ghi nhận, cập nhật "
            "trên cổng thông tin điện tử về quản lý, điều phối hoạt động thanh niên tình nguyện: "
            "ít nhất 60% vào năm 2025 và 80% vào năm 2030. Một hoạt động chỉ được tính khi "
            "có đủ thông tin cơ bản và kết quả được cập nhật sau khi kết thúc."
        ),
        table(
            "Thông tin tối thiểu của một hoạt động",
            ["Trường thông tin", "Ví dụ"],
            ["Tên hoạt động", "Bê tông hóa đường vào điểm trường thôn 4"],
            ["Đơn vị chủ trì", "Đoàn Thanh niên xã"],
            ["Địa bàn", "Xã, tỉnh (theo đơn vị hành chính hiện hành)"],
            ["Thời gian", "Ngày bắt đầu, ngày kết thúc"],
            ["Số tình nguyện viên, số ngày công", "30 người, 360 ngày công"],
            ["Kết quả", "200 m đường; bàn giao cho Ủy ban nhân dân xã"],
            ["Kinh phí và nguồn", "Ngân sách Đoàn, xã hội hóa (ghi riêng từng nguồn)"],
        ),
        procedure(
            "Ghi nhận một hoạt động",
            (
                "Tạo hoạt động khi kế hoạch được duyệt",
                "Nhập các trường tối thiểu; gắn hoạt động với chiến dịch nếu có.",
            ),
            (
                "Cập nhật trong khi triển khai",
                "Cập nhật tiến độ theo tuần; đính kèm ảnh đã được người trong ảnh đồng ý.",
            ),
            (
                "Cập nhật kết quả",
                "Trong vòng một tuần sau khi kết thúc, nhập kết quả, số liệu và biên bản bàn "
                "giao; cấp trên kiểm tra và xác nhận.",
            ),
        ),
        callout(
            "warning",
            "Bảo vệ dữ liệu cá nhân",
            "Số định danh, số điện thoại, tình trạng sức khỏe của tình nguyện viên là dữ liệu "
            "cá nhân, phải được xử lý theo Nghị định số 13/2023/NĐ-CP về bảo vệ dữ liệu cá "
            "nhân và các quy định thay thế. Chỉ thu thập thông tin cần thiết, chỉ người được "
            "phân công mới được xem, không chia sẻ bảng tính công khai trên mạng.",
        ),
        glossary(
            "Ngân hàng tình nguyện",
            "Cơ sở dữ liệu kết nối nhu cầu cần hỗ trợ của địa phương với tình nguyện viên, đội "
            "hình và nguồn lực sẵn sàng tham gia; được nêu trong các kế hoạch cấp tỉnh triển "
            "khai Chương trình 1481.",
        ),
    ],
}

# --- Chapter 6 ---------------------------------------------------------------------------

CHAPTER_6 = {
    "slug": "mo-hinh-tap-huan-giang-vien-nguon-tot",
    "title": "Mô hình tập huấn giảng viên nguồn (ToT)",
    "summary": (
        "Đào tạo đội ngũ tập huấn viên các cấp theo mô hình ToT (Training of Trainers): "
        "giảng viên nguồn đào tạo tập huấn viên cấp tỉnh, tập huấn viên tỉnh tập huấn cán bộ "
        "cơ sở."
    ),
    "body": [
        h2("Vì sao là mô hình ToT"),
        para(
            "Chương trình 1481 đặt mục tiêu đến năm 2030 toàn bộ cán bộ chuyên trách phụ "
            "trách công tác tình nguyện được bồi dưỡng. Trung ương không thể trực tiếp mở lớp "
            "cho hàng chục nghìn cán bộ; vì vậy nhiệm vụ “đào tạo, bồi dưỡng đội ngũ tập huấn "
            "viên các cấp về quản lý, điều phối hoạt động thanh niên tình nguyện theo mô hình "
            "ToT” là trụ cột. Mỗi tầng vừa học, vừa trở thành người dạy cho tầng tiếp theo.",
        ),
        figure(
            "tot-cascade",
            "Sơ đồ bốn tầng của mô hình ToT: giảng viên nguồn Trung ương đào tạo tập huấn "
            "viên cấp tỉnh; tập huấn viên cấp tỉnh tập huấn cán bộ Đoàn, Hội cơ sở; cán bộ cơ "
            "sở hướng dẫn chi đoàn, chi hội và tình nguyện viên; phản hồi đi ngược lên.",
            "Hình 6.1. Mô hình tập huấn giảng viên nguồn theo tổ chức hai cấp chính quyền địa "
            "phương từ ngày 01/7/2025.",
        ),
        para(
            "Từ ngày 01/7/2025, khi không còn cấp huyện, chuỗi tập huấn rút ngắn còn ba tầng "
            "lớp học: Trung ương, tỉnh, cơ sở. Tập huấn viên cấp tỉnh trực tiếp mở lớp cho cán "
            "bộ xã, phường, đặc khu, trường học, cơ quan, doanh nghiệp. Điều đó làm mỗi tập huấn "
            "viên tỉnh phụ trách nhiều học viên hơn, nên cần kết hợp lớp trực tiếp với học trực "
            "tuyến."
        ),
        procedure(
            "Tổ chức một lớp ToT cấp tỉnh",
            (
                "Chọn học viên",
                "Cán bộ có kinh nghiệm điều phối, có khả năng trình bày và cam kết mở lớp cho "
                "cơ sở trong sáu tháng sau khóa học.",
            ),
            (
                "Học trực tuyến trước lớp",
                "Học viên hoàn thành các bài học nền tảng trực tuyến để thời gian trên lớp "
                "dành cho thực hành.",
            ),
            (
                "Lớp trực tiếp",
                "Thực hành thiết kế bài giảng, đứng lớp thử và nhận góp ý theo nhóm nhỏ; sử "
                "dụng tình huống thật của địa phương.",
            ),
            (
                "Đánh giá và cấp chứng nhận",
                "Đánh giá bằng bài giảng thực hành; chỉ cấp giấy chứng nhận tập huấn viên khi "
                "đạt yêu cầu.",
            ),
            (
                "Đồng hành sau lớp",
                "Giảng viên nguồn dự giờ hoặc xem lại lớp đầu tiên mà tập huấn viên mở cho cơ "
                "sở và góp ý.",
            ),
        ),
        checklist(
            "Bộ công cụ của tập huấn viên",
            "Giáo án mẫu và bài trình chiếu của từng chuyên đề",
            "Cẩm nang này (bản đọc trực tuyến và bản PDF để in)",
            "Bộ tình huống thảo luận theo vùng miền",
            "Phiếu đánh giá đầu vào, đầu ra của học viên",
            "Mẫu danh sách lớp để cấp giấy chứng nhận và báo cáo chỉ tiêu (d)",
        ),
        callout(
            "tip",
            "Giữ chất lượng qua các tầng",
            "Càng xuống dưới, nội dung càng dễ bị rút gọn. Hãy dùng chung giáo án và phiếu "
            "đánh giá ở mọi tầng, và so sánh kết quả đánh giá của học viên cơ sở với học viên "
            "lớp tỉnh để phát hiện chuyên đề bị “rơi rụng”.",
        ),
        quote(
            "Đào tạo, bồi dưỡng đội ngũ tập huấn viên các cấp về quản lý, điều phối hoạt động "
            "thanh niên tình nguyện theo mô hình ToT (Training of Trainers).",
            "Nhiệm vụ, giải pháp của Chương trình 1481",
        ),
    ],
}

# --- Chapter 7 ---------------------------------------------------------------------------

CHAPTER_7 = {
    "slug": "hoat-dong-o-vung-dong-bao-dan-toc-thieu-so-mien-nui-bien-gioi-hai-dao",
    "title": "Hoạt động ở vùng đồng bào dân tộc thiểu số, miền núi, biên giới, hải đảo",
    "summary": (
        "Những điều cần lưu ý khi điều phối hoạt động tình nguyện và bồi dưỡng cán bộ ở vùng "
        "khó khăn, nơi Chương trình 1481 yêu cầu đặc biệt chú trọng."
    ),
    "body": [
        h2("Vì sao cần cách làm riêng"),
        para(
            "Chương trình 1481 yêu cầu chú trọng đào tạo, bồi dưỡng, tập huấn kỹ năng cho cán "
            "bộ phụ trách công tác thanh niên tình nguyện vùng đồng bào dân tộc thiểu số và "
            "miền núi, biên giới, hải đảo. Ở những nơi này, đường đi xa và phụ thuộc thời tiết, "
            "sóng điện thoại và internet không ổn định, cán bộ cơ sở thường kiêm nhiều việc, "
            "và hoạt động chỉ hiệu quả khi tôn trọng ngôn ngữ, phong tục của đồng bào.",
        ),
        h2("Nguyên tắc khi triển khai"),
        html(
            "<ul>"
            "<li><strong>Đi qua người có uy tín</strong>: làm việc với già làng, trưởng bản, "
            "người có uy tín trước khi triển khai; mời họ cùng chọn việc.</li>"
            "<li><strong>Dùng tiếng nói của đồng bào</strong>: có tình nguyện viên hoặc cán bộ "
            "địa phương biết tiếng dân tộc trong mỗi đội hình.</li>"
            "<li><strong>Theo lịch của người dân</strong>: tránh mùa vụ, lễ hội, ngày kiêng.</li>"
            "<li><strong>Phối hợp với lực lượng tại chỗ</strong>: ở khu vực biên giới, hải "
            "đảo, đăng ký và phối hợp với đồn Biên phòng, chính quyền theo quy định.</li>"
            "<li><strong>Để lại năng lực cho địa phương</strong>: ưu tiên việc mà Đoàn, Hội "
            "cơ sở tiếp tục duy trì được sau khi đội hình rời đi.</li>"
            "</ul>"
        ),
        case_study(
            "Lớp bồi dưỡng cho bí thư chi đoàn bản ở xã vùng biên",
            "Một xã vùng biên có 12 bản, phần lớn bí thư chi đoàn là người dân tộc Thái, "
            "Mông; nhiều bản chưa có sóng di động ổn định. Lớp tập huấn trực tuyến của tỉnh "
            "có tỷ lệ tham gia thấp vì học viên không có đường truyền.",
            "Đoàn xã mời tập huấn viên tỉnh về mở lớp hai ngày tại trung tâm xã vào dịp phiên "
            "chợ; học viên được tải sẵn bài học và cẩm nang vào điện thoại để đọc ngoại tuyến; "
            "một cán bộ Đồn Biên phòng cùng dạy chuyên đề an toàn; thảo luận nhóm bằng tiếng "
            "Thái, tiếng Mông có người phiên dịch.",
            "Với vùng khó khăn, kết hợp lớp trực tiếp ngắn với tài liệu đọc ngoại tuyến hiệu "
            "quả hơn lớp trực tuyến thuần túy. Chọn thời gian theo sinh hoạt của người dân "
            "giúp tăng số người tham gia.",
        ),
        checklist(
            "Chuẩn bị cho đội hình về vùng khó khăn",
            "Tài liệu đã tải sẵn để dùng không cần mạng (bản PDF của cẩm nang)",
            "Phương án liên lạc khi mất sóng và điểm hẹn cố định",
            "Người biết tiếng dân tộc hoặc phiên dịch tại chỗ",
            "Giấy tờ, thủ tục khi vào khu vực biên giới, hải đảo",
            "Dự phòng lương thực, thuốc khi đường bị chia cắt",
        ),
        callout(
            "tip",
            "Đọc cẩm nang khi không có mạng",
            "Trên nền tảng Sức Trẻ, mở cẩm nang khi có mạng và chọn “Lưu để đọc ngoại tuyến”, "
            "hoặc tải bản PDF. Khi về bản, học viên vẫn đọc được toàn bộ nội dung.",
        ),
    ],
}

# --- Chapter 8 ---------------------------------------------------------------------------

CHAPTER_8 = {
    "slug": "bao-cao-so-ket-tong-ket",
    "title": "Báo cáo, sơ kết, tổng kết",
    "summary": (
        "Báo cáo định kỳ lên cấp trên, sơ kết năm 2025 và tổng kết năm 2030; cách tính bốn "
        "chỉ tiêu khi cơ cấu đơn vị hành chính thay đổi."
    ),
    "body": [
        h2("Các mốc báo cáo"),
        para(
            "Kết quả thực hiện Chương trình được báo cáo từ dưới lên theo cây tổ chức: chi "
            "đoàn, chi hội báo cáo Đoàn, Hội cơ sở; cơ sở báo cáo cấp tỉnh; cấp tỉnh tổng hợp "
            "báo cáo Trung ương và Ủy ban nhân dân tỉnh. Theo kế hoạch cấp tỉnh, việc đánh "
            "giá, sơ kết được tổ chức vào năm 2025 và tổng kết vào năm 2030."
        ),
        table(
            "Lịch báo cáo, đánh giá",
            ["Mốc", "Nội dung", "Cấp thực hiện"],
            ["Hằng năm", "Báo cáo kết quả, số liệu bốn chỉ tiêu, kế hoạch năm sau", "Mọi cấp"],
            ["Năm 2025", "Sơ kết giai đoạn 1 (2023–2025), đề xuất điều chỉnh", "Tỉnh, TW"],
            ["Năm 2030", "Tổng kết Chương trình, đánh giá bốn chỉ tiêu", "Tỉnh, TW"],
            ["Định kỳ", "Kiểm tra, đánh giá thực trạng năng lực cán bộ và đơn vị", "Mọi cấp"],
        ),
        procedure(
            "Tổng hợp báo cáo của một cấp bộ",
            (
                "Chốt danh sách đơn vị trực thuộc",
                "Xác định cấp bộ trực thuộc tại thời điểm báo cáo (mẫu số của chỉ tiêu a).",
            ),
            (
                "Lấy số liệu từ dữ liệu đã ghi nhận",
                "Số hoạt động, chiến dịch, cán bộ được bồi dưỡng lấy từ cổng thông tin và danh "
                "sách lớp, không ước tính.",
            ),
            (
                "Đối chiếu với báo cáo của cấp dưới",
                "Tổng của cấp dưới phải khớp số liệu tổng hợp; ghi chú mọi chênh lệch.",
            ),
            (
                "Viết phần đánh giá",
                "Nêu kết quả, hạn chế, nguyên nhân, mô hình hay cần nhân rộng và kiến nghị.",
            ),
            (
                "Gửi và lưu",
                "Gửi cấp trên đúng hạn; lưu số liệu gốc để phục vụ kiểm tra và tổng kết.",
            ),
        ),
        callout(
            "note",
            "Số liệu trước và sau ngày 01/7/2025",
            "Số liệu giai đoạn 2022–2025 được báo cáo theo cơ cấu cũ (63 tỉnh, thành phố, có "
            "cấp huyện). Báo cáo tổng kết năm 2030 theo cơ cấu mới (34 tỉnh, thành phố, hai "
            "cấp chính quyền địa phương). Khi so sánh, cần quy đổi số liệu của đơn vị cũ về "
            "đơn vị mới đã tiếp nhận địa bàn.",
        ),
        glossary(
            "Sơ kết",
            "Đánh giá giữa kỳ một chương trình, kế hoạch để rút kinh nghiệm và điều chỉnh; với "
            "Chương trình 1481 là năm 2025.",
        ),
        glossary(
            "Tổng kết",
            "Đánh giá toàn diện khi kết thúc chương trình, kế hoạch; với Chương trình 1481 là "
            "năm 2030.",
        ),
        quote(
            "Tổ chức đánh giá, sơ kết Kế hoạch vào năm 2025, tổng kết vào năm 2030; tổng hợp "
            "báo cáo kết quả thực hiện Kế hoạch; bổ sung, điều chỉnh hoạt động của Kế hoạch "
            "bảo đảm phù hợp thực tế.",
            "Kế hoạch số 630/KH-UBND ngày 29/9/2023 của Ủy ban nhân dân tỉnh Đắk Nông",
        ),
    ],
}

CHAPTERS = [
    CHAPTER_1,
    CHAPTER_2,
    CHAPTER_3,
    CHAPTER_4,
    CHAPTER_5,
    CHAPTER_6,
    CHAPTER_7,
    CHAPTER_8,
]

# --- Texts drawn into the generated files -------------------------------------------------

TOT_DIAGRAM = {
    "title": "Mô hình tập huấn giảng viên nguồn (ToT)",
    "tiers": [
        ("Giảng viên nguồn Trung ương", "Trung ương Đoàn, Hội LHTN Việt Nam, Hội Sinh viên"),
        ("Tập huấn viên cấp tỉnh", "34 tỉnh, thành phố"),
        ("Cán bộ Đoàn, Hội cơ sở", "xã, phường, đặc khu; trường học; cơ quan, doanh nghiệp"),
        ("Chi đoàn, chi hội và tình nguyện viên", "đội hình tình nguyện tại địa bàn"),
    ],
    "arrows": [
        "Lớp ToT: đào tạo tập huấn viên",
        "Lớp tập huấn cán bộ cơ sở",
        "Sinh hoạt, tập huấn đội hình",
    ],
    "feedback": "Phản hồi, đánh giá",
}

PLAN_WORKBOOK = {
    "title": "Mẫu kế hoạch chiến dịch tình nguyện",
    "header": [
        ("Tên chiến dịch", "Chiến dịch Thanh niên tình nguyện hè — Mùa hè xanh"),
        ("Đơn vị chủ trì", ""),
        ("Địa bàn", ""),
        ("Thời gian", ""),
        ("Người phụ trách chung", ""),
        ("Người phụ trách an toàn", ""),
    ],
    "activities": [
        "STT",
        "Công trình, phần việc",
        "Địa điểm",
        "Bắt đầu",
        "Kết thúc",
        "Số tình nguyện viên",
        "Người phụ trách",
        "Chỉ số kết quả",
        "Kinh phí (đồng)",
        "Nguồn kinh phí",
        "Đã ghi nhận trên cổng",
    ],
    "example": [
        1,
        "Bê tông hóa đường vào điểm trường",
        "Thôn 4",
        "2025-07-01",
        "2025-07-15",
        30,
        "Đội trưởng đội hình",
        "200 m đường",
        60_000_000,
        "Xã hội hóa",
        "Có",
    ],
    "budget": ["Khoản chi", "Căn cứ tính", "Số lượng", "Đơn giá (đồng)", "Thành tiền", "Nguồn"],
    "risks": ["Rủi ro", "Mức độ", "Biện pháp phòng ngừa", "Người phụ trách", "Liên hệ khẩn cấp"],
}
