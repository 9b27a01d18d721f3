"""Forms of the restructuring pages: types and the split textarea's layout only; the rules
and their messages live in the restructure services."""

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .forms import DATE_FORMATS


class ChangeForm(forms.Form):
    """What every change carries: its date, its legal basis, and the confirmation step."""

    effective_on = forms.DateField(
        label=gettext_lazy("Có hiệu lực từ ngày (dd/mm/yyyy)"),
        input_formats=DATE_FORMATS,
        widget=forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy"}),
        error_messages={
            "invalid": gettext_lazy("Ngày có hiệu lực phải theo dạng dd/mm/yyyy."),
            "required": gettext_lazy("Cần nhập ngày có hiệu lực (dd/mm/yyyy)."),
        },
    )
    note = forms.CharField(
        label=gettext_lazy("Căn cứ (số quyết định)"),
        required=False,
        max_length=400,
        help_text=gettext_lazy("Ví dụ: Nghị quyết 1656/NQ-UBTVQH15."),
    )
    request_key = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)
    confirm = forms.BooleanField(widget=forms.HiddenInput, required=False)


class MergeForm(ChangeForm):
    sources = forms.MultipleChoiceField(
        label=gettext_lazy("Các đơn vị sáp nhập"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": gettext_lazy("Chọn các đơn vị sáp nhập.")},
    )
    into = forms.CharField(
        label=gettext_lazy("Sáp nhập vào đơn vị có sẵn (mã đơn vị)"),
        required=False,
        max_length=32,
        help_text=gettext_lazy("Để trống để lập đơn vị mới theo mã và tên dưới đây."),
    )
    new_code = forms.CharField(label=gettext_lazy("Mã đơn vị mới"), required=False, max_length=64)
    new_name = forms.CharField(label=gettext_lazy("Tên đơn vị mới"), required=False, max_length=400)

    field_order = ["sources", "into", "new_code", "new_name", "effective_on", "note"]

    def __init__(self, *args, children=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sources"].choices = [(u.code, f"{u.name} ({u.code})") for u in children]


class MoveForm(ChangeForm):
    new_parent = forms.CharField(
        label=gettext_lazy("Mã đơn vị cấp trên mới"),
        max_length=32,
        error_messages={"required": gettext_lazy("Cần nhập mã đơn vị cấp trên mới.")},
    )

    field_order = ["new_parent", "effective_on", "note"]


class SplitForm(ChangeForm):
    parts = forms.CharField(
        label=gettext_lazy("Các đơn vị mới, mỗi dòng một đơn vị"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=gettext_lazy(
            "Mỗi dòng: mã | tên | mã các đơn vị trực thuộc chuyển sang, cách nhau bởi dấu phẩy "
            "| mã các cán bộ chuyển sang, cách nhau bởi dấu phẩy. Hai cột sau có thể để trống."
        ),
        error_messages={"required": gettext_lazy("Cần ít nhất một đơn vị mới.")},
    )
    dissolve = forms.BooleanField(
        label=gettext_lazy(
            "Đơn vị cũ ngừng hoạt động (phần còn lại và lịch sử chuyển về đơn vị mới đầu tiên)"
        ),
        required=False,
    )

    field_order = ["parts", "dissolve", "effective_on", "note"]

    def clean_parts(self) -> list[dict]:
        parts, problems = [], []
        for n, line in enumerate(self.cleaned_data["parts"].splitlines(), 1):
            if not line.strip():
                continue
            cells = [cell.strip() for cell in line.split("|")]
            if len(cells) < 2 or len(cells) > 4 or not cells[0] or not cells[1]:
                problems.append(
                    _(
                        "Dòng %(n)d: cần “mã | tên” và có thể thêm “| đơn vị trực thuộc | cán "
                        "bộ”; đang có “%(line)s”."
                    )
                    % {"n": n, "line": line.strip()}
                )
                continue
            cells += [""] * (4 - len(cells))
            parts.append(
                {
                    "code": cells[0],
                    "name": cells[1],
                    "children": [c.strip() for c in cells[2].split(",") if c.strip()],
                    "cadres": [c.strip() for c in cells[3].split(",") if c.strip()],
                }
            )
        if problems:
            raise forms.ValidationError(problems)
        if not parts:
            raise forms.ValidationError(_("Cần ít nhất một đơn vị mới."))
        return parts


class RenameForm(ChangeForm):
    new_name = forms.CharField(
        label=gettext_lazy("Tên mới"),
        max_length=400,
        error_messages={"required": gettext_lazy("Cần nhập tên mới.")},
    )

    field_order = ["new_name", "effective_on", "note"]
