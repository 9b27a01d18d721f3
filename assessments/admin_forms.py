"""Forms of the Wagtail admin for question banks, the competency framework and evaluation
rounds. They gather what was typed, including the inline rows, and ask the services'
rules; the rules and their messages live in `services.questions`."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.forms import WagtailAdminModelForm

from organizations.models import Level
from organizations.text import nfc

from .services.questions import question_validate


def _kept_rows(form: WagtailAdminModelForm, relation: str) -> list:
    """The inline rows that will be saved (not deleted, not left blank), in their order."""
    formset = form.formsets.get(relation)
    if formset is None:
        return []
    formset.is_valid()
    rows = []
    for child in formset.forms:
        if not child.has_changed() and child.instance.pk is None:
            continue
        if formset.can_delete and formset._should_delete_form(child):
            continue
        rows.append(child)
    if formset.can_order:
        rows.sort(key=_position)
    return rows


def _position(child) -> int:
    try:
        return int(child["ORDER"].value() or 0)
    except (TypeError, ValueError):
        return 0


def _duplicates(rows: list, name: str) -> list:
    """Values of `name` typed on more than one row (read as typed: the formset's own
    uniqueness check removes them from the cleaned data)."""
    seen, repeated = set(), []
    for child in rows:
        value = child[name].value()
        if value in seen and value not in repeated:
            repeated.append(value)
        seen.add(value)
    return repeated


class QuestionAdminForm(WagtailAdminModelForm):
    def clean(self):
        cleaned = super().clean()
        for name in ("key", "text", "explanation", "model_answer"):
            if isinstance(cleaned.get(name), str):
                cleaned[name] = nfc(cleaned[name])
        kind = cleaned.get("kind")
        if not kind:
            return cleaned
        choices = [
            (nfc(child.cleaned_data.get("text") or ""), bool(child.cleaned_data.get("is_correct")))
            for child in _kept_rows(self, "choices")
            if hasattr(child, "cleaned_data")
        ]
        bank = cleaned.get("bank")
        try:
            question_validate(
                kind=kind,
                choices=choices,
                bank_id=bank.pk if bank else None,
                key=cleaned.get("key") or "",
                question_id=self.instance.pk,
            )
        except ValidationError as error:
            for name, messages in error.message_dict.items():
                for message in messages:
                    self.add_error("key" if name == "key" else None, message)
        return cleaned


class CompetencyAdminForm(WagtailAdminModelForm):
    def clean(self):
        cleaned = super().clean()
        for level in _duplicates(_kept_rows(self, "descriptors"), "level"):
            self.add_error(
                None,
                _("Mức %(level)s được mô tả hai lần; mỗi mức chỉ một mô tả.") % {"level": level},
            )
        for org_level in _duplicates(_kept_rows(self, "required_levels"), "org_level"):
            self.add_error(
                None,
                _("Cấp “%(org_level)s” có hai mức yêu cầu; mỗi cấp chỉ một mức.")
                % {"org_level": Level(org_level).label},
            )
        return cleaned


class EvaluationRoundAdminForm(WagtailAdminModelForm):
    levels = forms.MultipleChoiceField(
        label=gettext_lazy("Các cấp tham gia"),
        choices=Level.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=gettext_lazy("Các cấp đơn vị phải tự đánh giá trong đợt này."),
        error_messages={"required": gettext_lazy("Chọn ít nhất một cấp tham gia.")},
    )

    def clean(self):
        cleaned = super().clean()
        opens_on, closes_on = cleaned.get("opens_on"), cleaned.get("closes_on")
        if opens_on and closes_on and closes_on < opens_on:
            self.add_error("closes_on", _("Hạn nộp phải sau hoặc trùng ngày mở."))
        for code in _duplicates(_kept_rows(self, "criteria"), "code"):
            self.add_error(
                None, _("Mã tiêu chí “%(code)s” bị trùng trong đợt này.") % {"code": code}
            )
        return cleaned


class QuestionImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Tệp bảng tính (.xlsx hoặc .csv UTF-8)"),
        error_messages={"required": gettext_lazy("Chọn tệp bảng tính để tải lên.")},
    )
