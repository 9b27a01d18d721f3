"""All test factories, in one place."""

import factory
from django.contrib.auth import get_user_model

from organizations.models import (
    Cadre,
    Gender,
    Level,
    Organisation,
    OrgUnit,
    Post,
    PostKind,
    Role,
    RoleAssignment,
)


def unit_root(code: str = "TW", name: str = "Trung ương Đoàn TNCS Hồ Chí Minh") -> OrgUnit:
    existing = OrgUnit.objects.filter(code=code).first()
    return existing or OrgUnit.add_root(
        code=code, name=name, level=Level.CENTRAL, organisation=Organisation.DOAN
    )


def unit_child(parent: OrgUnit, code: str, name: str | None = None, **fields) -> OrgUnit:
    level = fields.pop("level", Level.PROVINCE if parent.depth == 1 else Level.GRASSROOTS)
    parent.refresh_from_db()
    return parent.add_child(
        code=code,
        name=name or f"Đơn vị {code}",
        level=level,
        organisation=fields.pop("organisation", Organisation.DOAN),
        **fields,
    )


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.vn")
    full_name = factory.Faker("name", locale="vi_VN")
    password = factory.PostGenerationMethodCall("set_password", "mat-khau-thu-nghiem-2025")

    @factory.post_generation
    def verified(obj, create, extracted, **kwargs):
        if create:
            from allauth.account.models import EmailAddress

            obj.save()
            EmailAddress.objects.get_or_create(
                user=obj, email=obj.email, defaults={"verified": True, "primary": True}
            )


class CadreFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Cadre
        skip_postgeneration_save = True

    code = factory.Sequence(lambda n: f"CBT{n:06d}")
    full_name = factory.Faker("name", locale="vi_VN")
    gender = Gender.FEMALE
    unit = None

    @factory.post_generation
    def post(obj, create, extracted, **kwargs):
        if create:
            Post.objects.create(
                cadre=obj,
                unit=obj.unit,
                organisation=obj.unit.organisation,
                title=kwargs.get("title", "Bí thư"),
                kind=kwargs.get("kind", PostKind.DEDICATED),
                in_charge_of_volunteer_work=kwargs.get("volunteer", True),
                is_primary=True,
            )


def grant(user, role: str, unit: OrgUnit) -> RoleAssignment:
    return RoleAssignment.objects.create(user=user, role=role, unit=unit)


__all__ = ["CadreFactory", "Role", "UserFactory", "grant", "unit_child", "unit_root"]


# --- Handbooks --------------------------------------------------------------------------


def handbook_index():
    from handbooks.models import HandbookIndexPage

    return HandbookIndexPage.objects.get()


def body(*blocks) -> list[dict]:
    """A StreamField value from (type, value) pairs."""
    return [{"type": kind, "value": value} for kind, value in blocks]


