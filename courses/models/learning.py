"""Who learns which course, how far they are, and what they were reminded of."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Assignment(models.Model):
    """An organizer's order that the cadres of a unit subtree (optionally filtered) take a
    course by a date. Running it again enrols cadres added to the subtree since."""

    course = models.ForeignKey(
        "courses.CoursePage", on_delete=models.PROTECT, related_name="assignments"
    )
    unit = models.ForeignKey(
        "organizations.OrgUnit", on_delete=models.PROTECT, related_name="course_assignments"
    )
    only_dedicated = models.BooleanField(_("chỉ cán bộ chuyên trách"), default=False)
    only_volunteer_work = models.BooleanField(_("chỉ cán bộ phụ trách tình nguyện"), default=False)
    due_date = models.DateField(_("hạn hoàn thành"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    last_run_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("giao khoá học")
        verbose_name_plural = _("giao khoá học")
        constraints = [
            models.UniqueConstraint(
                fields=["course", "unit", "only_dedicated", "only_volunteer_work"],
                name="assignment_unique_scope",
            )
        ]

    def __str__(self) -> str:
        return f"{self.course} → {self.unit}"


class Enrollment(models.Model):
    """A cadre on a course: one row per cadre and course, however they came to it."""

    class Source(models.TextChoices):
        SELF = "self", _("Tự đăng ký")
        ASSIGNED = "assigned", _("Được giao")
        CLASS = "class", _("Theo lớp tập huấn")

    cadre = models.ForeignKey(
        "organizations.Cadre", on_delete=models.CASCADE, related_name="enrollments"
    )
    course = models.ForeignKey(
        "courses.CoursePage", on_delete=models.PROTECT, related_name="enrollments"
    )
    source = models.CharField(_("nguồn"), max_length=16, choices=Source.choices)
    assignment = models.ForeignKey(
        Assignment, null=True, blank=True, on_delete=models.SET_NULL, related_name="enrollments"
    )
    due_date = models.DateField(_("hạn hoàn thành"), null=True, blank=True)
    enrolled_at = models.DateTimeField(auto_now_add=True)
    last_lesson_key = models.UUIDField(null=True, blank=True)
    last_activity_at = models.DateTimeField(null=True, blank=True)
    completed_at = models.DateTimeField(_("hoàn thành lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("ghi danh")
        verbose_name_plural = _("ghi danh")
        constraints = [
            models.UniqueConstraint(fields=["cadre", "course"], name="enrollment_one_per_course")
        ]
        indexes = [models.Index(fields=["due_date", "completed_at"])]

    def __str__(self) -> str:
        return f"{self.cadre} — {self.course}"


class LessonCompletion(models.Model):
    """A lesson done, keyed by the lesson's stable identity rather than its page."""

    enrollment = models.ForeignKey(
        Enrollment, on_delete=models.CASCADE, related_name="lesson_completions"
    )
    lesson_key = models.UUIDField()
    completed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["enrollment", "lesson_key"], name="lesson_completion_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.enrollment} — {self.lesson_key}"


class ReminderSent(models.Model):
    """A due-date reminder that went out; the constraint makes each one go out once."""

    class Kind(models.TextChoices):
        WEEK = "7d", _("7 ngày trước hạn")
        DAY = "1d", _("1 ngày trước hạn")

    enrollment = models.ForeignKey(Enrollment, on_delete=models.CASCADE, related_name="reminders")
    kind = models.CharField(max_length=4, choices=Kind.choices)
    sent_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["enrollment", "kind"], name="reminder_once_per_kind")
        ]

    def __str__(self) -> str:
        return f"{self.enrollment} — {self.kind}"
