"""Input of the competency pages. Forms check types only; the rules and their messages
live in `assessments.services.competencies`."""

from django import forms
from django.utils.translation import gettext_lazy as _


class RatingForm(forms.Form):
    competency = forms.IntegerField(
        widget=forms.HiddenInput,
        error_messages={
            "required": _("Thiếu năng lực cần đánh giá."),
            "invalid": _("Năng lực cần đánh giá không hợp lệ."),
        },
    )
    level = forms.CharField(required=False, label=_("Mức"))
    note = forms.CharField(required=False, label=_("Nhận xét"), strip=False)
