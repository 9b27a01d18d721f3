"""Filters of the trainer registry and its gap lists. A value that does not fit is reported
in Vietnamese and that one filter is left out; the other filters still apply."""

from django import forms
from django.utils.translation import gettext_lazy as _

from certificates.models import TrainerLevel
from certificates.selectors_trainers import TrainerStatus
from organizations import selectors as org_selectors
from organizations.models import Level
from organizations.permissions import Action


class _UnitFilterForm(forms.Form):
    unit = forms.CharField(
        label=_("Mã đơn vị"),
        required=False,
        max_length=32,
        help_text=_("Ví dụ: T68. Để trống: cả phạm vi của bạn."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_unit(self):
        code = self.cleaned_data["unit"]
        if not code:
            return None
        unit = org_selectors.unit_get_for_user(self.user, code, Action.VIEW_TRAINERS)
        if unit is None:
            raise forms.ValidationError(
                _("Không tìm thấy đơn vị “%(code)s” trong phạm vi của bạn."),
                params={"code": code},
            )
        return unit

    def filters(self) -> dict:
        """The filters that are valid; a bad one is left out (its error says so)."""
        self.is_valid()
        return {name: value for name, value in self.cleaned_data.items() if value}

    def error_messages_list(self) -> list[str]:
        return [str(message) for errors in self.errors.values() for message in errors]


def _choice(label, choices, wrong):
    return forms.ChoiceField(
        label=label,
        required=False,
        choices=choices,
        error_messages={"invalid_choice": wrong},
    )


class TrainerFilterForm(_UnitFilterForm):
    q = forms.CharField(label=_("Tìm theo họ tên, mã cán bộ"), required=False, max_length=100)
    level = _choice(
        _("Cấp giảng viên"),
        [("", _("Mọi cấp")), *TrainerLevel.choices],
        _("Không có cấp giảng viên “%(value)s”."),
    )
    status = _choice(
        _("Tình trạng"),
        [("", _("Mọi tình trạng")), *TrainerStatus.choices],
        _("Không có tình trạng “%(value)s”."),
    )
    field_order = ["q", "unit", "level", "status"]

    def filters(self) -> dict:
        filters = super().filters()
        if "q" in filters:
            filters["query"] = filters.pop("q")
        return filters


class GapFilterForm(_UnitFilterForm):
    level = _choice(
        _("Cấp đơn vị"),
        [("", _("Đơn vị trực thuộc")), *[c for c in Level.choices if c[0] != Level.CENTRAL]],
        _("Không có cấp đơn vị “%(value)s”."),
    )
