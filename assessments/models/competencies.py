"""The competency framework for managing and coordinating volunteer work, and where each
cadre stands against the profile their organisational level requires."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel

from organizations.models import Level


class Proficiency(models.IntegerChoices):
    """One scale for every competency, so profiles and gaps compare across competencies."""

    AWARE = 1, _("1 — Nhận biết")
    UNDERSTANDS = 2, _("2 — Hiểu")
    APPLIES = 3, _("3 — Vận dụng")
    MASTERS = 4, _("4 — Thành thạo")


class Competency(ClusterableModel):
    """One capability the programme builds (e.g. planning a campaign). Programme staff edit
    the framework; its descriptors and required levels are edited on the same page."""

    code = models.CharField(_("mã"), max_length=20, unique=True)
    name = models.CharField(_("tên năng lực"), max_length=200)
    description = models.TextField(_("mô tả"), blank=True)
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    is_active = models.BooleanField(_("đang dùng"), default=True)

    class Meta:
        verbose_name = _("năng lực")
        verbose_name_plural = _("khung năng lực")
        ordering = ["order", "code"]

    def __str__(self) -> str:
        return self.name


class LevelDescriptor(models.Model):
    """What a proficiency level looks like for one competency: the rubric assessors read."""

    competency = ParentalKey(Competency, on_delete=models.CASCADE, related_name="descriptors")
    level = models.PositiveSmallIntegerField(_("mức"), choices=Proficiency.choices)
    description = models.TextField(_("biểu hiện"))

    class Meta:
        verbose_name = _("mô tả mức năng lực")
        verbose_name_plural = _("mô tả mức năng lực")
        ordering = ["level"]
        constraints = [
            models.UniqueConstraint(
                fields=["competency", "level"], name="level_descriptor_once_per_level"
            )
        ]

    def __str__(self) -> str:
        return f"{self.competency} — {self.level}"


class RequiredLevel(models.Model):
    """The level a cadre at one organisational level must reach in one competency: a commune
    cadre's profile differs from a provincial one's."""

    competency = ParentalKey(Competency, on_delete=models.CASCADE, related_name="required_levels")
    org_level = models.CharField(_("cấp tổ chức"), max_length=16, choices=Level.choices)
    level = models.PositiveSmallIntegerField(_("mức yêu cầu"), choices=Proficiency.choices)

    class Meta:
        verbose_name = _("mức yêu cầu theo cấp")
        verbose_name_plural = _("mức yêu cầu theo cấp")
        constraints = [
            models.UniqueConstraint(
                fields=["competency", "org_level"], name="required_level_once_per_org_level"
            )
        ]

    def __str__(self) -> str:
        return f"{self.competency} — {self.get_org_level_display()}: {self.level}"


class RubricRating(models.Model):
    """A rating of one cadre on one competency against the rubric, by the cadre
    (self-assessment) or by an assessor (a trainer or organizer). Ratings are kept as
    history; the latest of each kind counts."""

    class Kind(models.TextChoices):
        SELF = "self", _("Tự đánh giá")
        ASSESSOR = "assessor", _("Người đánh giá")

    cadre = models.ForeignKey(
        "organizations.Cadre", on_delete=models.CASCADE, related_name="rubric_ratings"
    )
    competency = models.ForeignKey(Competency, on_delete=models.PROTECT, related_name="ratings")
    kind = models.CharField(_("loại"), max_length=16, choices=Kind.choices)
    level = models.PositiveSmallIntegerField(_("mức"), choices=Proficiency.choices)
    note = models.TextField(_("nhận xét"), blank=True)
    rated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    rated_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("đánh giá theo tiêu chí")
        verbose_name_plural = _("đánh giá theo tiêu chí")
        indexes = [models.Index(fields=["cadre", "competency", "kind", "-rated_at"])]

    def __str__(self) -> str:
        return f"{self.cadre} — {self.competency}: {self.level}"


class CompetencyStanding(models.Model):
    """Per cadre and competency, all evidence folded into one row (quiz answers, latest
    self and assessor ratings, the level that counts), so the gaps of a subtree are one
    SQL aggregate. Rewritten by `competency_standing_refresh` whenever evidence changes."""

    cadre = models.ForeignKey(
        "organizations.Cadre", on_delete=models.CASCADE, related_name="competency_standings"
    )
    competency = models.ForeignKey(Competency, on_delete=models.CASCADE, related_name="standings")
    quiz_points = models.DecimalField(max_digits=8, decimal_places=2, default=0)
    quiz_max_points = models.DecimalField(max_digits=8, decimal_places=2, default=0)
    quiz_level = models.PositiveSmallIntegerField(
        _("mức theo bài kiểm tra"), choices=Proficiency.choices, null=True, blank=True
    )
    self_level = models.PositiveSmallIntegerField(
        _("mức tự đánh giá"), choices=Proficiency.choices, null=True, blank=True
    )
    assessor_level = models.PositiveSmallIntegerField(
        _("mức người đánh giá"), choices=Proficiency.choices, null=True, blank=True
    )
    achieved_level = models.PositiveSmallIntegerField(
        _("mức đạt"), choices=Proficiency.choices, null=True, blank=True
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["cadre", "competency"], name="competency_standing_once"
            ),
            models.CheckConstraint(
                condition=Q(quiz_points__lte=models.F("quiz_max_points")),
                name="competency_standing_points_within_max",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.cadre} — {self.competency}: {self.achieved_level}"
