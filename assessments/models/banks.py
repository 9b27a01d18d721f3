"""Question banks written by master trainers, and quizzes that draw from them."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.models import Orderable

from .competencies import Competency


class QuestionKind(models.TextChoices):
    SINGLE = "single", _("Một lựa chọn đúng")
    MULTIPLE = "multiple", _("Nhiều lựa chọn đúng")
    TRUE_FALSE = "true_false", _("Đúng/Sai")
    SHORT = "short", _("Trả lời ngắn (giảng viên chấm)")
    ORDERING = "ordering", _("Sắp xếp thứ tự")


class Difficulty(models.IntegerChoices):
    EASY = 1, _("Dễ")
    MEDIUM = 2, _("Trung bình")
    HARD = 3, _("Khó")


class QuestionBank(ClusterableModel):
    """A set of questions on one subject, which quizzes draw from."""

    title = models.CharField(_("tên ngân hàng câu hỏi"), max_length=200)
    description = models.TextField(_("mô tả"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("ngân hàng câu hỏi")
        verbose_name_plural = _("ngân hàng câu hỏi")
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title


class Question(ClusterableModel):
    """One question, tagged by competency and difficulty. Choice questions keep their
    answer in `Choice.is_correct`; ordering questions in the choices' order; short answers
    are graded by a trainer against `model_answer`. `key` is the stable identity a
    spreadsheet import updates by."""

    bank = models.ForeignKey(
        QuestionBank,
        verbose_name=_("ngân hàng câu hỏi"),
        on_delete=models.CASCADE,
        related_name="questions",
    )
    key = models.CharField(
        _("mã câu hỏi"),
        max_length=40,
        blank=True,
        help_text=_("Mã duy nhất trong ngân hàng; nhập lại từ bảng tính sẽ cập nhật theo mã."),
    )
    kind = models.CharField(_("loại câu hỏi"), max_length=16, choices=QuestionKind.choices)
    text = models.TextField(_("nội dung câu hỏi"))
    competency = models.ForeignKey(
        Competency,
        verbose_name=_("năng lực"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="questions",
    )
    difficulty = models.PositiveSmallIntegerField(
        _("độ khó"), choices=Difficulty.choices, default=Difficulty.MEDIUM
    )
    points = models.PositiveSmallIntegerField(_("điểm"), default=1)
    explanation = models.TextField(
        _("giải thích"), blank=True, help_text=_("Hiện cho học viên sau khi nộp bài.")
    )
    model_answer = models.TextField(
        _("đáp án gợi ý (câu trả lời ngắn)"), blank=True, help_text=_("Chỉ giảng viên chấm thấy.")
    )
    is_active = models.BooleanField(_("đang dùng"), default=True)
    uid = models.UUIDField(default=uuid.uuid4, editable=False, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("câu hỏi")
        verbose_name_plural = _("câu hỏi")
        ordering = ["bank", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["bank", "key"], condition=~Q(key=""), name="question_key_unique_in_bank"
            ),
            models.CheckConstraint(condition=Q(points__gte=1), name="question_points_positive"),
        ]

    def __str__(self) -> str:
        return self.text[:80]


class Choice(Orderable):
    """An option of a choice question; for an ordering question, `sort_order` is the
    correct position."""

    question = ParentalKey(Question, on_delete=models.CASCADE, related_name="choices")
    text = models.CharField(_("phương án"), max_length=500)
    is_correct = models.BooleanField(_("đúng"), default=False)

    class Meta(Orderable.Meta):
        verbose_name = _("phương án")
        verbose_name_plural = _("phương án")

    def __str__(self) -> str:
        return self.text


class Quiz(ClusterableModel):
    """A test: questions drawn at random from banks by rule, with a time limit, an attempt
    limit and a pass mark, all enforced on the server. Placed in lessons, used as a class's
    pre-test and post-test, or as a course's final assessment; `is_open` lets any cadre
    take it on its own (periodic competency self-checks)."""

    title = models.CharField(_("tên bài kiểm tra"), max_length=200)
    instructions = models.TextField(_("hướng dẫn"), blank=True)
    time_limit_minutes = models.PositiveSmallIntegerField(
        _("thời gian làm bài (phút)"),
        null=True,
        blank=True,
        help_text=_("Để trống nếu không giới hạn thời gian."),
    )
    max_attempts = models.PositiveSmallIntegerField(
        _("số lần làm tối đa"), null=True, blank=True, help_text=_("Để trống nếu không giới hạn.")
    )
    pass_mark = models.PositiveSmallIntegerField(_("điểm đạt (%)"), default=70)
    shuffle_questions = models.BooleanField(_("xáo trộn câu hỏi"), default=True)
    shuffle_choices = models.BooleanField(_("xáo trộn phương án"), default=True)
    show_correct_answers = models.BooleanField(_("cho xem đáp án sau khi nộp"), default=True)
    is_open = models.BooleanField(
        _("mở cho mọi cán bộ"),
        default=False,
        help_text=_("Cán bộ tự làm được ở trang Đánh giá năng lực, không cần qua khoá học."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("bài kiểm tra")
        verbose_name_plural = _("bài kiểm tra")
        ordering = ["title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(pass_mark__gte=0, pass_mark__lte=100), name="quiz_pass_mark_percent"
            ),
            models.CheckConstraint(
                condition=Q(max_attempts__isnull=True) | Q(max_attempts__gte=1),
                name="quiz_max_attempts_positive",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class QuizRule(Orderable):
    """Draw `count` questions from a bank, optionally only of one competency or difficulty."""

    quiz = ParentalKey(Quiz, on_delete=models.CASCADE, related_name="rules")
    bank = models.ForeignKey(
        QuestionBank, verbose_name=_("ngân hàng"), on_delete=models.PROTECT, related_name="+"
    )
    competency = models.ForeignKey(
        Competency,
        verbose_name=_("năng lực"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    difficulty = models.PositiveSmallIntegerField(
        _("độ khó"), choices=Difficulty.choices, null=True, blank=True
    )
    count = models.PositiveSmallIntegerField(_("số câu"), default=5)

    class Meta(Orderable.Meta):
        verbose_name = _("quy tắc chọn câu hỏi")
        verbose_name_plural = _("quy tắc chọn câu hỏi")
        constraints = [models.CheckConstraint(condition=Q(count__gte=1), name="quiz_rule_count")]

    def __str__(self) -> str:
        return f"{self.quiz}: {self.count} × {self.bank}"
