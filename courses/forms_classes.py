"""Forms of the class pages: types only; the rules and their messages live in the services."""

from django import forms
from django.utils.translation import gettext_lazy as _

from organizations.models import Level

from .models import TrainingClass

DATE_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]
DATETIME_FORMATS = ["%Y-%m-%dT%H:%M", "%d/%m/%Y %H:%M", "%Y-%m-%d %H:%M"]


def _date_field(label):
    return forms.DateField(
        label=label,
        input_formats=DATE_FORMATS,
        widget=forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy"}),
        error_messages={
            "invalid": _("Ngày phải theo dạng dd/mm/yyyy."),
            "required": _("Cần nhập ngày."),
        },
    )


class ClassForm(forms.Form):
    course = forms.ModelChoiceField(
        label=_("Khoá học"),
        queryset=None,
        empty_label=_("— Chọn khoá học —"),
        error_messages={"required": _("Chọn khoá học."), "invalid_choice": _("Chọn khoá học.")},
    )
    title = forms.CharField(label=_("Tên lớp"), max_length=400)
    host_unit = forms.CharField(
        label=_("Mã đơn vị tổ chức"), max_length=64, help_text=_("Ví dụ: T68 (Tỉnh Đoàn Lâm Đồng).")
    )
    mode = forms.ChoiceField(label=_("Hình thức"), choices=TrainingClass.Mode.choices)
    level = forms.ChoiceField(label=_("Cấp tổ chức"), choices=Level.choices)
    start_date = _date_field(_("Ngày bắt đầu (dd/mm/yyyy)"))
    end_date = _date_field(_("Ngày kết thúc (dd/mm/yyyy)"))
    venue = forms.CharField(label=_("Địa điểm"), max_length=400, required=False)
    pre_test_quiz = forms.ModelChoiceField(
        label=_("Bài kiểm tra đầu vào"),
        queryset=None,
        required=False,
        empty_label=_("— Không dùng —"),
        help_text=_("Điểm lần làm đầu tiên của học viên được ghi làm điểm đầu vào."),
        error_messages={"invalid_choice": _("Chọn một bài kiểm tra có trong danh sách.")},
    )
    post_test_quiz = forms.ModelChoiceField(
        label=_("Bài kiểm tra cuối khoá"),
        queryset=None,
        required=False,
        empty_label=_("— Không dùng —"),
        help_text=_("Điểm cao nhất của học viên được ghi làm điểm cuối khoá."),
        error_messages={"invalid_choice": _("Chọn một bài kiểm tra có trong danh sách.")},
    )

    def __init__(self, *args, courses=None, quizzes=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["course"].queryset = courses
        self.fields["pre_test_quiz"].queryset = quizzes
        self.fields["post_test_quiz"].queryset = quizzes


class ClassCreateForm(ClassForm):
    code = forms.CharField(
        label=_("Mã lớp"),
        max_length=80,
        required=False,
        help_text=_("Để trống để hệ thống tự tạo mã."),
    )


class CadrePickForm(forms.Form):
    code = forms.CharField(label=_("Mã cán bộ"), max_length=64, required=False)
    cadre = forms.IntegerField(required=False, widget=forms.HiddenInput)


class ScoresForm(forms.Form):
    pre_test_score = forms.CharField(label=_("Điểm đầu vào"), max_length=20, required=False)
    post_test_score = forms.CharField(label=_("Điểm cuối khoá"), max_length=20, required=False)


class SessionForm(forms.Form):
    title = forms.CharField(label=_("Nội dung buổi học"), max_length=400)
    starts_at = forms.DateTimeField(
        label=_("Bắt đầu"),
        input_formats=DATETIME_FORMATS,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        error_messages={"invalid": _("Thời gian phải theo dạng dd/mm/yyyy hh:mm.")},
    )
    ends_at = forms.DateTimeField(
        label=_("Kết thúc"),
        input_formats=DATETIME_FORMATS,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        error_messages={"invalid": _("Thời gian phải theo dạng dd/mm/yyyy hh:mm.")},
    )


class CompletionFilterForm(forms.Form):
    course = forms.ModelChoiceField(
        label=_("Khoá học"), queryset=None, required=False, empty_label=_("Tất cả")
    )
    mode = forms.ChoiceField(
        label=_("Hình thức"),
        choices=[("", _("Tất cả")), *TrainingClass.Mode.choices],
        required=False,
    )
    level = forms.ChoiceField(
        label=_("Cấp tổ chức"), choices=[("", _("Tất cả")), *Level.choices], required=False
    )
    date_from = forms.DateField(
        label=_("Từ ngày"),
        required=False,
        input_formats=DATE_FORMATS,
        widget=forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy"}),
        error_messages={"invalid": _("Ngày phải theo dạng dd/mm/yyyy.")},
    )
    date_to = forms.DateField(
        label=_("Đến ngày"),
        required=False,
        input_formats=DATE_FORMATS,
        widget=forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy"}),
        error_messages={"invalid": _("Ngày phải theo dạng dd/mm/yyyy.")},
    )
    dedicated_only = forms.BooleanField(label=_("Chỉ cán bộ chuyên trách"), required=False)

    def __init__(self, *args, courses=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["course"].queryset = courses