def publish(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def make_handbook(title="Cẩm nang điều phối tình nguyện", chapters=2, sections=0, **fields):
    """A published handbook with `chapters` chapters of a heading and a paragraph each."""
    from handbooks.models import ChapterPage, HandbookPage, SectionPage

    handbook = publish(
        handbook_index(),
        HandbookPage(title=title, summary=fields.pop("summary", "Tóm tắt cẩm nang."), **fields),
    )
    for c in range(1, chapters + 1):
        chapter = publish(
            handbook,
            ChapterPage(
                title=f"Chương {c}: Điều phối hoạt động tình nguyện",
                body=body(
                    ("heading", {"text": f"Mục tiêu chương {c}", "level": "h2"}),
                    ("paragraph", f"<p>Nội dung chương {c} về huy động thanh niên.</p>"),
                ),
            ),
        )
        for s in range(1, sections + 1):
            publish(
                chapter,
                SectionPage(
                    title=f"Mục {c}.{s}",
                    body=body(("paragraph", f"<p>Phần {c}.{s} của chương.</p>")),
                ),
            )
    handbook.refresh_from_db()
    return handbook


# --- Courses ----------------------------------------------------------------------------


def course_index():
    from courses.models import CourseIndexPage

    return CourseIndexPage.objects.get()


_course_codes = iter(range(1, 10_000))


def make_course(title="Kỹ năng điều phối tình nguyện", modules=2, lessons=2, **fields):
    """A published course with `modules` modules of `lessons` required lessons each."""
    from courses.models import CoursePage, LessonPage, ModulePage

    fields.setdefault("code", f"KH{next(_course_codes):04d}")
    course = publish(
        course_index(),
        CoursePage(title=title, summary=fields.pop("summary", "Tóm tắt khoá học."), **fields),
    )
    for m in range(1, modules + 1):
        module = publish(course, ModulePage(title=f"Học phần {m}"))
        for n in range(1, lessons + 1):
            publish(
                module,
                LessonPage(
                    title=f"Bài {m}.{n}",
                    body=body(("paragraph", f"<p>Nội dung bài {m}.{n}.</p>")),
                ),
            )
    course.refresh_from_db()
    return course


# --- Assessments -------------------------------------------------------------------------


def make_competency(code="KH", name="Lập kế hoạch chiến dịch tình nguyện", required=None):
    """A competency with required levels, e.g. required={"grassroots": 2, "province": 3}."""
    from assessments.models import Competency, RequiredLevel

    competency = Competency.objects.create(code=code, name=name)
    for org_level, level in (required or {}).items():
        RequiredLevel.objects.create(competency=competency, org_level=org_level, level=level)
    return competency


def make_question(bank, kind="single", text=None, choices=None, competency=None, **fields):
    """A question with choices given as [(text, is_correct), ...]; for "ordering" the list
    is in the correct order and the flags are ignored."""
    from assessments.models import Choice, Question

    if choices is None:
        choices = {
            "single": [("Đúng phương án A", True), ("Phương án B", False), ("Phương án C", False)],
            "multiple": [("A", True), ("B", True), ("C", False), ("D", False)],
            "true_false": [("Đúng", True), ("Sai", False)],
            "ordering": [("Khảo sát", False), ("Lập kế hoạch", False), ("Triển khai", False)],
            "short": [],
        }[kind]
    question = Question.objects.create(
        bank=bank,
        kind=kind,
        text=text or f"Câu hỏi {kind} về công tác tình nguyện",
        competency=competency,
        **fields,
    )
    for order, (choice_text, correct) in enumerate(choices):
        Choice.objects.create(
            question=question, text=choice_text, is_correct=correct, sort_order=order
        )
    return question


def make_quiz(bank=None, count=None, competency=None, **fields):
    """A quiz with one rule drawing `count` questions (all of the bank's by default)."""
    from assessments.models import QuestionBank, Quiz, QuizRule

    bank = bank or QuestionBank.objects.create(title="Ngân hàng câu hỏi điều phối")
    quiz = Quiz.objects.create(title=fields.pop("title", "Kiểm tra cuối khoá"), **fields)
    QuizRule.objects.create(
        quiz=quiz, bank=bank, competency=competency, count=count or max(bank.questions.count(), 1)
    )
    return quiz


# --- Evaluations -------------------------------------------------------------------------


def make_round(
    title="Đánh giá thực trạng năng lực 2026",
    levels=("province", "grassroots"),
    criteria=None,
    opens_in=-7,
    closes_in=30,
    **fields,
):
    """An evaluation round open from `opens_in` to `closes_in` days from today, with
    criteria given as [(code, title, max_score), ...] (three by default)."""
    import datetime

    from django.utils import timezone

    from assessments.models import EvaluationCriterion, EvaluationRound

    today = timezone.localdate()
    round_ = EvaluationRound.objects.create(
        title=title,
        period=fields.pop("period", str(today.year)),
        levels=list(levels),
        opens_on=fields.pop("opens_on", today + datetime.timedelta(days=opens_in)),
        closes_on=fields.pop("closes_on", today + datetime.timedelta(days=closes_in)),
        **fields,
    )
    if criteria is None:
        criteria = [
            ("TC1", "Kế hoạch hoạt động tình nguyện hằng năm", 10),
            ("TC2", "Đội hình tình nguyện thường xuyên", 20),
            ("TC3", "Huy động nguồn lực xã hội", 10),
        ]
    for order, (code, criterion_title, max_score) in enumerate(criteria):
        EvaluationCriterion.objects.create(
            round=round_,
            code=code,
            title=criterion_title,
            max_score=max_score,
            guidance=f"Chấm theo minh chứng của tiêu chí {code}.",
            sort_order=order,
        )
    return round_


def make_class(actor, unit, course, **fields):
    """A training class opened through the service, running from yesterday to tomorrow
    unless dates are given."""
    import datetime

    from django.utils import timezone

    from courses.services.classes import class_create

    today = timezone.localdate()
    return class_create(
        actor=actor,
        course=course,
        host_unit=unit,
        title=fields.pop("title", f"Lớp tập huấn {unit.code}"),
        mode=fields.pop("mode", "in_person"),
        level=fields.pop("level", "province"),
        start_date=fields.pop("start_date", today - datetime.timedelta(days=1)),
        end_date=fields.pop("end_date", today + datetime.timedelta(days=1)),
        **fields,
    )


TEMPLATE_BODIES = {
    "course": "Chứng nhận đồng chí {ho_ten}, sinh ngày {ngay_sinh}, đã hoàn thành khoá học "
    "“{noi_dung}”. Kết quả: {ket_qua}.",
    "class": "Chứng nhận đồng chí {ho_ten}, đơn vị {don_vi_cong_tac}, đã hoàn thành lớp "
    "“{noi_dung}” từ ngày {tu_ngay} đến ngày {den_ngay}. Kết quả: {ket_qua}.",
    "trainer": "Chứng nhận đồng chí {ho_ten} được công nhận là {noi_dung}, có giá trị đến "
    "ngày {het_han}.",
}


def make_certificate_template(kind="class", owner_unit=None, **fields):
    """A certificate template of `kind` (nationwide unless `owner_unit` is given)."""
    from certificates.models import CertificateTemplate

    return CertificateTemplate.objects.create(
        kind=kind,
        owner_unit=owner_unit,
        name=fields.pop("name", f"Mẫu {kind}"),
        body=fields.pop("body", TEMPLATE_BODIES[kind]),
        signer_title=fields.pop("signer_title", "TM. BAN THƯỜNG VỤ\nBÍ THƯ"),
        signer_name=fields.pop("signer_name", "Trần Quốc Hưng"),
        **fields,
    )


def certificate_templates():
    """One nationwide template of every kind."""
    return {kind: make_certificate_template(kind) for kind in TEMPLATE_BODIES}


# --- Indicators --------------------------------------------------------------------------


def make_post(cadre, unit, **fields):
    """Another post of `cadre` (a dedicated post in charge of volunteer work unless told)."""
    return Post.objects.create(
        cadre=cadre,
        unit=unit,
        organisation=fields.pop("organisation", unit.organisation),
        title=fields.pop("title", "Phó Bí thư"),
        kind=fields.pop("kind", PostKind.DEDICATED),
        in_charge_of_volunteer_work=fields.pop("volunteer", True),
        is_primary=fields.pop("is_primary", False),
        **fields,
    )


_certificate_numbers = iter(range(1, 1_000_000))


def make_certificate(cadre, kind="class", issued_on=None, **fields):
    """A register row written directly (no template rendering): enough for counting.
    Trainer certificates get a three-year validity unless `valid_until` is given."""
    import datetime

    from django.utils import timezone

    from certificates.models import Certificate, TemplateVersion

    issued_on = issued_on or timezone.localdate()
    template = make_certificate_template(kind)
    version = TemplateVersion.objects.create(
        template=template,
        number=1,
        fingerprint=f"test-{template.pk}",
        snapshot={},
        master_pdf="certificates/masters/test.pdf",
    )
    number = next(_certificate_numbers)
    if kind == "trainer":
        fields.setdefault("valid_until", issued_on + datetime.timedelta(days=3 * 365))
    if fields.get("status") == "revoked":
        fields.setdefault("revoked_at", timezone.now())
    return Certificate.objects.create(
        code=f"TEST{number:012d}",
        kind=kind,
        cadre=cadre,
        achievement=fields.pop("achievement", f"{kind}:{number}"),
        issuing_unit=fields.pop("issuing_unit", cadre.unit),
        serial_year=issued_on.year,
        serial_number=number,
        serial=f"{number}/TEST",
        template_version=version,
        data={},
        issued_on=issued_on,
        **fields,
    )


def _this_year() -> int:
    from django.utils import timezone

    return timezone.localdate().year


class DeclarationFactory(factory.django.DjangoModelFactory):
    """A unit's declaration written directly (the service is tested on its own)."""

    class Meta:
        model = "indicators.Declaration"

    unit = None
    year = factory.LazyFunction(_this_year)
    activities_held = 10
    activities_on_portal = 6
    campaigns = 4
    campaigns_with_models = 3
    applies_it = False
    request_key = factory.Sequence(lambda n: f"kk-{n:08d}")


class TargetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "indicators.Target"

    unit = None
    indicator = "d"
    year = 2025
    percent = 90


# --- Imports -----------------------------------------------------------------------------


CADRE_HEADERS = [
    "Mã cán bộ",
    "Số CCCD",
    "Họ và tên*",
    "Giới tính*",
    "Dân tộc",
    "Ngày sinh (dd/mm/yyyy)",
    "Email",
    "Điện thoại",
    "Mã đơn vị*",
    "Tổ chức*",
    "Chức vụ*",
    "Chế độ*",
    "Phụ trách công tác tình nguyện",
    "Từ ngày (dd/mm/yyyy)",
]
UNIT_HEADERS = [
    "Mã đơn vị*",
    "Tên đơn vị*",
    "Mã đơn vị cấp trên*",
    "Tổ chức*",
    "Cấp*",
    "Mã hành chính",
    "Vùng DTTS",
    "Miền núi",
    "Biên giới",
    "Hải đảo",
]


def cadre_row(**values) -> list:
    """A cadre row in CADRE_HEADERS order; keyword names are the import's column keys."""
    row = {
        "code": "",
        "national_id": "",
        "full_name": "Lê Văn Minh",
        "gender": "Nam",
        "ethnicity": "Kinh",
        "date_of_birth": "15/03/1995",
        "email": "",
        "phone": "",
        "unit": "X24000",
        "organisation": "Đoàn TNCS Hồ Chí Minh",
        "title": "Bí thư Đoàn xã",
        "kind": "Chuyên trách",
        "volunteer": "Có",
        "start_date": "",
    } | values
    return list(row.values())


def xlsx_upload(headers, rows, name="danh-sach.xlsx", *, text_columns=()):
    """An uploaded .xlsx with `headers` and `rows` on its first sheet."""
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue())


