"""The text of the two demo courses, drawn from Decision 1481/QĐ-TTg and the plans under it.

Bodies are lists of (block type, value) pairs in the raw StreamField format. The block
("handbook_chapter", slug) names a chapter of the demo handbook by its slug; `demo.py` puts
the chapter's page id in place, or leaves the block out when the handbook is not there.
"""

from handbooks.demo_content import (  # the same block builders as the demo handbook
    callout,
    case_study,
    checklist,
    glossary,
    h2,
    para,
    procedure,
    quote,
    table,
)

DECISION = "Quyết định số 1481/QĐ-TTg ngày 29/11/2022 của Thủ tướng Chính phủ"
HANDBOOK_SLUG = "cam-nang-quan-ly-dieu-phoi-hoat-dong-tinh-nguyen"


def chapter(slug: str, note: str):
    return ("handbook_chapter", {"chapter": slug, "note": note})


def lesson(slug: str, title: str, summary: str, minutes: int, *body):
    return {
        "slug": slug,
        "title": title,
        "summary": summary,
        "expected_minutes": minutes,
        "body": list(body),
    }


INDICATORS = table(
    "Bốn chỉ tiêu của Chương trình 1481",
    ["Chỉ tiêu", "Đến năm 2025", "Đến năm 2030"],
    ["(a) Cấp bộ Đoàn, Hội áp dụng CNTT, chuyển đổi số trong quản lý, điều phối", "60%", "80%"],
    ["(b) Hoạt động tình nguyện được ghi nhận trên cổng thông tin điện tử", "≥ 60%", "80%"],
    ["(c) Chiến dịch áp dụng mô hình quản lý, điều phối đã được tập huấn", "80%", "100%"],
    ["(d) Cán bộ chuyên trách phụ trách tình nguyện được bồi dưỡng", "80%", "100%"],
)

# --- (a) The course for grassroots cadres ---------------------------------------------------

