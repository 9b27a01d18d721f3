"""Unit capacity evaluation (đánh giá thực trạng năng lực): periodic rounds in which a unit
fills a scorecard and its parent unit approves it or returns it with comments."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.models import Orderable

from .competencies import Competency


class EvaluationRound(ClusterableModel):
    """One period's evaluation (e.g. the 2026 round) for the units at the listed levels,
    with its criteria. Programme staff open rounds; units fill them in the window."""

    title = models.CharField(_("tên đợt đánh giá"), max_length=200)
    period = models.CharField(_("kỳ"), max_length=20, help_text=_("Ví dụ: 2026."))
    levels = models.JSONField(
        _("các cấp tham gia"),
        default=list,
        help_text=_("Các cấp đơn vị phải tự đánh giá trong đợt này."),
    )
    opens_on = models.DateField(_("mở từ ngày"))
    closes_on = models.DateField(_("hạn nộp"))
    instructions = models.TextField(_("hướng dẫn"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("đợt đánh giá thực trạng năng lực")
        verbose_name_plural = _("đợt đánh giá thực trạng năng lực")
        ordering = ["-opens_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_on__gte=models.F("opens_on")), name="round_closes_after_open"
            )
        ]

    def __str__(self) -> str:
        return self.title


class EvaluationCriterion(Orderable):
    """One line of the scorecard, scored from 0 to `max_score`."""

    round = ParentalKey(EvaluationRound, on_delete=models.CASCADE, related_name="criteria")
    code = models.CharField(_("mã"), max_length=20)
    title = models.CharField(_("tiêu chí"), max_length=300)
    guidance = models.TextField(_("hướng dẫn chấm"), blank=True)
    max_score = models.PositiveSmallIntegerField(_("điểm tối đa"), default=10)
    competency = models.ForeignKey(
        Competency,
        verbose_name=_("năng lực liên quan"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta(Orderable.Meta):
        verbose_name = _("tiêu chí")
        verbose_name_plural = _("tiêu chí")
        constraints = [
            models.UniqueConstraint(fields=["round", "code"], name="criterion_code_in_round"),
            models.CheckConstraint(condition=Q(max_score__gte=1), name="criterion_max_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.code}. {self.title}"


class UnitEvaluation(models.Model):
    """A unit's scorecard in a round. Draft → submitted → approved, or returned to the unit
    with the reviewer's comments and submitted again. Only approved results roll up."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Đang soạn")
        SUBMITTED = "submitted", _("Đã nộp, chờ duyệt")
        RETURNED = "returned", _("Bị trả lại")
        APPROVED = "approved", _("Đã duyệt")

    round = models.ForeignKey(EvaluationRound, on_delete=models.PROTECT, related_name="evaluations")
    unit = models.ForeignKey(
        "organizations.OrgUnit", on_delete=models.PROTECT, related_name="capacity_evaluations"
    )
    status = models.CharField(
        _("trạng thái"), max_length=16, choices=Status.choices, default=Status.DRAFT
    )
    total = models.DecimalField(max_digits=8, decimal_places=2, default=0)
    max_total = models.DecimalField(max_digits=8, decimal_places=2, default=0)
    percent = models.DecimalField(max_digits=5, decimal_places=2, null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    review_comment = models.TextField(_("ý kiến của đơn vị cấp trên"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("phiếu đánh giá thực trạng năng lực")
        verbose_name_plural = _("phiếu đánh giá thực trạng năng lực")
        constraints = [
            models.UniqueConstraint(fields=["round", "unit"], name="evaluation_once_per_round"),
        ]
        indexes = [models.Index(fields=["round", "status"])]

    def __str__(self) -> str:
        return f"{self.round} — {self.unit}"


class CriterionScore(models.Model):
    evaluation = models.ForeignKey(UnitEvaluation, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(
        EvaluationCriterion, on_delete=models.CASCADE, related_name="scores"
    )
    score = models.DecimalField(_("điểm"), max_digits=6, decimal_places=2)
    note = models.TextField(_("ghi chú, minh chứng"), blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["evaluation", "criterion"], name="criterion_score_once"
            ),
            models.CheckConstraint(condition=Q(score__gte=0), name="criterion_score_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.evaluation} — {self.criterion}: {self.score}"


class EvaluationEvidence(models.Model):
    """A file the unit attaches as evidence, optionally for one criterion."""

    evaluation = models.ForeignKey(
        UnitEvaluation, on_delete=models.CASCADE, related_name="evidence"
    )
    criterion = models.ForeignKey(
        EvaluationCriterion, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    file = models.FileField(_("tệp minh chứng"), upload_to="evaluations/%Y/")
    name = models.CharField(_("tên tệp"), max_length=255)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.name


class EvaluationEvent(models.Model):
    """The audit trail of a scorecard: who saved, submitted, returned or approved, when."""

    class Action(models.TextChoices):
        SAVED = "saved", _("Lưu")
        SUBMITTED = "submitted", _("Nộp")
        RETURNED = "returned", _("Trả lại")
        APPROVED = "approved", _("Duyệt")
        EVIDENCE_ADDED = "evidence_added", _("Thêm minh chứng")
        EVIDENCE_REMOVED = "evidence_removed", _("Xoá minh chứng")

    evaluation = models.ForeignKey(UnitEvaluation, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(max_length=20, choices=Action.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    comment = models.TextField(blank=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.evaluation} — {self.action}"
