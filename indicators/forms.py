"""The declaration and target forms. They only shape the input: the rules (and their
Vietnamese messages naming the wrong value) live in indicators.services."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import rules
from .models import Indicator

FIRST_YEAR = 2022


def declaration_years() -> list[int]:
    """The years a unit may declare for, newest first: the programme's, up to this year."""
    last = min(rules.MILESTONES[-1], timezone.localdate().year)
    return list(range(last, FIRST_YEAR - 1, -1))


def _count_field(label):
    return forms.CharField(
        label=label,
        max_length=12,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )


class DeclarationForm(forms.Form):
    year = forms.TypedChoiceField(
        label=_("Năm kê khai"),
        coerce=int,
        error_messages={"invalid_choice": _("Năm “%(value)s” không nằm trong các năm kê khai.")},
    )
    activities_held = _count_field(_("Số hoạt động tình nguyện đơn vị đã tổ chức"))
    activities_on_portal = _count_field(_("Trong đó, số hoạt động được cập nhật trên cổng"))
    campaigns = _count_field(_("Số chiến dịch, hoạt động do đơn vị phát động"))
    campaigns_with_models = _count_field(
        _("Trong đó, số chiến dịch áp dụng mô hình quản lý đã được tập huấn")
    )
    applies_it = forms.BooleanField(
        label=_("Đơn vị quản lý hoạt động tình nguyện bằng phần mềm khác ngoài Sức Trẻ"),
        required=False,
    )
    note = forms.CharField(
        label=_("Ghi chú"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    request_key = forms.CharField(max_length=64, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [(y, str(y)) for y in declaration_years()]


class TargetForm(forms.Form):
    indicator = forms.ChoiceField(
        label=_("Chỉ tiêu"),
        choices=Indicator.choices,
        error_messages={"invalid_choice": _("Chỉ tiêu “%(value)s” không tồn tại.")},
    )
    year = forms.TypedChoiceField(
        label=_("Năm"),
        coerce=int,
        choices=[(y, str(y)) for y in rules.MILESTONES],
        error_messages={
            "invalid_choice": _("Chỉ tiêu đặt cho năm 2025 hoặc 2030 (đang là “%(value)s”).")
        },
    )
    percent = forms.CharField(
        label=_("Chỉ tiêu (%)"),
        max_length=8,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
    )


def add_service_errors(form: forms.Form, exc: ValidationError) -> None:
    """Put a service's ValidationError on the fields it names (others on the form)."""
    if hasattr(exc, "error_dict"):
        for name, errors in exc.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, exc)
