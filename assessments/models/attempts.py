"""A cadre's attempts at a quiz and the questions each attempt drew."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .banks import Question, Quiz


class Attempt(models.Model):
    """One sitting of a quiz by a cadre in a context.

    `context` is an opaque key given by the app that placed the quiz ("lesson:<key>",
    "class:<id>:pre", "course:<id>:final"; empty for an open quiz): attempt limits count per
    quiz, cadre and context. At most one attempt is open per quiz, cadre and context — a
    closed tab resumes it — and `submitted_at` is set by one conditional UPDATE, so a
    double submission is graded once.
    """

    class Status(models.TextChoices):
        IN_PROGRESS = "in_progress", _("Đang làm")
        AWAITING_GRADING = "awaiting_grading", _("Chờ chấm câu trả lời ngắn")
        GRADED = "graded", _("Đã chấm")

    quiz = models.ForeignKey(Quiz, on_delete=models.PROTECT, related_name="attempts")
    cadre = models.ForeignKey(
        "organizations.Cadre", on_delete=models.CASCADE, related_name="quiz_attempts"
    )
    context = models.CharField(max_length=64, blank=True, default="")
    number = models.PositiveSmallIntegerField(_("lần làm"))
    status = models.CharField(
        _("trạng thái"), max_length=20, choices=Status.choices, default=Status.IN_PROGRESS
    )
    started_at = models.DateTimeField(_("bắt đầu"), auto_now_add=True)
    deadline = models.DateTimeField(_("hạn nộp"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("nộp lúc"), null=True, blank=True)
    graded_at = models.DateTimeField(_("chấm xong lúc"), null=True, blank=True)
    score = models.DecimalField(_("điểm"), max_digits=7, decimal_places=2, null=True, blank=True)
    max_score = models.DecimalField(max_digits=7, decimal_places=2, default=0)
    percent = models.DecimalField(
        _("tỉ lệ đúng (%)"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    passed = models.BooleanField(_("đạt"), null=True, blank=True)

    class Meta:
        verbose_name = _("lượt làm bài")
        verbose_name_plural = _("lượt làm bài")
        ordering = ["-started_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["quiz", "cadre", "context", "number"], name="attempt_number_unique"
            ),
            models.UniqueConstraint(
                fields=["quiz", "cadre", "context"],
                condition=Q(status="in_progress"),
                name="attempt_one_open",
            ),
            models.CheckConstraint(
                condition=Q(status="in_progress") | Q(submitted_at__isnull=False),
                name="attempt_closed_is_submitted",
            ),
        ]
        indexes = [models.Index(fields=["status", "deadline"])]

    def __str__(self) -> str:
        return f"{self.cadre} — {self.quiz} #{self.number}"


class AttemptItem(models.Model):
    """One drawn question in an attempt: the order its options were shown in, the
    learner's response and the points awarded. `choice_order` holds choice ids only; what
    is correct is read on the server at grading time."""

    attempt = models.ForeignKey(Attempt, on_delete=models.CASCADE, related_name="items")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="attempt_items")
    position = models.PositiveSmallIntegerField()
    choice_order = models.JSONField(default=list)
    response = models.JSONField(null=True, blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    max_points = models.DecimalField(max_digits=6, decimal_places=2)
    points = models.DecimalField(max_digits=6, decimal_places=2, null=True, blank=True)
    is_correct = models.BooleanField(null=True, blank=True)
    needs_grading = models.BooleanField(default=False)
    graded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    grader_comment = models.TextField(_("nhận xét của giảng viên"), blank=True)

    class Meta:
        ordering = ["attempt", "position"]
        constraints = [
            models.UniqueConstraint(fields=["attempt", "position"], name="attempt_item_position"),
            models.UniqueConstraint(fields=["attempt", "question"], name="attempt_item_question"),
        ]
        indexes = [models.Index(fields=["question", "is_correct"])]

    def __str__(self) -> str:
        return f"{self.attempt} — {self.position}"
