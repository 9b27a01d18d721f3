"""The demo register, built on the demo classes and enrolments of `seed_demo_courses`.

Nationwide templates for the three kinds and Lâm Đồng's own class template (with a drawn
signature and seal); trainer certificates for every ToT class of the demo cascade, those
of the earlier years dated the last day of their class, so the certificates from the first
central course have run out and a Lâm Đồng trainer taught after theirs had; class
certificates for Lâm Đồng's finished class; course certificates for every completed
enrolment of a course that promises one. Then the register's other states: one certificate
revoked, one reissued after a name correction, a trainer certificate entered from paper in
2022 that has since expired and one entered from paper that runs out within weeks. Keyed by
achievement, so a second run issues, revokes and reissues nothing.
"""

import datetime
import io
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.utils import timezone
from PIL import Image, ImageDraw

from courses.demo_tot import TOT_CLASS_CODES
from courses.models import Enrollment, TrainingClass
from organizations.models import OrgUnit, User

from .achievements import trainer_key
from .models import Certificate, CertificateTemplate, Kind, Status, TrainerLevel
from .selectors import class_issue_candidates
from .services import (
    Achievement,
    certificate_issue,
    certificate_issue_for_course,
    certificate_reissue,
    certificate_revoke,
    certificates_expire_due,
    certificates_issue_for_class,
)
from .services.achievements import class_achievement

BODIES = {
    Kind.COURSE: (
        "Chứng nhận đồng chí {ho_ten}, sinh ngày {ngay_sinh}, {don_vi_cong_tac}, đã hoàn thành "
        "khoá học trực tuyến “{noi_dung}” trên nền tảng Sức Trẻ. Kết quả: {ket_qua}."
    ),
    Kind.CLASS: (
        "Chứng nhận đồng chí {ho_ten}, sinh ngày {ngay_sinh}, {don_vi_cong_tac}, đã tham gia và "
        "hoàn thành “{noi_dung}” từ ngày {tu_ngay} đến ngày {den_ngay}. Kết quả: {ket_qua}."
    ),
    Kind.TRAINER: (
        "Chứng nhận đồng chí {ho_ten}, sinh ngày {ngay_sinh}, {don_vi_cong_tac}, đã hoàn thành "
        "chương trình tập huấn giảng viên từ ngày {tu_ngay} đến ngày {den_ngay} và được công "
        "nhận là {noi_dung} về quản lý, điều phối hoạt động tình nguyện."
    ),
}
NATIONWIDE = {
    Kind.COURSE: "Mẫu giấy chứng nhận hoàn thành khoá học trực tuyến",
    Kind.CLASS: "Mẫu giấy chứng nhận hoàn thành lớp tập huấn",
    Kind.TRAINER: "Mẫu giấy chứng nhận giảng viên",
}
LAM_DONG = "T68"
REVOKE_REASON = "Cấp nhầm: cán bộ vắng buổi thực hành, chưa đủ điều kiện hoàn thành."
REISSUE_REASON = "Bản giấy bị hư hỏng do ngập nước, đề nghị cấp lại."


@dataclass
class DemoResult:
    templates: int = 0
    issued: int = 0
    revoked: int = 0
    reissued: int = 0
    expired: int = 0


def _png(draw_fn, size) -> ContentFile:
    image = Image.new("RGBA", size, (255, 255, 255, 0))
    draw_fn(ImageDraw.Draw(image))
    buffer = io.BytesIO()
    image.save(buffer, "PNG", optimize=True)
    return ContentFile(buffer.getvalue())


def _seal(draw: ImageDraw.ImageDraw) -> None:
    red = (200, 30, 30, 220)
    draw.ellipse((6, 6, 294, 294), outline=red, width=10)
    draw.ellipse((40, 40, 260, 260), outline=red, width=4)
    star = [
        (150, 80),
        (168, 132),
        (222, 132),
        (178, 164),
        (194, 218),
        (150, 186),
        (106, 218),
        (122, 164),
        (78, 132),
        (132, 132),
    ]
    draw.polygon(star, fill=red)


def _signature(draw: ImageDraw.ImageDraw) -> None:
    ink = (20, 40, 120, 255)
    points = [
        (10, 70),
        (40, 20),
        (55, 75),
        (80, 25),
        (95, 70),
        (130, 35),
        (150, 60),
        (210, 30),
        (280, 55),
    ]
    draw.line(points, fill=ink, width=5, joint="curve")


def _template(kind, name, owner=None, **fields) -> tuple[CertificateTemplate, bool]:
    template = CertificateTemplate.objects.filter(kind=kind, owner_unit=owner, name=name).first()
    if template is not None:
        return template, False
    template = CertificateTemplate(
        kind=kind, owner_unit=owner, name=name, body=BODIES[kind], **fields
    )
    if owner is not None:
        template.signature_image.save("chu-ky-demo.png", _png(_signature, (300, 100)), save=False)
        template.seal_image.save("con-dau-demo.png", _png(_seal, (300, 300)), save=False)
    template.save()
    return template, True


