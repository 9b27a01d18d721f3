import uuid

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Ethnicity, Gender, Level, Organisation, PostKind

DATE_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]


class CadreForm(forms.Form):
    """Types only; the rules (and their Vietnamese messages) live in the cadre services."""

    full_name = forms.CharField(label=_("Họ và tên"), max_length=400)
    gender = forms.ChoiceField(label=_("Giới tính"), choices=Gender.choices)
    ethnicity = forms.ChoiceField(label=_("Dân tộc"), choices=Ethnicity.choices)
    date_of_birth = forms.DateField(
        label=_("Ngày sinh (dd/mm/yyyy)"),
        required=False,
        input_formats=DATE_FORMATS,
        widget=forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy"}),
        error_messages={"invalid": _("Ngày sinh phải theo dạng dd/mm/yyyy.")},
    )
    national_id = forms.CharField(label=_("Số CCCD"), required=False, max_length=40)
    email = forms.CharField(label=_("Email"), required=False, max_length=254)
    phone = forms.CharField(label=_("Điện thoại"), required=False, max_length=40)
    unit = forms.CharField(
        label=_("Mã đơn vị quản lý"),
        max_length=32,
        help_text=_("Ví dụ: T68 (Tỉnh Đoàn Lâm Đồng), X24631 (một xã)."),
    )
    title = forms.CharField(label=_("Chức vụ"), max_length=400)
    kind = forms.ChoiceField(label=_("Chế độ"), choices=PostKind.choices)
    in_charge_of_volunteer_work = forms.BooleanField(
        label=_("Phụ trách công tác tình nguyện"), required=False
    )
    request_key = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("request_key", uuid.uuid4().hex)


class InvitationAcceptForm(forms.Form):
    password = forms.CharField(label=_("Mật khẩu"), widget=forms.PasswordInput, strip=False)
    password_again = forms.CharField(
        label=_("Nhập lại mật khẩu"), widget=forms.PasswordInput, strip=False
    )

    def clean(self):
        data = super().clean()
        if data.get("password") and data.get("password") != data.get("password_again"):
            self.add_error("password_again", _("Hai mật khẩu không khớp."))
        return data


class InviteForm(forms.Form):
    email = forms.CharField(label=_("Email nhận lời mời"), required=False, max_length=254)


class UnitForm(forms.Form):
    name = forms.CharField(label=_("Tên đơn vị"), max_length=400)
    is_ethnic_minority_area = forms.BooleanField(
        label=_("Vùng đồng bào dân tộc thiểu số"), required=False
    )
    is_mountain = forms.BooleanField(label=_("Miền núi"), required=False)
    is_border = forms.BooleanField(label=_("Biên giới"), required=False)
    is_island = forms.BooleanField(label=_("Hải đảo"), required=False)


class ChildUnitForm(UnitForm):
    code = forms.CharField(label=_("Mã đơn vị"), max_length=64)
    level = forms.ChoiceField(label=_("Cấp"), choices=Level.choices)
    organisation = forms.ChoiceField(label=_("Tổ chức"), choices=Organisation.choices)

    field_order = ["code", "name", "level", "organisation"]
