"""Registering cadres and their posts."""

import datetime
import secrets

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import Cadre, Ethnicity, Gender, Organisation, OrgUnit, Post, PostKind
from ..permissions import Action, require
from .validation import (
    Errors,
    check_birth_date,
    check_choice,
    check_email,
    check_name,
    check_national_id,
    check_phone,
)

PERSON_FIELDS = (
    "full_name",
    "gender",
    "ethnicity",
    "date_of_birth",
    "national_id",
    "email",
    "phone",
)


def _new_code() -> str:
    return "CB" + secrets.token_hex(5).upper()


def _clean_person(errors: Errors, data: dict, *, exclude_pk: int | None = None) -> dict:
    clean = {
        "full_name": check_name(errors, "full_name", data.get("full_name", ""), _("Họ và tên")),
        "gender": check_choice(errors, "gender", data.get("gender", ""), Gender, _("Giới tính")),
        "ethnicity": check_choice(
            errors, "ethnicity", data.get("ethnicity") or Ethnicity.KINH, Ethnicity, _("Dân tộc")
        ),
        "date_of_birth": data.get("date_of_birth"),
        "national_id": check_national_id(errors, data.get("national_id", "")),
        "email": check_email(errors, data.get("email", "")),
        "phone": check_phone(errors, data.get("phone", "")),
    }
    check_birth_date(errors, clean["date_of_birth"])
    if clean["national_id"]:
        taken = Cadre.objects.filter(national_id=clean["national_id"]).exclude(pk=exclude_pk)
        if taken.exists():
            errors.add(
                "national_id",
                _("Số CCCD %(id)s đã có trong hệ thống cho một cán bộ khác.")
                % {"id": clean["national_id"]},
            )
    return clean


def _clean_post(errors: Errors, data: dict, unit: OrgUnit) -> dict:
    if not unit.is_active:
        errors.add("unit", _("Đơn vị %(code)s đã ngừng hoạt động.") % {"code": unit.code})
    organisation = data.get("organisation") or unit.organisation
    return {
        "title": check_name(errors, "title", data.get("title", ""), _("Chức vụ")),
        "kind": check_choice(errors, "kind", data.get("kind", ""), PostKind, _("Chế độ")),
        "organisation": check_choice(
            errors, "organisation", organisation, Organisation, _("Tổ chức")
        ),
        "in_charge_of_volunteer_work": bool(data.get("in_charge_of_volunteer_work")),
        # A post registered without a start date starts the day it is registered, so
        # figures of earlier dates do not count it.
        "start_date": data.get("start_date") or timezone.localdate(),
    }


def _integrity_to_validation(exc: IntegrityError) -> Errors:
    errors = Errors()
    text = str(exc)
    if "national_id" in text:
        errors.add("national_id", _("Số CCCD này đã có trong hệ thống cho một cán bộ khác."))
    else:
        errors.add("__all__", _("Dữ liệu trùng với một bản ghi đã có; không có gì được lưu."))
    return errors


def cadre_create(
    *,
    actor,
    unit: OrgUnit,
    full_name: str,
    gender: str,
    title: str,
    kind: str,
    ethnicity: str = Ethnicity.KINH,
    date_of_birth: datetime.date | None = None,
    national_id: str = "",
    email: str = "",
    phone: str = "",
    organisation: str = "",
    in_charge_of_volunteer_work: bool = False,
    start_date: datetime.date | None = None,
    request_key: str | None = None,
) -> Cadre:
    """Register a cadre with their primary post at `unit`.

    `request_key` comes from the form that was submitted: a retried or doubled submit of
    the same form returns the cadre the first one created instead of creating another.
    """
    require(actor, Action.MANAGE_CADRES, unit)
    if request_key:
        earlier = Cadre.objects.filter(request_key=request_key).first()
        if earlier is not None:
            return earlier
    errors = Errors()
    person = _clean_person(
        errors,
        {
            "full_name": full_name,
            "gender": gender,
            "ethnicity": ethnicity,
            "date_of_birth": date_of_birth,
            "national_id": national_id,
            "email": email,
            "phone": phone,
        },
    )
    post = _clean_post(
        errors,
        {
            "title": title,
            "kind": kind,
            "organisation": organisation,
            "in_charge_of_volunteer_work": in_charge_of_volunteer_work,
            "start_date": start_date,
        },
        unit,
    )
    errors.raise_if_any()
    try:
        with transaction.atomic():
            cadre = Cadre.objects.create(
                code=_new_code(), unit=unit, request_key=request_key or None, **person
            )
            Post.objects.create(cadre=cadre, unit=unit, is_primary=True, **post)
    except IntegrityError as exc:
        if request_key:
            earlier = Cadre.objects.filter(request_key=request_key).first()
            if earlier is not None:
                return earlier
        _integrity_to_validation(exc).raise_if_any()
    return cadre


