"""Forms of the certificate pages: types only; the rules and their messages live in the
services (`certificate_revoke`, `certificate_template_save`, …)."""

from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from certificates.models import CertificateTemplate, Kind, Status
from certificates.services.faces import normalise_code

CODE_LENGTH = 16


class VerifyForm(forms.Form):
    """The code as typed from paper: lower case, spaces and hyphens are all fine."""

    code = forms.CharField(
        label=_("Mã xác minh"),
        max_length=64,
        help_text=_("16 ký tự in trên giấy chứng nhận, ví dụ ABCD-EFGH-2345-6723."),
        widget=forms.TextInput(
            attrs={
                "autocomplete": "off",
                "autocapitalize": "characters",
                "spellcheck": "false",
                "placeholder": "XXXX-XXXX-XXXX-XXXX",
            }
        ),
        error_messages={"required": _("Hãy nhập mã xác minh.")},
    )

    def clean_code(self) -> str:
        code = normalise_code(self.cleaned_data["code"])
        if len(code) != CODE_LENGTH:
            raise forms.ValidationError(
                _("Mã xác minh gồm 16 ký tự (chữ A–Z và số 2–7); hãy kiểm tra lại.")
            )
        return code


class RegisterFilterForm(forms.Form):
    q = forms.CharField(label=_("Tìm"), required=False, max_length=100)
    status = forms.ChoiceField(
        label=_("Trạng thái"), required=False, choices=[("", _("Mọi trạng thái")), *Status.choices]
    )
    kind = forms.ChoiceField(
        label=_("Loại"), required=False, choices=[("", _("Mọi loại")), *Kind.choices]
    )
    year = forms.IntegerField(label=_("Năm cấp"), required=False, min_value=2000, max_value=2100)

    def filters(self) -> dict:
        if not self.is_valid():
            return {}
        data = self.cleaned_data
        return {
            "query": data["q"].strip(),
            "status": data["status"],
            "kind": data["kind"],
            "year": data["year"],
        }


class RevokeForm(forms.Form):
    reason = forms.CharField(
        label=_("Lý do thu hồi"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Lý do được ghi vào sổ; trang xác minh công khai không hiện lý do."),
    )
    confirm = forms.BooleanField(
        label=_("Tôi xác nhận thu hồi giấy chứng nhận này"),
        error_messages={"required": _("Hãy đánh dấu xác nhận trước khi thu hồi.")},
    )


class ReissueForm(forms.Form):
    reason = forms.CharField(
        label=_("Lý do cấp lại"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Giấy mới có số hiệu và mã xác minh mới, đọc hồ sơ cán bộ hiện tại."),
    )


class ClassIssueForm(forms.Form):
    kind = forms.ChoiceField(label=_("Loại giấy chứng nhận"), widget=forms.RadioSelect)

    def __init__(self, *args, is_tot: bool, **kwargs):
        super().__init__(*args, **kwargs)
        kinds = [Kind.CLASS, Kind.TRAINER] if is_tot else [Kind.CLASS]
        self.fields["kind"].choices = [(kind.value, kind.label) for kind in kinds]


def _model_field(name: str) -> forms.Field:
    return CertificateTemplate._meta.get_field(name).formfield()


class TemplateForm(forms.Form):
    """The owner unit is typed as a unit code (empty: nationwide); images are plain files
    whose content the service checks."""

    name = _model_field("name")
    kind = _model_field("kind")
    owner_unit = forms.CharField(
        label=_("Mã đơn vị sở hữu"),
        required=False,
        max_length=64,
        help_text=_("Ví dụ: T68. Để trống: mẫu dùng chung toàn quốc."),
    )
    title = _model_field("title")
    body = forms.CharField(
        label=_("Nội dung"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=CertificateTemplate._meta.get_field("body").help_text,
    )
    signer_title = forms.CharField(
        label=capfirst(CertificateTemplate._meta.get_field("signer_title").verbose_name),
        max_length=200,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=CertificateTemplate._meta.get_field("signer_title").help_text,
    )
    signer_name = _model_field("signer_name")
    signature_image = forms.FileField(
        label=_("Ảnh chữ ký"), required=False, help_text=_("PNG hoặc JPEG, tối đa 2 MB.")
    )
    seal_image = forms.FileField(
        label=_("Ảnh con dấu"), required=False, help_text=_("PNG hoặc JPEG, tối đa 2 MB.")
    )
    background_image = forms.FileField(
        label=_("Ảnh nền"), required=False, help_text=_("PNG hoặc JPEG, tối đa 2 MB.")
    )
    page_size = _model_field("page_size")
    orientation = _model_field("orientation")
    serial_symbol = _model_field("serial_symbol")
    place = _model_field("place")
    validity_years = _model_field("validity_years")
    is_active = _model_field("is_active")

    IMAGE_FIELDS = ("signature_image", "seal_image", "background_image")

    def __init__(self, *args, instance=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance = instance
        for name in self.IMAGE_FIELDS:
            self.fields[name].widget.attrs["accept"] = "image/png,image/jpeg"
            if instance is not None and getattr(instance, name):
                self.fields[f"{name}_clear"] = forms.BooleanField(
                    label=_("Bỏ ảnh hiện tại"), required=False
                )
        order = []
        for name in self.fields:
            if not name.endswith("_clear"):
                order += [name, f"{name}_clear"]
        self.order_fields(order)

    @classmethod
    def initial_for(cls, template: CertificateTemplate) -> dict:
        names = [n for n in cls.base_fields if n not in cls.IMAGE_FIELDS and n != "owner_unit"]
        initial = {name: getattr(template, name) for name in names}
        initial["owner_unit"] = template.owner_unit.code if template.owner_unit else ""
        return initial

    def service_fields(self) -> dict:
        data = dict(self.cleaned_data)
        for name in self.IMAGE_FIELDS:
            data.pop(name, None)
            data.pop(f"{name}_clear", None)
        data.pop("owner_unit")
        return data

    def service_files(self) -> dict:
        files = {}
        for name in self.IMAGE_FIELDS:
            if self.cleaned_data.get(name):
                files[name] = self.cleaned_data[name]
            elif self.cleaned_data.get(f"{name}_clear"):
                files[name] = False
        return files