COURSE_TN = {
    "code": "TN-101",
    "slug": "ky-nang-quan-ly-dieu-phoi-hoat-dong-tinh-nguyen",
    "title": "Kỹ năng quản lý, điều phối hoạt động tình nguyện",
    "summary": (
        "Khoá học cho cán bộ Đoàn, Hội cơ sở: hiểu Chương trình 1481, lập kế hoạch và huy "
        "động tình nguyện viên, giữ an toàn, ghi nhận hoạt động trên cổng thông tin và báo "
        "cáo kết quả."
    ),
    "audience_level": "grassroots",
    "expected_hours": 6,
    "is_tot": False,
    "competencies": ["lập kế hoạch", "huy động tình nguyện viên", "chuyển đổi số"],
    "certificate_title": "Giấy chứng nhận hoàn thành khoá bồi dưỡng kỹ năng điều phối tình nguyện",
    "modules": [
        {
            "slug": "chuong-trinh-1481-va-vai-tro-nguoi-dieu-phoi",
            "title": "Chương trình 1481 và vai trò người điều phối",
            "summary": "Mục tiêu, chỉ tiêu của Chương trình và việc của cán bộ cơ sở.",
            "lessons": [
                lesson(
                    "muc-tieu-va-bon-chi-tieu",
                    "Mục tiêu và bốn chỉ tiêu của Chương trình",
                    "Chương trình 1481 muốn đạt điều gì đến năm 2025 và 2030.",
                    15,
                    h2("Chương trình ra đời để làm gì"),
                    para(
                        f"{DECISION} phê duyệt Chương trình “Tăng cường năng lực quản lý, điều "
                        "phối hoạt động tình nguyện cho đội ngũ cán bộ Đoàn TNCS Hồ Chí Minh, "
                        "Hội LHTN Việt Nam, Hội Sinh viên Việt Nam các cấp, giai đoạn "
                        "2022–2030”.",
                        "Mục tiêu chung là nâng cao năng lực quản lý, điều phối để phong trào "
                        "thanh niên tình nguyện hiệu quả, bền vững, phát huy sức trẻ, tinh thần "
                        "cống hiến, xung kích, sáng tạo của thanh niên.",
                    ),
                    INDICATORS,
                    callout(
                        "note",
                        "Sơ kết và tổng kết",
                        "Chương trình sơ kết vào năm 2025 và tổng kết vào năm 2030; mỗi cấp "
                        "báo cáo kết quả lên cấp trên theo hệ thống tổ chức.",
                    ),
                ),
                lesson(
                    "vai-tro-can-bo-doan-hoi-co-so",
                    "Vai trò của cán bộ Đoàn, Hội cơ sở",
                    "Người điều phối ở xã, phường làm gì trước, trong và sau một hoạt động.",
                    20,
                    para(
                        "Cán bộ cơ sở là người gần thanh niên và người dân nhất: nắm nhu cầu "
                        "của địa bàn, vận động đoàn viên tham gia, phối hợp với chính quyền, "
                        "trường học, trạm y tế và ghi nhận kết quả để báo cáo lên cấp trên."
                    ),
                    glossary(
                        "Điều phối hoạt động tình nguyện",
                        "Sắp xếp con người, thời gian, kinh phí và đối tác để một hoạt động "
                        "tình nguyện đúng mục tiêu, an toàn và được ghi nhận đầy đủ.",
                    ),
                    glossary(
                        "Cán bộ chuyên trách",
                        "Cán bộ làm công tác Đoàn, Hội là nhiệm vụ chính; chỉ tiêu (d) đếm "
                        "những người phụ trách công tác tình nguyện đã được bồi dưỡng.",
                    ),
                    quote(
                        "Các cấp bộ đoàn tạo điều kiện để cán bộ Đoàn, Hội áp dụng kiến thức, "
                        "kỹ năng đã được đào tạo, tập huấn vào công tác quản lý, điều phối hoạt "
                        "động thanh niên tình nguyện.",
                        "Kế hoạch số 630/KH-UBND của UBND tỉnh Đắk Nông (2023)",
                    ),
                ),
            ],
        },
        {
            "slug": "lap-ke-hoach-va-huy-dong-tinh-nguyen-vien",
            "title": "Lập kế hoạch và huy động tình nguyện viên",
            "summary": "Từ khảo sát nhu cầu đến đội hình tình nguyện an toàn.",
            "lessons": [
                lesson(
                    "khao-sat-nhu-cau-va-lap-ke-hoach",
                    "Khảo sát nhu cầu và lập kế hoạch hoạt động",
                    "Năm bước lập kế hoạch một chiến dịch tình nguyện ở cơ sở.",
                    25,
                    procedure(
                        "Lập kế hoạch chiến dịch tình nguyện",
                        (
                            "Khảo sát địa bàn",
                            "Gặp chính quyền, trưởng thôn, bản; hỏi người dân cần gì nhất.",
                        ),
                        ("Chọn việc và mục tiêu", "Mỗi việc có kết quả đo được và thời hạn."),
                        ("Dự toán kinh phí", "Ghi rõ nguồn ngân sách và nguồn xã hội hoá."),
                        ("Phân công", "Mỗi việc một người phụ trách, có danh sách dự bị."),
                        ("Duyệt và thông báo", "Trình cấp uỷ, gửi kế hoạch cho đơn vị phối hợp."),
                    ),
                    checklist(
                        "Kế hoạch đủ khi có",
                        "Mục tiêu và chỉ số kết quả",
                        "Địa bàn, thời gian, lực lượng tham gia",
                        "Dự toán và nguồn kinh phí",
                        "Phương án an toàn, liên hệ khẩn cấp",
                        "Cách ghi nhận hoạt động lên cổng thông tin",
                    ),
                ),
                lesson(
                    "huy-dong-va-quan-ly-tinh-nguyen-vien",
                    "Huy động và quản lý tình nguyện viên",
                    "Chu trình tuyển chọn, tập huấn, phân công, theo dõi và tri ân.",
                    25,
                    para(
                        "Bài học này dùng chương “Huy động và quản lý tình nguyện viên” của cẩm "
                        "nang, để khoá học và cẩm nang luôn thống nhất một nội dung."
                    ),
                    chapter(
                        "huy-dong-va-quan-ly-tinh-nguyen-vien",
                        "Đọc kỹ quy trình tuyển chọn và tình huống đội hình y tế.",
                    ),
                    callout(
                        "tip",
                        "Vận động thanh niên vùng dân tộc thiểu số",
                        "Mời người có uy tín trong thôn, bản cùng thông báo; dùng tiếng dân "
                        "tộc khi cần và chọn thời gian không trùng mùa vụ.",
                    ),
                ),
                lesson(
                    "an-toan-trong-hoat-dong-tinh-nguyen",
                    "An toàn trong hoạt động tình nguyện",
                    "Nhận diện rủi ro và chuẩn bị trước khi xuống địa bàn.",
                    20,
                    checklist(
                        "Trước khi xuất quân",
                        "Danh sách tình nguyện viên và số liên hệ khẩn cấp",
                        "Bảo hiểm và túi sơ cứu",
                        "Phân công người phụ trách an toàn mỗi tổ",
                        "Cấm tắm sông, suối; điểm danh đầu và cuối buổi",
                    ),
                    case_study(
                        "Mưa lũ bất ngờ trong chiến dịch Mùa hè xanh",
                        "Một đội hình 30 tình nguyện viên làm đường giao thông nông thôn ở xã "
                        "miền núi; dự báo mưa lớn kéo dài ba ngày.",
                        "Ban chỉ huy tạm dừng thi công, đưa tình nguyện viên về nhà văn hoá "
                        "xã, chuyển sang dạy học và sinh hoạt hè cho thiếu nhi.",
                        "Phương án thay thế nên có sẵn trong kế hoạch; an toàn của tình nguyện "
                        "viên đặt trước tiến độ công trình.",
                    ),
                ),
            ],
        },
        {
            "slug": "cong-nghe-so-theo-doi-va-bao-cao",
            "title": "Ứng dụng công nghệ số, theo dõi và báo cáo",
            "summary": "Ghi nhận hoạt động trên cổng thông tin, sơ kết và nhân rộng mô hình.",
            "lessons": [
                lesson(
                    "ghi-nhan-hoat-dong-tren-cong-thong-tin",
                    "Ghi nhận hoạt động trên cổng thông tin tình nguyện",
                    "Chỉ tiêu (a) và (b): đưa hoạt động của cơ sở lên môi trường số.",
                    20,
                    procedure(
                        "Ghi nhận một hoạt động",
                        ("Tạo hoạt động", "Nhập tên, địa bàn, thời gian, đơn vị chủ trì."),
                        ("Cập nhật lực lượng", "Số tình nguyện viên, ngày công, đối tác."),
                        ("Kết quả và hình ảnh", "Công trình, phần việc, số người được hỗ trợ."),
                    ),
                    callout(
                        "warning",
                        "Dữ liệu cá nhân",
                        "Chỉ đăng ảnh có sự đồng ý của người trong ảnh; không công khai số "
                        "CCCD, số điện thoại của tình nguyện viên và người dân.",
                    ),
                ),
                lesson(
                    "so-ket-danh-gia-va-nhan-rong-mo-hinh",
                    "Sơ kết, đánh giá và nhân rộng mô hình",
                    "Đánh giá sau hoạt động và chia sẻ cách làm hay.",
                    20,
                    para(
                        "Sau mỗi chiến dịch, tổ chức buổi rút kinh nghiệm với tình nguyện viên "
                        "và người dân; ghi lại điều làm tốt, điều cần sửa và số liệu kết quả "
                        "để đưa vào báo cáo sơ kết."
                    ),
                    checklist(
                        "Báo cáo sơ kết gồm",
                        "Kết quả so với mục tiêu và chỉ tiêu",
                        "Số hoạt động đã ghi nhận trên cổng thông tin",
                        "Mô hình, cách làm hay đề nghị nhân rộng",
                        "Đề xuất khen thưởng tập thể, cá nhân tiêu biểu",
                    ),
                ),
            ],
        },
    ],
}

