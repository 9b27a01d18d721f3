"""Forms of the unit evaluation pages. They check types only; the rules and their messages
live in assessments.services.evaluations."""

from django import forms
from django.utils.translation import gettext_lazy as _

from assessments.services.evaluations import MAX_COMMENT, MAX_NOTE


class ScorecardForm(forms.Form):
    """One score and one note per criterion, named score_<id> and note_<id>. Scores stay
    text so "7,5" and "7.5" both reach the service, which names the criterion in errors."""

    def __init__(self, *args, criteria, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = list(criteria)
        for criterion in self.criteria:
            self.fields[f"score_{criterion.pk}"] = forms.CharField(
                label=_("Điểm (0–%(max)s)") % {"max": criterion.max_score},
                required=False,
                max_length=12,
                widget=forms.TextInput(
                    attrs={"inputmode": "decimal", "autocomplete": "off", "class": "score-input"}
                ),
            )
            self.fields[f"note_{criterion.pk}"] = forms.CharField(
                label=_("Ghi chú, minh chứng"),
                required=False,
                max_length=MAX_NOTE,
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    def scores(self) -> dict[int, tuple[str, str]]:
        data = self.cleaned_data
        return {c.pk: (data[f"score_{c.pk}"], data[f"note_{c.pk}"]) for c in self.criteria}


class EvidenceForm(forms.Form):
    file = forms.FileField(
        label=_("Tệp minh chứng"),
        help_text=_("PDF, JPEG, PNG, DOCX hoặc XLSX, tối đa 10 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png,.docx,.xlsx"}),
    )
    criterion = forms.TypedChoiceField(
        label=_("Cho tiêu chí"), required=False, coerce=int, empty_value=None
    )

    def __init__(self, *args, criteria, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = {c.pk: c for c in criteria}
        self.fields["criterion"].choices = [("", _("Minh chứng chung"))] + [
            (c.pk, str(c)) for c in criteria
        ]

    def chosen_criterion(self):
        return self.criteria.get(self.cleaned_data.get("criterion"))


class ReviewForm(forms.Form):
    APPROVE = "approve"
    RETURN = "return"

    decision = forms.ChoiceField(
        choices=[(APPROVE, _("Duyệt")), (RETURN, _("Trả lại"))], widget=forms.HiddenInput
    )
    comment = forms.CharField(
        label=_("Ý kiến của đơn vị cấp trên"),
        required=False,
        max_length=MAX_COMMENT,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Bắt buộc khi trả lại phiếu: ghi rõ đơn vị cần sửa gì."),
    )
