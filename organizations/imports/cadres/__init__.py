"""Cadre lists: the import and export of cadres with their primary post.

A row is keyed by the national ID when given, else by the cadre code; a key found updates
that record, so importing the same file again changes nothing. The post rules are
`cadre_update`'s: a change of unit, organisation, kind or volunteer charge ends the open
primary post the day before and opens a new one (from "Từ ngày", else today); a change of
title alone edits the post in place. An empty optional cell keeps the stored value.
"""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ...models import Cadre, Ethnicity, Gender, Organisation, Post, PostKind
from ...services.validation import (
    Errors,
    check_birth_date,
    check_email,
    check_name,
    check_national_id,
    check_phone,
)
from .. import cells
from ..reading import Column
from ..registry import (
    CREATE,
    PREVIEW_ROWS,
    UNCHANGED,
    UPDATE,
    Context,
    ImportKind,
    Plan,
    register,
)
from ..units_lookup import CHUNK, normalise_code, resolve_unit_codes
from .columns import (
    CODE,
    ORGANISATION_ALIASES,
    PERSON,
    cadre_columns,
    date_text,
    labels,
    organisation_column,
)
from .writing import cadres_export_rows, cadres_write

__all__ = ["ORGANISATION_ALIASES", "CadreImport", "labels", "organisation_column"]