def _templates(lam_dong: OrgUnit, result: DemoResult) -> None:
    for kind, name in NATIONWIDE.items():
        _t, created = _template(
            kind,
            name,
            signer_title="TM. BAN BÍ THƯ TRUNG ƯƠNG ĐOÀN\nBÍ THƯ",
            signer_name="Trần Minh Khôi",
            serial_symbol="GCN-TWĐ",
            validity_years=3 if kind == Kind.TRAINER else None,
        )
        result.templates += created
    _t, created = _template(
        Kind.CLASS,
        "Mẫu giấy chứng nhận lớp tập huấn của Tỉnh Đoàn Lâm Đồng",
        owner=lam_dong,
        signer_title="TM. BAN THƯỜNG VỤ TỈNH ĐOÀN\nPHÓ BÍ THƯ",
        signer_name="K' Thị Hương Ly",
    )
    result.templates += created


def certificate_demo_create() -> DemoResult:
    """Build the demo register; needs the demo classes (returns an empty result without)."""
    result = DemoResult()
    lam_dong = OrgUnit.objects.filter(code=LAM_DONG).first()
    tot_class = TrainingClass.objects.filter(code="TOT-TW-01").first()
    ld_class = TrainingClass.objects.filter(code="TN101-T68-01").first()
    if lam_dong is None or tot_class is None or ld_class is None:
        return result
    _templates(lam_dong, result)
    admin = User.objects.filter(is_superuser=True).order_by("pk").first()
    organizer = User.objects.filter(email="tochuc.lamdong@suctre.vn").first() or admin
    before = Certificate.objects.count()
    _cascade_trainers(admin)
    certificates_issue_for_class(actor=admin, training_class=tot_class, kind=Kind.TRAINER)
    certificates_issue_for_class(actor=organizer, training_class=ld_class, kind=Kind.CLASS)
    for enrollment in Enrollment.objects.filter(completed_at__isnull=False).select_related(
        "course", "cadre__unit"
    ):
        certificate_issue_for_course(enrollment=enrollment)
    _paper_trainers(tot_class, admin)
    result.issued = Certificate.objects.count() - before
    _revoke_and_reissue(ld_class, organizer, result)
    result.expired = certificates_expire_due()
    return result


def _cascade_trainers(admin) -> None:
    """Trainer certificates of the earlier ToT classes, each dated its class's last day
    (when an organizer would have issued them), in date order."""
    classes = (
        TrainingClass.objects.filter(code__in=TOT_CLASS_CODES)
        .select_related("course", "host_unit")
        .order_by("end_date", "code")
    )
    for training_class in classes:
        for candidate in class_issue_candidates(training_class=training_class, kind=Kind.TRAINER):
            if not candidate.will_receive:
                continue
            certificate_issue(
                cadre=candidate.participant.cadre,
                unit=training_class.host_unit,
                achievement=class_achievement(training_class, candidate.participant, Kind.TRAINER),
                actor=admin,
                issued_on=training_class.end_date,
            )


def _years_before(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def _paper_trainers(tot_class: TrainingClass, admin) -> None:
    """The Hà Nội trainers of this year's ToT class, certified as central trainers on paper
    for three years: the first in 2022 (expired), the second in time for the certificate
    to run out forty days after the first run."""
    trainers = list(tot_class.trainers.select_related("cadre__unit").order_by("cadre__code"))
    ends = [
        datetime.date(2022, 6, 15),
        _years_before(timezone.localdate() + datetime.timedelta(days=40), 3),
    ]
    for trainer, end in zip(trainers, ends, strict=False):
        central = OrgUnit.objects.get(path=trainer.cadre.unit.path[: OrgUnit.steplen])
        certificate_issue(
            cadre=trainer.cadre,
            unit=central,
            achievement=Achievement(
                key=trainer_key(TrainerLevel.CENTRAL),
                kind=Kind.TRAINER,
                title=TrainerLevel.CENTRAL.label,
                start=end - datetime.timedelta(days=2),
                end=end,
                trainer_level=TrainerLevel.CENTRAL,
            ),
            actor=admin,
            issued_on=end,
        )


def _revoke_and_reissue(ld_class: TrainingClass, organizer, result: DemoResult) -> None:
    certificates = list(
        Certificate.objects.filter(training_class=ld_class, kind=Kind.CLASS).order_by(
            "serial_number"
        )
    )
    if len(certificates) < 2:
        return
    first, second = certificates[0], certificates[1]
    if first.status == Status.VALID:
        certificate_revoke(actor=organizer, certificate=first, reason=REVOKE_REASON)
        result.revoked += 1
    if second.is_current and second.replaces_id is None:
        certificate_reissue(actor=organizer, certificate=second, reason=REISSUE_REASON)
        result.reissued += 1
