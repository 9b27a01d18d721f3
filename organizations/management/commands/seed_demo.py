"""Demo data: the official unit tree, ~400 cadres in four provinces and one account per role.

Running the command again changes nothing: units are keyed by unit code, cadres by their
`DEMO####` code, accounts by email. Everything is generated from one seeded random
generator over the official commune list, so every run builds the same people.
"""

import re

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction
from django.test.utils import override_settings

from organizations.demo.plan import (
    LEARNER_EMAIL,
    PROVINCES,
    CadreSpec,
    PostSpec,
    build_specs,
)
from organizations.models import (
    Cadre,
    Level,
    OrgUnit,
    Post,
    Role,
)
from organizations.services import org_units_load_official, role_assign
from organizations.services.units import CENTRAL_CODE
from organizations.text import fold, nfc

DEMO_PASSWORD = "SucTre@2025"  # noqa: S105 — a published demo password

ADMIN_EMAIL = "admin@suctre.vn"

_COMMUNE_CODE = re.compile(r"^X\d{5}$")


class Command(BaseCommand):
    help = (
        "Tạo dữ liệu trình diễn: cây đơn vị chính thức, khoảng 400 cán bộ ở Lâm Đồng, Hà Nội, "
        "Lai Châu, Khánh Hòa và một tài khoản cho mỗi vai trò. Chạy lại không tạo trùng."
    )

    def handle(self, *args, **options):
        # The indicator figures are computed once, by the last step, not after every write.
        with override_settings(INDICATOR_REFRESH_AFTER_COMMIT=False):
            self._seed()

    def _seed(self):
        with transaction.atomic():
            units = org_units_load_official()
            call_command("load_legacy_units", stdout=self.stdout)
            provinces = {
                u.code: u for u in OrgUnit.objects.filter(code__in=[p.code for p in PROVINCES])
            }
            communes = {
                code: [
                    c
                    for c in unit.get_children().filter(level=Level.GRASSROOTS).order_by("code")
                    if _COMMUNE_CODE.match(c.code)
                ]
                for code, unit in provinces.items()
            }
            specs, learner_code = build_specs(provinces, communes)
            new_cadres, new_posts = self._cadres(specs)
            accounts = self._accounts(provinces, learner_code)

        self.stdout.write(
            f"Đơn vị: tạo mới {units.created}, tổng số {units.total}. "
            f"Cán bộ trình diễn: tạo mới {new_cadres} (tổng {len(specs)}), "
            f"chức vụ tạo mới {new_posts}."
        )
        self._print_accounts(accounts)
        # The demo handbook and its PDF; by command name, as organizations must not import
        # handbooks. It prints its own summary line with the handbook's address.
        call_command("seed_demo_handbook", stdout=self.stdout)
        call_command("seed_demo_assessments", stdout=self.stdout)
        call_command("seed_demo_courses", stdout=self.stdout)
        call_command("seed_demo_certificates", stdout=self.stdout)
        # Last: the indicators demo counts the people, classes and certificates above.
        call_command("seed_demo_indicators", stdout=self.stdout)

    # --- cadres -----------------------------------------------------------------------
    def _cadres(self, specs: list[CadreSpec]) -> tuple[int, int]:
        existing = set(
            Cadre.objects.filter(code__in=[s.code for s in specs]).values_list("code", flat=True)
        )
        self._refresh_search_names(existing)
        todo = [s for s in specs if s.code not in existing]
        if not todo:
            return 0, 0
        taken_ids = set(
            Cadre.objects.filter(
                national_id__in=[s.national_id for s in todo if s.national_id]
            ).values_list("national_id", flat=True)
        )
        taken_emails = set(
            Cadre.objects.filter(email__in=[s.email for s in todo if s.email]).values_list(
                "email", flat=True
            )
        )
        unit_ids = dict(
            OrgUnit.objects.filter(code__in={s.unit_code for s in todo}).values_list("code", "pk")
        )
        Cadre.objects.bulk_create(
            [
                Cadre(
                    code=s.code,
                    full_name=nfc(s.full_name),
                    # bulk_create skips Cadre.save(), which keeps the search key in step.
                    search_name=fold(nfc(s.full_name)),
                    gender=s.gender,
                    ethnicity=s.ethnicity,
                    date_of_birth=s.date_of_birth,
                    national_id="" if s.national_id in taken_ids else s.national_id,
                    email="" if s.email in taken_emails else s.email,
                    phone=s.phone,
                    unit_id=unit_ids[s.unit_code],
                )
                for s in todo
            ],
            batch_size=500,
        )
        cadre_ids = dict(
            Cadre.objects.filter(code__in=[s.code for s in todo]).values_list("code", "pk")
        )
        posts = []
        for s in todo:
            posts.append(self._post(s, s.post, cadre_ids[s.code], unit_ids, primary=True))
            if s.second_post is not None:
                posts.append(
                    self._post(s, s.second_post, cadre_ids[s.code], unit_ids, primary=False)
                )
        Post.objects.bulk_create(posts, batch_size=500)
        return len(todo), len(posts)

    @staticmethod
    def _refresh_search_names(codes: set[str]) -> None:
        """Repair the search key of demo cadres written without it (by bulk inserts)."""
        stale = []
        for cadre in Cadre.objects.filter(code__in=codes).only("pk", "full_name", "search_name"):
            wanted = fold(cadre.full_name)
            if cadre.search_name != wanted:
                cadre.search_name = wanted
                stale.append(cadre)
        Cadre.objects.bulk_update(stale, ["search_name"], batch_size=500)

    @staticmethod
    def _post(spec: CadreSpec, post: PostSpec, cadre_id: int, unit_ids, *, primary: bool):
        return Post(
            cadre_id=cadre_id,
            unit_id=unit_ids[spec.unit_code],
            organisation=post.organisation,
            title=nfc(post.title),
            kind=post.kind,
            in_charge_of_volunteer_work=post.volunteer,
            is_primary=primary,
            start_date=spec.start_date,
        )

    # --- accounts ---------------------------------------------------------------------
    def _accounts(self, provinces: dict[str, OrgUnit], learner_code: str) -> list[tuple]:
        central = OrgUnit.objects.get(code=CENTRAL_CODE)
        admin = self._user(ADMIN_EMAIL, "Quản trị hệ thống", superuser=True)
        learner_cadre = Cadre.objects.select_related("unit").get(code=learner_code)
        roles = [
            ("tochuc.lamdong@suctre.vn", "Nguyễn Thị Thu Hà", Role.ORGANIZER, provinces["T68"]),
            ("tochuc.hanoi@suctre.vn", "Trần Minh Đức", Role.ORGANIZER, provinces["T01"]),
            ("theodoi.lamdong@suctre.vn", "Lê Văn Phúc", Role.PROGRAMME_VIEWER, provinces["T68"]),
            ("theodoi.trunguong@suctre.vn", "Hoàng Minh Tâm", Role.PROGRAMME_VIEWER, central),
            ("giangvien@suctre.vn", "Phạm Thị Lan Anh", Role.MASTER_TRAINER, central),
        ]
        rows = [(ADMIN_EMAIL, "Quản trị hệ thống (superuser)", "Toàn hệ thống", "/admin/")]
        landing = {
            Role.ORGANIZER: "/units/{code}/",
            Role.PROGRAMME_VIEWER: "/overview/",
            Role.MASTER_TRAINER: "/admin/",
        }
        for email, name, role, unit in roles:
            user = self._user(email, name)
            role_assign(actor=admin, user=user, role=role, unit=unit)
            rows.append(
                (email, str(Role(role).label), unit.name, landing[role].format(code=unit.code))
            )

        learner = self._user(LEARNER_EMAIL, learner_cadre.full_name)
        if learner_cadre.user_id != learner.pk:
            Cadre.objects.filter(user=learner).exclude(pk=learner_cadre.pk).update(user=None)
            learner_cadre.user = learner
            learner_cadre.save(update_fields=["user", "updated_at"])
        rows.append(
            (
                LEARNER_EMAIL,
                "Học viên (cán bộ)",
                f"{learner_cadre.full_name} ({learner_cadre.code}), {learner_cadre.unit.name}",
                "/me/learning/",
            )
        )
        return rows

    @staticmethod
    def _user(email: str, full_name: str, *, superuser: bool = False):
        User = get_user_model()
        user = User.objects.filter(email__iexact=email).first()
        if user is None:
            make = User.objects.create_superuser if superuser else User.objects.create_user
            user = make(email=email, password=DEMO_PASSWORD, full_name=nfc(full_name))
        else:
            changed = []
            if not user.is_active:
                user.is_active = True
                changed.append("is_active")
            if superuser and not (user.is_superuser and user.is_staff):
                user.is_superuser = user.is_staff = True
                changed += ["is_superuser", "is_staff"]
            if changed:
                user.save(update_fields=changed)
            # Reset a changed password, so the printed one always works.
            if not user.check_password(DEMO_PASSWORD):
                user.set_password(DEMO_PASSWORD)
                user.save(update_fields=["password"])
        address = EmailAddress.objects.filter(user=user, email__iexact=email).first()
        if address is None or not (address.verified and address.primary):
            EmailAddress.objects.filter(user=user, primary=True).exclude(
                pk=getattr(address, "pk", None)
            ).update(primary=False)
            if address is None:
                EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
            else:
                address.verified = address.primary = True
                address.save(update_fields=["verified", "primary"])
        return user

    def _print_accounts(self, rows: list[tuple]) -> None:
        header = ("Email đăng nhập", "Vai trò", "Phạm vi / hồ sơ", "Trang sau đăng nhập")
        widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(4)]
        line = "  ".join("-" * w for w in widths)
        self.stdout.write("")
        self.stdout.write(
            self.style.SUCCESS("Tài khoản trình diễn (đăng nhập tại /accounts/login/)")
        )
        for row in [header, None, *rows]:
            if row is None:
                self.stdout.write(line)
                continue
            cells = (str(c).ljust(w) for c, w in zip(row, widths, strict=True))
            self.stdout.write("  ".join(cells).rstrip())
        self.stdout.write(line)
        self.stdout.write(f"Mật khẩu chung cho mọi tài khoản: {DEMO_PASSWORD}")
