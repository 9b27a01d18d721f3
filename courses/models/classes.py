"""Training classes (lớp tập huấn): one delivery of a course to a group, with attendance.

The trainer cascade is computed from these records: who trained (ClassTrainer) whom
(ClassParticipant) in which class, at which level, with which test scores.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from organizations.models import Level


class TrainingClass(models.Model):
    class Mode(models.TextChoices):
        ONLINE = "online", _("Trực tuyến")
        IN_PERSON = "in_person", _("Trực tiếp")
        BLENDED = "blended", _("Kết hợp")

    course = models.ForeignKey(
        "courses.CoursePage", on_delete=models.PROTECT, related_name="classes"
    )
    code = models.CharField(_("mã lớp"), max_length=40, unique=True)
    title = models.CharField(_("tên lớp"), max_length=200)
    mode = models.CharField(_("hình thức"), max_length=16, choices=Mode.choices)
    level = models.CharField(_("cấp tổ chức"), max_length=16, choices=Level.choices)
    host_unit = models.ForeignKey(
        "organizations.OrgUnit",
        verbose_name=_("đơn vị tổ chức"),
        on_delete=models.PROTECT,
        related_name="training_classes",
    )
    start_date = models.DateField(_("ngày bắt đầu"))
    end_date = models.DateField(_("ngày kết thúc"))
    venue = models.CharField(_("địa điểm"), max_length=255, blank=True)
    pre_test_quiz = models.ForeignKey(
        "assessments.Quiz",
        verbose_name=_("bài kiểm tra đầu vào"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    post_test_quiz = models.ForeignKey(
        "assessments.Quiz",
        verbose_name=_("bài kiểm tra cuối khoá"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("lớp tập huấn")
        verbose_name_plural = _("lớp tập huấn")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=models.F("start_date")), name="class_end_after_start"
            )
        ]

    def __str__(self) -> str:
        return self.title


class ClassTrainer(models.Model):
    training_class = models.ForeignKey(
        TrainingClass, on_delete=models.CASCADE, related_name="trainers"
    )
    cadre = models.ForeignKey(
        "organizations.Cadre", on_delete=models.PROTECT, related_name="classes_taught"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["training_class", "cadre"], name="class_trainer_once")
        ]

    def __str__(self) -> str:
        return f"{self.cadre} — {self.training_class}"


class ClassParticipant(models.Model):
    """A cadre on a class's list. The scores are percentages: recorded from the class's
    pre-test (first graded attempt) and post-test (best graded attempt), or entered by the
    organizer for a test taken on paper."""

    training_class = models.ForeignKey(
        TrainingClass, on_delete=models.CASCADE, related_name="participants"
    )
    cadre = models.ForeignKey(
        "organizations.Cadre", on_delete=models.PROTECT, related_name="classes_attended"
    )
    pre_test_score = models.DecimalField(
        _("điểm kiểm tra đầu vào"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    post_test_score = models.DecimalField(
        _("điểm kiểm tra cuối khoá"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    completed_at = models.DateTimeField(_("hoàn thành lớp lúc"), null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["training_class", "cadre"], name="class_participant_once"
            ),
            models.CheckConstraint(
                condition=(Q(pre_test_score__isnull=True) | Q(pre_test_score__gte=0))
                & (Q(post_test_score__isnull=True) | Q(post_test_score__gte=0)),
                name="class_scores_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.cadre} — {self.training_class}"


class ClassSession(models.Model):
    training_class = models.ForeignKey(
        TrainingClass, on_delete=models.CASCADE, related_name="sessions"
    )
    title = models.CharField(_("nội dung buổi học"), max_length=200)
    starts_at = models.DateTimeField(_("bắt đầu"))
    ends_at = models.DateTimeField(_("kết thúc"))
    checkin_token = models.CharField(max_length=64, unique=True)
    checkin_open = models.BooleanField(_("đang mở điểm danh"), default=False)

    class Meta:
        ordering = ["starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="session_ends_after_start"
            )
        ]

    def __str__(self) -> str:
        return self.title


class Attendance(models.Model):
    class Method(models.TextChoices):
        ORGANIZER = "organizer", _("Cán bộ tổ chức điểm danh")
        QR = "qr", _("Quét mã QR")

    session = models.ForeignKey(ClassSession, on_delete=models.CASCADE, related_name="attendance")
    participant = models.ForeignKey(
        ClassParticipant, on_delete=models.CASCADE, related_name="attendance"
    )
    method = models.CharField(max_length=16, choices=Method.choices)
    marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    marked_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["session", "participant"], name="attendance_once")
        ]

    def __str__(self) -> str:
        return f"{self.participant} — {self.session}"