def csv_upload(headers, rows, name="danh-sach.csv", *, delimiter=",", bom=False):
    import csv
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile

    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter)
    writer.writerow(headers)
    writer.writerows(rows)
    content = buffer.getvalue().encode()
    return SimpleUploadedFile(name, (b"\xef\xbb\xbf" if bom else b"") + content)


def import_run(actor, kind, unit, upload, *, target_id=None, confirm=True):
    """Upload, check and (when the check passes and `confirm`) write one import, running
    the after-commit tasks as a real request would."""
    from django.test import TestCase

    from organizations import imports

    with TestCase.captureOnCommitCallbacks(execute=True):
        job = imports.import_job_create(
            actor=actor, kind=kind, scope_unit=unit, upload=upload, target_id=target_id
        )
    job.refresh_from_db()
    if confirm and job.status == "ready":
        with TestCase.captureOnCommitCallbacks(execute=True):
            imports.import_job_confirm(actor=actor, job=job)
        job.refresh_from_db()
    return job


# --- Unit history (restructuring written directly, as the restructuring services do) -------


def _unit_version(unit, change, on):
    from organizations.models import UnitVersion

    unit.refresh_from_db()
    parent = unit.get_parent()
    return UnitVersion.objects.create(
        unit=unit,
        change=change,
        valid_until=on,
        parent=parent,
        name=unit.name,
        level=unit.level,
    )