def cadre_update(
    *,
    actor,
    cadre: Cadre,
    unit: OrgUnit | None = None,
    title: str | None = None,
    kind: str | None = None,
    in_charge_of_volunteer_work: bool | None = None,
    **person: object,
) -> Cadre:
    """Change a cadre's personal data and primary post; moving them needs rights on both units."""
    require(actor, Action.MANAGE_CADRES, cadre.unit)
    if unit is not None and unit.pk != cadre.unit_id:
        require(actor, Action.MANAGE_CADRES, unit)
    unknown = set(person) - set(PERSON_FIELDS)
    if unknown:
        raise TypeError(f"cadre_update got unexpected fields: {sorted(unknown)}")
    errors = Errors()
    merged = {name: getattr(cadre, name) for name in PERSON_FIELDS} | person
    clean = _clean_person(errors, merged, exclude_pk=cadre.pk)
    primary = cadre.posts.filter(is_primary=True, end_date__isnull=True).first()
    target_unit = unit or cadre.unit
    post_data = {
        "title": title if title is not None else (primary.title if primary else ""),
        "kind": kind if kind is not None else (primary.kind if primary else ""),
        "organisation": primary.organisation if primary else "",
        "in_charge_of_volunteer_work": (
            in_charge_of_volunteer_work
            if in_charge_of_volunteer_work is not None
            else bool(primary and primary.in_charge_of_volunteer_work)
        ),
    }
    post = _clean_post(errors, post_data, target_unit)
    errors.raise_if_any()
    try:
        with transaction.atomic():
            for name, value in clean.items():
                setattr(cadre, name, value)
            cadre.unit = target_unit
            cadre.save()
            post.pop("start_date")
            today = timezone.localdate()
            if primary is None:
                Post.objects.create(
                    cadre=cadre, unit=target_unit, is_primary=True, start_date=today, **post
                )
            elif _changes_what_counts(primary, target_unit, post) and (
                primary.start_date is None or primary.start_date < today
            ):
                primary.end_date = today - datetime.timedelta(days=1)
                primary.save(update_fields=["end_date"])
                Post.objects.create(
                    cadre=cadre, unit=target_unit, is_primary=True, start_date=today, **post
                )
            else:
                primary.unit = target_unit
                for name, value in post.items():
                    setattr(primary, name, value)
                primary.save()
    except IntegrityError as exc:
        _integrity_to_validation(exc).raise_if_any()
    return cadre


def _changes_what_counts(primary: Post, unit: OrgUnit, post: dict) -> bool:
    """A move, or a change of kind or of the volunteer-work charge, starts a new post so the
    old one keeps the cadre's history (indicators of past dates count it where it was)."""
    return (
        primary.unit_id != unit.pk
        or primary.kind != post["kind"]
        or primary.in_charge_of_volunteer_work != post["in_charge_of_volunteer_work"]
    )


def post_add(
    *,
    actor,
    cadre: Cadre,
    unit: OrgUnit,
    title: str,
    kind: str,
    organisation: str = "",
    in_charge_of_volunteer_work: bool = False,
    start_date: datetime.date | None = None,
) -> Post:
    """Give a cadre a further (non-primary) post, e.g. in a second organisation."""
    require(actor, Action.MANAGE_CADRES, unit)
    errors = Errors()
    data = _clean_post(
        errors,
        {
            "title": title,
            "kind": kind,
            "organisation": organisation,
            "in_charge_of_volunteer_work": in_charge_of_volunteer_work,
            "start_date": start_date,
        },
        unit,
    )
    errors.raise_if_any()
    existing = Post.objects.filter(
        cadre=cadre, unit=unit, organisation=data["organisation"], end_date__isnull=True
    ).first()
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            return Post.objects.create(cadre=cadre, unit=unit, is_primary=False, **data)
    except IntegrityError:
        return Post.objects.get(
            cadre=cadre, unit=unit, organisation=data["organisation"], end_date__isnull=True
        )


def post_end(*, actor, post: Post, end_date: datetime.date) -> Post:
    """Close a post on a date; history keeps it for indicators of earlier periods."""
    require(actor, Action.MANAGE_CADRES, post.unit)
    if post.end_date is not None:
        return post
    if post.start_date and end_date < post.start_date:
        errors = Errors()
        errors.add("end_date", _("Ngày kết thúc phải sau ngày bắt đầu chức vụ."))
        errors.raise_if_any()
    post.end_date = end_date
    post.save(update_fields=["end_date"])
    return post
