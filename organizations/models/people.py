from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ..text import fold
from .units import Organisation, OrgUnit


class Gender(models.TextChoices):
    MALE = "male", _("Nam")
    FEMALE = "female", _("Nữ")
    OTHER = "other", _("Khác")


class Ethnicity(models.TextChoices):
    """The 54 ethnic groups of Việt Nam (Decision 121-TCTK/PPCĐ)."""

    KINH = "kinh", "Kinh"
    TAY = "tay", "Tày"
    THAI = "thai", "Thái"
    HOA = "hoa", "Hoa"
    KHMER = "khmer", "Khơ-me"
    MUONG = "muong", "Mường"
    NUNG = "nung", "Nùng"
    HMONG = "hmong", "H'Mông"
    DAO = "dao", "Dao"
    GIA_RAI = "gia_rai", "Gia-rai"
    NGAI = "ngai", "Ngái"
    E_DE = "e_de", "Ê-đê"
    BA_NA = "ba_na", "Ba-na"
    XO_DANG = "xo_dang", "Xơ-đăng"
    SAN_CHAY = "san_chay", "Sán Chay"
    CO_HO = "co_ho", "Cơ-ho"
    CHAM = "cham", "Chăm"
    SAN_DIU = "san_diu", "Sán Dìu"
    HRE = "hre", "Hrê"
    MNONG = "mnong", "Mnông"
    RA_GLAI = "ra_glai", "Ra-glai"
    XTIENG = "xtieng", "Xtiêng"
    BRU_VAN_KIEU = "bru_van_kieu", "Bru-Vân Kiều"
    THO = "tho", "Thổ"
    GIAY = "giay", "Giáy"
    CO_TU = "co_tu", "Cơ-tu"
    GIE_TRIENG = "gie_trieng", "Gié-Triêng"
    MA = "ma", "Mạ"
    KHO_MU = "kho_mu", "Khơ-mú"
    CO = "co", "Co"
    TA_OI = "ta_oi", "Tà-ôi"
    CHO_RO = "cho_ro", "Chơ-ro"
    KHANG = "khang", "Kháng"
    XINH_MUN = "xinh_mun", "Xinh-mun"
    HA_NHI = "ha_nhi", "Hà Nhì"
    CHU_RU = "chu_ru", "Chu-ru"
    LAO = "lao", "Lào"
    LA_CHI = "la_chi", "La Chí"
    LA_HA = "la_ha", "La Ha"
    PHU_LA = "phu_la", "Phù Lá"
    LA_HU = "la_hu", "La Hủ"
    LU = "lu", "Lự"
    LO_LO = "lo_lo", "Lô Lô"
    CHUT = "chut", "Chứt"
    MANG = "mang", "Mảng"
    PA_THEN = "pa_then", "Pà Thẻn"
    CO_LAO = "co_lao", "Cờ Lao"
    CONG = "cong", "Cống"
    BO_Y = "bo_y", "Bố Y"
    SI_LA = "si_la", "Si La"
    PU_PEO = "pu_peo", "Pu Péo"
    BRAU = "brau", "Brâu"
    O_DU = "o_du", "Ơ Đu"
    RO_MAM = "ro_mam", "Rơ-măm"


class PostKind(models.TextChoices):
    DEDICATED = "dedicated", _("Chuyên trách")
    PART_TIME = "part_time", _("Kiêm nhiệm")


class Cadre(models.Model):
    """A person the programme counts, whether or not they have an account yet.

    Indicator (d) counts dedicated cadres, most of whom are registered by organizers long
    before they log in, so the person is kept apart from the `User`. One person with posts
    in two organisations is one cadre with two `Post`s. `search_name` is the folded name
    (see `organizations.text.fold`); `save()` keeps it in step, bulk writes must set it.
    """

    code = models.CharField(_("mã cán bộ"), max_length=32, unique=True)
    full_name = models.CharField(_("họ và tên"), max_length=150)
    gender = models.CharField(_("giới tính"), max_length=8, choices=Gender.choices)
    ethnicity = models.CharField(
        _("dân tộc"), max_length=16, choices=Ethnicity.choices, default=Ethnicity.KINH
    )
    date_of_birth = models.DateField(_("ngày sinh"), null=True, blank=True)
    national_id = models.CharField(
        _("số CCCD"), max_length=12, blank=True, help_text=_("12 chữ số, không bắt buộc.")
    )
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("điện thoại"), max_length=20, blank=True)
    unit = models.ForeignKey(
        OrgUnit,
        verbose_name=_("đơn vị quản lý hồ sơ"),
        on_delete=models.PROTECT,
        related_name="cadres",
        help_text=_("Đơn vị có cán bộ tổ chức quản lý hồ sơ này."),
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("tài khoản"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="cadre",
    )
    search_name = models.CharField(max_length=150, editable=False, db_index=True, default="")
    request_key = models.CharField(
        max_length=64, null=True, blank=True, unique=True, editable=False
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("cán bộ")
        verbose_name_plural = _("cán bộ")
        ordering = ["full_name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["national_id"],
                condition=~Q(national_id=""),
                name="cadre_national_id_unique",
            ),
        ]

    def __str__(self) -> str:
        return self.full_name

    def save(self, *args, **kwargs):
        self.search_name = fold(self.full_name)
        if kwargs.get("update_fields") is not None and "full_name" in kwargs["update_fields"]:
            kwargs["update_fields"] = {*kwargs["update_fields"], "search_name"}
        super().save(*args, **kwargs)


class Post(models.Model):
    """One post a cadre holds in one organisation at one unit, for a period.

    Posts carry what indicator (d) filters on (dedicated, in charge of volunteer work) and
    keep their dates, so the count on any past reference date can be recomputed.
    """

    cadre = models.ForeignKey(Cadre, on_delete=models.CASCADE, related_name="posts")
    unit = models.ForeignKey(
        OrgUnit, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="posts"
    )
    organisation = models.CharField(_("tổ chức"), max_length=16, choices=Organisation.choices)
    title = models.CharField(_("chức vụ"), max_length=150)
    kind = models.CharField(_("chế độ"), max_length=16, choices=PostKind.choices)
    in_charge_of_volunteer_work = models.BooleanField(
        _("phụ trách công tác tình nguyện"), default=False
    )
    is_primary = models.BooleanField(_("chức vụ chính"), default=True)
    start_date = models.DateField(_("từ ngày"), null=True, blank=True)
    end_date = models.DateField(_("đến ngày"), null=True, blank=True)

    class Meta:
        verbose_name = _("chức vụ")
        verbose_name_plural = _("chức vụ")
        ordering = ["-is_primary", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["cadre", "unit", "organisation"],
                condition=Q(end_date__isnull=True),
                name="post_one_open_post_per_unit_and_organisation",
            ),
            models.UniqueConstraint(
                fields=["cadre"],
                condition=Q(is_primary=True, end_date__isnull=True),
                name="post_one_open_primary_post",
            ),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True)
                | Q(start_date__isnull=True)
                | Q(end_date__gte=models.F("start_date")),
                name="post_end_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} — {self.unit}"