def _unit_change(kind, scope, units, on):
    from organizations.models import UnitChange

    change = UnitChange.objects.create(
        kind=kind,
        effective_on=on,
        scope=scope,
        request_key=f"{kind}-{on:%Y%m%d}-{'-'.join(u.code for u in units)}",
    )
    change.units.add(*units)
    return change


def history_merge(sources, code, name, *, on, parent=None):
    """Merge `sources` into a new unit dated `on`: the new unit is established under the
    first source's parent, each source keeps its former standing as a version and becomes
    an inactive child of the new unit, and its open posts end the day before and reopen
    there."""
    import datetime

    parent = parent or sources[0].get_parent()
    merged = unit_child(parent, code, name, level=sources[0].level, established_on=on)
    change = _unit_change("merge", parent, [*sources, merged], on)
    for source in sources:
        _unit_version(source, change, on)
        source.refresh_from_db()
        merged.refresh_from_db()
        source.move(merged, "last-child")
        OrgUnit.objects.filter(pk=source.pk).update(
            is_active=False, dissolved_on=on, successor=merged
        )
        for post in Post.objects.filter(unit=source, end_date__isnull=True):
            post.end_date = on - datetime.timedelta(days=1)
            post.save()
            Post.objects.create(
                cadre=post.cadre,
                unit=merged,
                organisation=post.organisation,
                title=post.title,
                kind=post.kind,
                in_charge_of_volunteer_work=post.in_charge_of_volunteer_work,
                is_primary=post.is_primary,
                start_date=on,
            )
    for unit in (*sources, merged):
        unit.refresh_from_db()
    return merged


def history_move(unit, new_parent, *, on):
    """Move `unit` (with its subtree) under `new_parent` from `on`, keeping where it was."""
    change = _unit_change("move", unit.get_root(), [unit, new_parent], on)
    _unit_version(unit, change, on)
    unit.refresh_from_db()
    new_parent.refresh_from_db()
    unit.move(new_parent, "last-child")
    unit.refresh_from_db()
    return unit


def history_rename(unit, name, *, on):
    """Rename `unit` from `on`, keeping its former name."""
    change = _unit_change("rename", unit, [unit], on)
    _unit_version(unit, change, on)
    OrgUnit.objects.filter(pk=unit.pk).update(name=name)
    unit.refresh_from_db()
    return unit