# --- (b) The ToT course for provincial trainers --------------------------------------------

COURSE_TOT = {
    "code": "TOT-01",
    "slug": "tap-huan-giang-vien-nguon-ve-dieu-phoi-tinh-nguyen",
    "title": "Tập huấn giảng viên nguồn về điều phối tình nguyện",
    "summary": (
        "Khoá ToT cho cán bộ cấp tỉnh sẽ làm tập huấn viên: mô hình tập huấn giảng viên "
        "nguồn, thiết kế và dẫn một lớp tập huấn cấp cơ sở, đánh giá và hỗ trợ học viên."
    ),
    "audience_level": "province",
    "expected_hours": 12,
    "is_tot": True,
    "competencies": ["tập huấn viên", "thiết kế bài giảng", "đánh giá học viên"],
    "certificate_title": "Giấy chứng nhận tập huấn viên về quản lý, điều phối tình nguyện",
    "modules": [
        {
            "slug": "mo-hinh-tot-va-vai-tro-giang-vien-nguon",
            "title": "Mô hình ToT và vai trò giảng viên nguồn",
            "summary": "Tập huấn theo tầng, từ Trung ương đến cơ sở.",
            "lessons": [
                lesson(
                    "mo-hinh-tap-huan-giang-vien-nguon",
                    "Mô hình tập huấn giảng viên nguồn",
                    "Mỗi tầng học rồi tập huấn lại cho tầng dưới.",
                    20,
                    para(
                        "Chương trình 1481 yêu cầu đào tạo, bồi dưỡng đội ngũ tập huấn viên "
                        "các cấp theo mô hình ToT (Training of Trainers): giảng viên nguồn "
                        "Trung ương tập huấn cho tập huấn viên cấp tỉnh; tập huấn viên cấp "
                        "tỉnh tập huấn cho cán bộ cơ sở."
                    ),
                    table(
                        "Các tầng của mô hình ToT",
                        ["Tầng", "Ai dạy", "Ai học"],
                        ["Trung ương", "Giảng viên nguồn", "Tập huấn viên cấp tỉnh"],
                        ["Tỉnh, thành", "Tập huấn viên cấp tỉnh", "Cán bộ Đoàn, Hội cơ sở"],
                        ["Cơ sở", "Cán bộ cơ sở", "Đội hình tình nguyện viên"],
                    ),
                    quote(
                        "Đào tạo, bồi dưỡng đội ngũ tập huấn viên các cấp về quản lý, điều "
                        "phối hoạt động thanh niên tình nguyện theo mô hình TOT.",
                        DECISION,
                    ),
                ),
                lesson(
                    "nguyen-tac-tap-huan-nguoi-lon",
                    "Nguyên tắc tập huấn cho người lớn",
                    "Người học mang kinh nghiệm đến lớp; tập huấn viên khơi gợi và kết nối.",
                    20,
                    checklist(
                        "Một buổi tập huấn tốt",
                        "Bắt đầu từ việc thật của học viên ở cơ sở",
                        "Nói ít, cho học viên làm nhiều",
                        "Mỗi phần có sản phẩm: kế hoạch, bảng phân công, danh sách rủi ro",
                        "Kết thúc bằng cam kết việc sẽ làm khi về đơn vị",
                    ),
                    callout(
                        "tip",
                        "Lớp có học viên dân tộc thiểu số",
                        "Dùng ví dụ của chính địa bàn, hình ảnh thay cho chữ khi có thể, và "
                        "mời học viên nói tiếng dân tộc giải thích lại cho nhau.",
                    ),
                ),
            ],
        },
        {
            "slug": "thiet-ke-va-dan-lop-tap-huan-co-so",
            "title": "Thiết kế và dẫn lớp tập huấn cấp cơ sở",
            "summary": "Chương trình một ngày, phương pháp có sự tham gia.",
            "lessons": [
                lesson(
                    "thiet-ke-chuong-trinh-mot-lop",
                    "Thiết kế chương trình một lớp tập huấn",
                    "Từ mục tiêu đến lịch một ngày tập huấn.",
                    30,
                    procedure(
                        "Thiết kế lớp",
                        ("Xác định học viên", "Ai, ở đâu, đã biết gì, cần làm được gì."),
                        ("Viết mục tiêu", "Sau lớp, học viên lập được kế hoạch chiến dịch."),
                        ("Chọn nội dung", "Dùng khoá học trực tuyến và cẩm nang làm tài liệu."),
                        ("Lên lịch", "Xen kẽ trình bày, thảo luận nhóm và thực hành."),
                    ),
                    table(
                        "Lịch mẫu một ngày",
                        ["Thời gian", "Nội dung", "Phương pháp"],
                        ["7:30–8:00", "Kiểm tra đầu vào", "Phiếu trắc nghiệm"],
                        ["8:00–10:00", "Lập kế hoạch chiến dịch", "Làm việc nhóm"],
                        ["10:15–11:30", "An toàn tình nguyện", "Tình huống"],
                        [
                            "13:30–16:00",
                            "Ghi nhận trên cổng thông tin",
                            "Thực hành trên điện thoại",
                        ],
                        ["16:00–16:30", "Kiểm tra cuối khoá, cam kết", "Phiếu, chia sẻ"],
                    ),
                ),
                lesson(
                    "phuong-phap-tap-huan-co-su-tham-gia",
                    "Phương pháp tập huấn có sự tham gia",
                    "Thảo luận nhóm, đóng vai, phân tích tình huống.",
                    25,
                    glossary(
                        "Đóng vai",
                        "Học viên nhận vai (trưởng thôn, tình nguyện viên, phụ huynh) và xử lý "
                        "một tình huống; cả lớp nhận xét cách làm.",
                    ),
                    case_study(
                        "Lớp tập huấn ở xã vùng cao",
                        "Tập huấn viên tỉnh dạy 25 Bí thư chi đoàn thôn, bản; nhiều bạn ngại "
                        "phát biểu bằng tiếng phổ thông.",
                        "Chia nhóm theo thôn, mỗi nhóm vẽ bản đồ địa bàn và đánh dấu việc cần "
                        "làm; nhóm trưởng trình bày bằng tranh.",
                        "Sản phẩm trực quan giúp mọi người tham gia; bản đồ trở thành phụ lục "
                        "của kế hoạch chiến dịch.",
                    ),
                ),
            ],
        },
        {
            "slug": "danh-gia-va-ho-tro-sau-tap-huan",
            "title": "Đánh giá và hỗ trợ sau tập huấn",
            "summary": "Kiểm tra đầu vào, cuối khoá và đồng hành với học viên.",
            "lessons": [
                lesson(
                    "kiem-tra-dau-vao-cuoi-khoa",
                    "Kiểm tra đầu vào, cuối khoá và đánh giá lớp",
                    "So sánh điểm trước và sau để biết lớp đạt mục tiêu đến đâu.",
                    20,
                    para(
                        "Cùng một bộ câu hỏi cho kiểm tra đầu vào và cuối khoá giúp đo mức "
                        "tiến bộ của từng học viên. Điểm, điểm danh và phiếu đánh giá lớp được "
                        "ghi lại trên Sức Trẻ để tính chỉ tiêu (d) và cấp giấy chứng nhận."
                    ),
                    callout(
                        "note",
                        "Chuỗi tập huấn được ghi lại",
                        "Ai tập huấn ai, ở lớp nào, cấp nào: mỗi học viên của lớp ToT sau này "
                        "đứng lớp ở tỉnh sẽ hiện trong sơ đồ chuỗi tập huấn.",
                    ),
                ),
                lesson(
                    "theo-doi-ho-tro-hoc-vien",
                    "Theo dõi, hỗ trợ học viên sau tập huấn",
                    "Ba tháng đầu sau lớp quyết định việc áp dụng ở cơ sở.",
                    15,
                    checklist(
                        "Sau lớp tập huấn",
                        "Lập nhóm trao đổi của lớp",
                        "Nhắc học viên hoàn thành khoá học trực tuyến đúng hạn",
                        "Xem kế hoạch chiến dịch đầu tiên của học viên",
                        "Tổng hợp mô hình hay để chia sẻ ở diễn đàn",
                    ),
                ),
            ],
        },
    ],
}

COURSES = (COURSE_TN, COURSE_TOT)

# The quiz of the assessments demo that demo classes use as their pre-test and post-test.
CLASS_TEST_TITLE = "Kiểm tra đầu vào, cuối khoá — kỹ năng điều phối tình nguyện"