class CadreImport(ImportKind):
    name = "cadres"
    label = gettext_lazy("Danh sách cán bộ")
    filename = "can-bo"
    guide = gettext_lazy(
        "Mỗi dòng là một cán bộ với chức vụ chính. Cán bộ đã có (cùng Số CCCD, hoặc cùng Mã "
        "cán bộ khi không có CCCD) được cập nhật, không tạo bản ghi mới. Ô trống ở cột không "
        "bắt buộc: khi thêm mới lấy mặc định, khi cập nhật giữ nguyên giá trị đang có."
    )

    @property
    def columns(self) -> list[Column]:
        return cadre_columns()

    def back_url(self, scope_unit, target_id) -> str:
        return reverse("unit_detail", args=[scope_unit.code])

    # --- Checking -----------------------------------------------------------------------

    def plan(self, ctx: Context, rows: list[tuple[int, dict]]) -> Plan:
        errors = ctx.errors
        titles = {c.key: c.title for c in self.columns}
        tables = {
            "gender": cells.choice_lookup(Gender),
            "ethnicity": cells.choice_lookup(Ethnicity, {"K'Ho": Ethnicity.CO_HO}),
            "organisation": cells.choice_lookup(Organisation, ORGANISATION_ALIASES),
            "kind": cells.choice_lookup(PostKind),
        }
        allowed = {
            "gender": labels(Gender),
            "ethnicity": _("Tên một trong 54 dân tộc"),
            "organisation": labels(Organisation),
            "kind": labels(PostKind),
        }
        messages = self._messages()
        self._labels = {
            "gender": {k: str(v) for k, v in Gender.choices},
            "kind": {k: str(v) for k, v in PostKind.choices},
        }
        parsed = []
        for i, (number, raw) in enumerate(rows, start=1):
            ctx.progress(i)
            parsed.append(self._parse_row(errors, number, raw, titles, tables, allowed, messages))

        units = resolve_unit_codes({p["unit"] for p in parsed if p["unit"]}, ctx.scope_unit)
        by_nid, by_code = self._existing(
            {p["national_id"] for p in parsed if p["national_id"]},
            {p["code"] for p in parsed if p["code"]},
        )
        cadre_ids = {c.pk for c in by_nid.values()} | {c.pk for c in by_code.values()}
        open_posts = self._open_posts(cadre_ids)

        plan = Plan()
        creates, updates, seen_nid, seen_code, seen_pk = [], [], {}, {}, {}
        scope_path = ctx.scope_unit.path
        today = timezone.localdate()
        for p in parsed:
            number = p["row"]
            unit = units.get(p["unit"]) if p["unit"] else None
            if p["unit"] and unit is None:
                errors.add(
                    number,
                    titles["unit"],
                    p["unit"],
                    _("Không có đơn vị mã này trong phạm vi bạn quản lý."),
                    _("Mã một đơn vị thuộc %(unit)s") % {"unit": ctx.scope_unit.name},
                )
            elif unit is not None and not unit.is_active:
                errors.add(
                    number,
                    titles["unit"],
                    p["unit"],
                    _("Đơn vị đã ngừng hoạt động."),
                    _("Mã một đơn vị đang hoạt động"),
                )
            for key, seen in (("national_id", seen_nid), ("code", seen_code)):
                if p[key]:
                    if p[key] in seen:
                        errors.add(
                            number,
                            titles[key],
                            p[key],
                            _("Trùng với dòng %(row)d của tệp.") % {"row": seen[p[key]]},
                            _("Mỗi cán bộ chỉ một dòng"),
                        )
                    else:
                        seen[p[key]] = number
            cadre = self._match(errors, p, by_nid, by_code, titles, scope_path)
            if cadre is not None:
                if cadre.pk in seen_pk:
                    errors.add(
                        number,
                        titles["national_id" if p["national_id"] else "code"],
                        p["national_id"] or p["code"],
                        _("Cùng một cán bộ với dòng %(row)d của tệp.") % {"row": seen_pk[cadre.pk]},
                        _("Mỗi cán bộ chỉ một dòng"),
                    )
                seen_pk[cadre.pk] = number
            if number in errors.rows or unit is None:
                continue
            if cadre is None:
                self._plan_create(ctx, p, unit, today, creates, plan)
            else:
                self._plan_update(ctx, p, unit, cadre, open_posts, today, updates, plan)
        plan.data = {"creates": creates, "updates": updates}
        return plan

    def _messages(self) -> dict:
        """Every text a row check may need, translated once per file, not once per row."""
        return {
            "empty": _("Không được để trống."),
            "full_name": _("Họ và tên"),
            "title": _("Chức vụ"),
            "unit": _("Mã đơn vị"),
            "bad_code": _("Mã cán bộ không hợp lệ."),
            "code_rule": _("Chữ cái không dấu, chữ số hoặc “-”, tối đa 32 ký tự"),
            "expected": {
                "full_name": _("Tối đa 150 ký tự"),
                "title": _("Tối đa 150 ký tự"),
                "national_id": _("Đúng 12 chữ số"),
                "email": _("Địa chỉ email, ví dụ ten@example.vn"),
                "phone": _("8–20 chữ số"),
                "date_of_birth": _("Một ngày trong quá khứ, dd/mm/yyyy"),
            },
        }

    def _parse_row(self, errors, number, raw, titles, tables, allowed, m) -> dict:
        row_errors = Errors()
        p = {"row": number}
        for key in ("full_name", "title"):
            value = cells.text(raw.get(key))
            p[key] = check_name(row_errors, key, value, m[key]) if value else ""
            if not value:
                errors.add(number, titles[key], "", m["empty"], m[key])
        for key in ("gender", "organisation", "kind", "ethnicity"):
            value = raw.get(key)
            p[key] = cells.choice(errors, number, titles[key], value, tables[key], allowed[key])
            if key != "ethnicity" and p[key] is None and cells.is_blank(value):
                errors.add(number, titles[key], "", m["empty"], allowed[key])
        dob = cells.date(errors, number, titles["date_of_birth"], raw.get("date_of_birth"))
        p["date_of_birth"] = dob
        check_birth_date(row_errors, dob)
        nid = cells.digits(errors, number, titles["national_id"], raw.get("national_id"), length=12)
        p["national_id"] = check_national_id(row_errors, nid)
        p["email"] = check_email(row_errors, cells.text(raw.get("email")))
        phone = cells.digits(errors, number, titles["phone"], raw.get("phone"))
        p["phone"] = check_phone(row_errors, phone)
        p["unit"] = normalise_code(cells.text(raw.get("unit")))
        if not p["unit"]:
            errors.add(number, titles["unit"], "", m["empty"], m["unit"])
        p["volunteer"] = cells.yes_no(errors, number, titles["volunteer"], raw.get("volunteer"))
        p["start_date"] = cells.date(errors, number, titles["start_date"], raw.get("start_date"))
        code = normalise_code(cells.text(raw.get("code")))
        if code and not CODE.match(code):
            errors.add(number, titles["code"], raw.get("code"), m["bad_code"], m["code_rule"])
            code = ""
        p["code"] = code
        for field, messages in row_errors.by_field.items():
            for message in messages:
                errors.add(number, titles[field], raw.get(field), message, m["expected"][field])
        return p

    def _existing(self, nids: set[str], codes: set[str]):
        """Cadres the file's keys name, in a few queries whatever the file's size."""
        fields = ("id", "code", "unit_id", "unit__path", *PERSON)
        found: dict[str, dict[str, Cadre]] = {"national_id": {}, "code": {}}
        for field, keys in (("national_id", sorted(nids)), ("code", sorted(codes))):
            for start in range(0, len(keys), CHUNK):
                query = Cadre.objects.filter(**{f"{field}__in": keys[start : start + CHUNK]})
                for cadre in query.select_related("unit").only(*fields):
                    found[field][getattr(cadre, field)] = cadre
        return found["national_id"], found["code"]

    def _open_posts(self, cadre_ids: set[int]) -> dict[int, list[Post]]:
        posts: dict[int, list[Post]] = {}
        ids = sorted(cadre_ids)
        for start in range(0, len(ids), CHUNK):
            for post in Post.objects.filter(
                cadre_id__in=ids[start : start + CHUNK], end_date__isnull=True
            ):
                posts.setdefault(post.cadre_id, []).append(post)
        return posts

    def _match(self, errors, p, by_nid, by_code, titles, scope_path) -> Cadre | None:
        number = p["row"]
        nid, code = p["national_id"], p["code"]
        outside = _("Hồ sơ cán bộ này thuộc đơn vị ngoài phạm vi bạn quản lý.")
        cadre = by_nid.get(nid) if nid else None
        if cadre is not None:
            if not cadre.unit.path.startswith(scope_path):
                errors.add(number, titles["national_id"], nid, outside, _("Cán bộ trong phạm vi"))
                return None
            if code and code != cadre.code:
                errors.add(
                    number,
                    titles["code"],
                    code,
                    _("Mã cán bộ không khớp với hồ sơ có Số CCCD này (hồ sơ mang mã %(code)s).")
                    % {"code": cadre.code},
                    _("Mã %(code)s hoặc để trống") % {"code": cadre.code},
                )
            return cadre
        cadre = by_code.get(code) if code else None
        if cadre is None:
            return None
        if not cadre.unit.path.startswith(scope_path):
            errors.add(
                number,
                titles["code"],
                code,
                _("Mã cán bộ đã được dùng cho một hồ sơ ngoài phạm vi bạn quản lý."),
                _("Một mã khác, hoặc để trống để hệ thống tự cấp"),
            )
            return None
        if nid and cadre.national_id and cadre.national_id != nid:
            errors.add(
                number,
                titles["national_id"],
                nid,
                _("Cán bộ mã %(code)s đang có một Số CCCD khác.") % {"code": code},
                _("Số CCCD đang lưu của cán bộ, hoặc sửa trên trang cán bộ"),
            )
            return None
        return cadre

    def _person(self, ctx: Context, p: dict, cadre: Cadre | None) -> dict:
        """The person's fields after this row: an empty cell keeps the stored value."""
        if cadre is None:
            person = {name: p[name] or "" for name in PERSON}
            person["ethnicity"] = p["ethnicity"] or Ethnicity.KINH
            person["date_of_birth"] = p["date_of_birth"]
            return person
        return {name: getattr(cadre, name) if p[name] in (None, "") else p[name] for name in PERSON}

    def _display(self, p: dict, code: str, person: dict, unit, plan: Plan) -> list:
        """What the preview shows of a row (only the first rows are ever shown)."""
        if len(plan.actions) >= PREVIEW_ROWS:
            return []
        return [
            code,
            person["national_id"],
            person["full_name"],
            self._labels["gender"][person["gender"]],
            date_text(person["date_of_birth"]),
            unit.code,
            p["title"],
            self._labels["kind"][p["kind"]],
        ]

    def preview_headers(self) -> list[str]:
        return [
            _("Mã cán bộ"),
            _("Số CCCD"),
            _("Họ và tên"),
            _("Giới tính"),
            _("Ngày sinh"),
            _("Mã đơn vị"),
            _("Chức vụ"),
            _("Chế độ"),
        ]

    def _plan_create(self, ctx, p, unit, today, creates, plan) -> None:
        person = self._person(ctx, p, None)
        code = p["code"]
        creates.append(
            {
                "row": p["row"],
                "code": code,
                "person": person,
                "unit": unit,
                "post": {
                    "organisation": p["organisation"],
                    "title": p["title"],
                    "kind": p["kind"],
                    "in_charge_of_volunteer_work": bool(p["volunteer"]),
                    "start_date": p["start_date"] or today,
                },
            }
        )
        plan.actions.append((p["row"], CREATE, self._display(p, code or "—", person, unit, plan)))

    def _plan_update(self, ctx, p, unit, cadre, open_posts, today, updates, plan) -> None:
        person = self._person(ctx, p, cadre)
        person_changed = any(getattr(cadre, n) != person[n] for n in PERSON) or (
            cadre.unit_id != unit.pk
        )
        posts = open_posts.get(cadre.pk, [])
        primary = next((post for post in posts if post.is_primary), None)
        wanted = {
            "unit_id": unit.pk,
            "organisation": p["organisation"],
            "title": p["title"],
            "kind": p["kind"],
            "in_charge_of_volunteer_work": (
                p["volunteer"]
                if p["volunteer"] is not None
                else bool(primary and primary.in_charge_of_volunteer_work)
            ),
        }
        post_step = None
        if primary is None:
            post_step = "new"
        elif any(getattr(primary, k) != v for k, v in wanted.items()):
            counts = any(
                getattr(primary, k) != wanted[k]
                for k in ("unit_id", "organisation", "kind", "in_charge_of_volunteer_work")
            )
            start = p["start_date"] or today
            if counts and (primary.start_date is None or primary.start_date < start):
                post_step = "replace"
            else:
                post_step = "edit"
        moves = primary is None or (primary.unit_id, primary.organisation) != (
            unit.pk,
            wanted["organisation"],
        )
        if post_step is not None and moves:
            clash = any(
                not post.is_primary
                and post.unit_id == unit.pk
                and post.organisation == wanted["organisation"]
                for post in posts
            )
            if clash:
                ctx.errors.add(
                    p["row"],
                    _("Mã đơn vị"),
                    unit.code,
                    _("Cán bộ đang có một chức vụ khác ở đơn vị và tổ chức này."),
                    _("Sửa chức vụ đó trên trang cán bộ"),
                )
                return
        code = cadre.code
        if not person_changed and post_step is None:
            plan.actions.append((p["row"], UNCHANGED, self._display(p, code, person, unit, plan)))
            return
        updates.append(
            {
                "row": p["row"],
                "cadre": cadre,
                "person": person if person_changed else None,
                "unit": unit,
                "post_step": post_step,
                "primary": primary,
                "post": wanted,
                "start_date": p["start_date"] or today,
            }
        )
        plan.actions.append((p["row"], UPDATE, self._display(p, code, person, unit, plan)))

    def apply(self, ctx: Context, plan: Plan) -> dict:
        return cadres_write(ctx, plan)

    def export_rows(self, actor, scope_unit, target_id):
        return cadres_export_rows(scope_unit)


register(CadreImport())
