"""Class rosters from a spreadsheet: participants of one class with their paper-test scores.

Registered with the import core of organizations (from `CoursesConfig.ready`). A row names
a cadre by national ID or cadre code, among the cadres the organizer may see; the name,
when given, must be the record's. Missing participants are added, scores are updated; an
empty score cell keeps the stored score. Scores follow `class_scores_record` (0–100).
"""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from organizations.imports import (
    CREATE,
    UNCHANGED,
    UPDATE,
    Column,
    Context,
    ImportKind,
    Plan,
    cells,
    import_committed,
    normalise_code,
    register,
)
from organizations.models import Cadre
from organizations.permissions import Action, can

from .models import CascadeReach, ClassParticipant, ClassTrainer, TrainingClass
from .services.cascade import cascade_dedicated_sync, cascade_mark_stale

CHUNK = 2000
SCORES = ("pre_test_score", "post_test_score")


def _same_name(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


class RosterImport(ImportKind):
    name = "roster"
    label = gettext_lazy("Danh sách học viên")
    filename = "hoc-vien"
    actions = (Action.IMPORT_DATA, Action.MANAGE_CLASSES)
    guide = gettext_lazy(
        "Mỗi dòng là một học viên của lớp, nhận diện theo Số CCCD hoặc Mã cán bộ (cần một "
        "trong hai), trong phạm vi bạn quản lý. Học viên chưa có trong lớp được thêm vào; "
        "điểm được cập nhật. Ô điểm để trống: giữ nguyên điểm đang có."
    )

    @property
    def columns(self) -> list[Column]:
        score = _("Số từ 0 đến 100 (thang phần trăm), ví dụ 85 hoặc 72,5")
        return [
            Column(
                "code", _("Mã cán bộ"), allowed=_("Mã cán bộ trên hệ thống"), example="CB1A2B3C4D5"
            ),
            Column(
                "national_id",
                _("Số CCCD"),
                help=_("Cần Mã cán bộ hoặc Số CCCD. Định dạng cột là Văn bản (Text)."),
                allowed=_("Đúng 12 chữ số"),
                example="068095001234",
                aliases=("CCCD",),
            ),
            Column(
                "full_name",
                _("Họ và tên"),
                help=_("Đối chiếu với hồ sơ; khác tên trên hồ sơ là lỗi."),
                allowed=_("Họ và tên như trên hồ sơ"),
                example="Nguyễn Thị Hoa",
            ),
            Column("pre_test_score", _("Điểm kiểm tra đầu vào"), allowed=score, example=60),
            Column(
                "post_test_score",
                _("Điểm kiểm tra đầu ra"),
                allowed=score,
                example=85,
                aliases=("Điểm kiểm tra cuối khoá", "Điểm kiểm tra cuối khóa"),
            ),
        ]

    def _class(self, target_id):
        return TrainingClass.objects.select_related("host_unit").filter(pk=target_id).first()

    def allowed(self, actor, scope_unit, target_id) -> bool:
        training_class = self._class(target_id)
        return (
            training_class is not None
            and training_class.host_unit_id == scope_unit.pk
            and super().allowed(actor, scope_unit, target_id)
        )

    def back_url(self, scope_unit, target_id) -> str:
        return reverse("class_detail", args=[target_id])

    def import_url(self, scope_unit, target_id) -> str:
        return reverse("class_roster_import", args=[target_id])

    def heading(self, scope_unit, target_id) -> str:
        return f"{self.label} — {self._class(target_id)}"

    def preview_headers(self) -> list[str]:
        return [_("Mã cán bộ"), _("Họ và tên"), _("Điểm đầu vào"), _("Điểm đầu ra")]

    def plan(self, ctx: Context, rows: list[tuple[int, dict]]) -> Plan:
        errors = ctx.errors
        titles = {c.key: c.title for c in self.columns}
        parsed = []
        for i, (number, raw) in enumerate(rows, start=1):
            ctx.progress(i)
            p = {"row": number, "full_name": cells.text(raw.get("full_name"))}
            p["code"] = normalise_code(cells.text(raw.get("code")))
            p["national_id"] = cells.digits(
                errors, number, titles["national_id"], raw.get("national_id"), length=12
            )
            if not p["code"] and not p["national_id"] and number not in errors.rows:
                errors.add(
                    number,
                    titles["code"],
                    "",
                    _("Cần Mã cán bộ hoặc Số CCCD."),
                    _("Mã cán bộ hoặc Số CCCD (12 chữ số)"),
                )
            for key in SCORES:
                p[key] = cells.decimal(errors, number, titles[key], raw.get(key))
            parsed.append(p)

        by_nid = self._cadres("national_id", {p["national_id"] for p in parsed} - {""})
        by_code = self._cadres("code", {p["code"] for p in parsed} - {""})
        participants = {
            p.cadre_id: p for p in ClassParticipant.objects.filter(training_class_id=ctx.target_id)
        }
        trainers = set(
            ClassTrainer.objects.filter(training_class_id=ctx.target_id).values_list(
                "cadre_id", flat=True
            )
        )
        plan = Plan()
        creates, updates, seen = [], [], {}
        for p in parsed:
            number = p["row"]
            if number in errors.rows:
                continue
            cadre = by_nid.get(p["national_id"]) if p["national_id"] else by_code.get(p["code"])
            key_column = titles["national_id" if p["national_id"] else "code"]
            if cadre is None or not can(ctx.actor, Action.VIEW_CADRES, cadre.unit):
                errors.add(
                    number,
                    key_column,
                    p["national_id"] or p["code"],
                    _("Không tìm thấy cán bộ này trong phạm vi bạn quản lý."),
                    _("Mã cán bộ hoặc Số CCCD của một cán bộ trong phạm vi"),
                )
                continue
            if p["national_id"] and p["code"] and p["code"] != cadre.code:
                errors.add(
                    number,
                    titles["code"],
                    p["code"],
                    _("Mã cán bộ không khớp với hồ sơ có Số CCCD này."),
                    cadre.code,
                )
            if p["full_name"] and not _same_name(p["full_name"], cadre.full_name):
                errors.add(
                    number,
                    titles["full_name"],
                    p["full_name"],
                    _("Họ và tên khác với hồ sơ của cán bộ."),
                    cadre.full_name,
                )
            if cadre.pk in seen:
                errors.add(
                    number,
                    key_column,
                    p["national_id"] or p["code"],
                    _("Trùng với dòng %(row)d của tệp.") % {"row": seen[cadre.pk]},
                    _("Mỗi học viên chỉ một dòng"),
                )
            seen.setdefault(cadre.pk, number)
            if cadre.pk in trainers:
                errors.add(
                    number,
                    key_column,
                    p["national_id"] or p["code"],
                    _("Cán bộ đang là giảng viên của lớp này."),
                    _("Một học viên, không phải giảng viên"),
                )
            if number in errors.rows:
                continue
            scores = {k: p[k] for k in SCORES if p[k] is not None}
            participant = participants.get(cadre.pk)
            shown = [
                cadre.code,
                cadre.full_name,
                *("" if p[k] is None else str(p[k]) for k in SCORES),
            ]
            if participant is None:
                creates.append(
                    ClassParticipant(training_class_id=ctx.target_id, cadre=cadre, **scores)
                )
                plan.actions.append((number, CREATE, shown))
            elif any(getattr(participant, k) != v for k, v in scores.items()):
                for k, v in scores.items():
                    setattr(participant, k, v)
                updates.append(participant)
                plan.actions.append((number, UPDATE, shown))
            else:
                plan.actions.append((number, UNCHANGED, shown))
        plan.data = {"creates": creates, "updates": updates}
        return plan

    def _cadres(self, field: str, keys: set[str]) -> dict[str, Cadre]:
        found, keys = {}, sorted(keys)
        for start in range(0, len(keys), CHUNK):
            query = Cadre.objects.filter(**{f"{field}__in": keys[start : start + CHUNK]})
            for cadre in query.select_related("unit"):
                found[getattr(cadre, field)] = cadre
        return found

    def apply(self, ctx: Context, plan: Plan) -> dict:
        creates, updates = plan.data["creates"], plan.data["updates"]
        ClassParticipant.objects.bulk_create(creates, batch_size=1000)
        ClassParticipant.objects.bulk_update(updates, list(SCORES), batch_size=1000)
        if creates or updates:
            cascade_mark_stale(class_ids=[ctx.target_id])
        return {"_signal": {"cadre_ids": [p.cadre_id for p in creates + updates]}}

    def export_rows(self, actor, scope_unit, target_id):
        participants = (
            ClassParticipant.objects.filter(training_class_id=target_id)
            .select_related("cadre")
            .order_by("cadre__full_name", "id")
        )
        for p in participants:
            yield [
                p.cadre.code,
                p.cadre.national_id,
                p.cadre.full_name,
                p.pre_test_score,
                p.post_test_score,
            ]


ROSTER = register(RosterImport())


def cadres_imported(sender, *, kind, cadre_ids, **kwargs) -> None:
    """A cadre import writes posts in bulk (no post_save): bring the dedicated flag of the
    reach rows of those cadres already reached by a cascade in line, as `post_changed`
    does for one post."""
    if kind != "cadres":
        return
    ids = sorted(set(cadre_ids))
    for start in range(0, len(ids), CHUNK):
        reached = CascadeReach.objects.filter(cadre_id__in=ids[start : start + CHUNK])
        for cadre_id in reached.values_list("cadre_id", flat=True).distinct():
            cascade_dedicated_sync(cadre_id=cadre_id)


import_committed.connect(cadres_imported, dispatch_uid="courses.cadres_imported")
