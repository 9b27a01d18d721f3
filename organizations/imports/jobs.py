"""Import jobs: upload, background check, confirmation and the one-transaction write.

The upload is refused at once when too large; checking runs in a Celery task queued after
commit and stores either the errors (row, column, what is wrong, what is expected) or a
preview. Confirming moves the job from "ready" to "importing" with a conditional UPDATE,
so a doubled confirm queues one write; the write checks everything again inside one
transaction and writes all rows or none.
"""

import hashlib
import logging
import os

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import ImportJob, ImportStatus, OrgUnit
from ..permissions import can
from .cells import RowErrors
from .reading import (
    FileProblem,
    formula_check,
    in_file_language,
    read_table,
    rows_dump,
    rows_load,
)
from .registry import Context, ImportKind, kind_get
from .signals import import_committed

logger = logging.getLogger(__name__)
EXTENSIONS = (".xlsx", ".csv")
_PROGRESS_KEY = "import-job-progress:{}"


class _Invalid(Exception):
    """Raised inside the write transaction to roll it back when a row is now invalid."""


def _kind(name: str) -> ImportKind:
    kind = kind_get(name)
    if kind is None:
        raise ValueError(f"unknown import kind: {name}")
    return kind


def import_job_create(
    *,
    actor,
    kind: str,
    scope_unit: OrgUnit,
    upload,
    target_id: int | None = None,
    request_key: str | None = None,
) -> ImportJob:
    """Store an uploaded file as a job and queue its check; a doubled submit of the same
    form (same `request_key`) returns the first job."""
    import_kind = _kind(kind)
    import_kind.authorize(actor, scope_unit, target_id)
    earlier = _earlier(request_key)
    if earlier is not None:
        return earlier
    name = os.path.basename(getattr(upload, "name", "") or "")[:255]
    limit = settings.IMPORT_MAX_BYTES
    if upload is None or not name:
        raise ValidationError({"file": _("Chọn một tệp .xlsx hoặc .csv để tải lên.")})
    if upload.size > limit:
        raise ValidationError(
            {
                "file": _(
                    "Tệp nặng %(size).1f MB, vượt giới hạn %(limit).0f MB. Hãy xoá các cột, "
                    "trang tính hoặc hình ảnh không cần thiết, hoặc chia thành nhiều tệp."
                )
                % {"size": upload.size / 1024 / 1024, "limit": limit / 1024 / 1024}
            }
        )
    if not name.lower().endswith(EXTENSIONS):
        raise ValidationError(
            {
                "file": _(
                    "Chỉ nhận tệp Excel .xlsx hoặc .csv (tệp .xls cũ: mở bằng Excel rồi "
                    "“Lưu thành” .xlsx)."
                )
            }
        )
    if upload.size == 0:
        raise ValidationError({"file": _("Tệp trống.")})
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    job = ImportJob(
        kind=kind,
        scope_unit=scope_unit,
        target_id=target_id,
        created_by=actor if getattr(actor, "pk", None) else None,
        original_name=name,
        sha256=digest.hexdigest(),
        request_key=request_key or None,
    )
    try:
        with transaction.atomic():
            job.file.save(
                f"{digest.hexdigest()[:16]}{os.path.splitext(name)[1].lower()}", upload, False
            )
            job.save()
            transaction.on_commit(lambda: _queue("validate", job.pk))
    except IntegrityError:
        # The same form submitted twice at once: the other request stored it first.
        earlier = _earlier(request_key)
        if earlier is None:
            raise
        if job.file:
            job.file.delete(save=False)
        return earlier
    return job


def _earlier(request_key: str | None) -> ImportJob | None:
    return ImportJob.objects.filter(request_key=request_key).first() if request_key else None


def _queue(step: str, job_id: int) -> None:
    from . import tasks

    task = tasks.import_job_validate if step == "validate" else tasks.import_job_commit
    task.delay(job_id)


def _progress_store(job_id: int, done: int) -> None:
    cache.set(_PROGRESS_KEY.format(job_id), done, 60 * 60)


def import_job_progress(job: ImportJob) -> int:
    """Rows done so far: the running step reports through the cache, since the write step
    holds its rows in one uncommitted transaction."""
    if job.is_running:
        return max(job.processed_rows, cache.get(_PROGRESS_KEY.format(job.pk)) or 0)
    return job.processed_rows


def _context(job: ImportJob, actor) -> Context:
    return Context(
        actor=actor,
        scope_unit=job.scope_unit,
        target_id=job.target_id,
        job_id=job.pk,
        on_progress=lambda done: _progress_store(job.pk, done),
    )


def _read(job: ImportJob, kind: ImportKind, errors: RowErrors):
    with job.file.open("rb") as handle:
        data = handle.read()
    try:
        table = read_table(data, job.original_name, kind.columns)
    except FileProblem as problem:
        errors.add(problem.row, "", "", problem.message, "")
        return None
    formula_check(errors, table, kind.columns)
    return table


def _finish(job: ImportJob, status: str, errors: RowErrors, **fields) -> ImportJob:
    job.status = status
    job.errors = errors.items
    job.error_count = errors.count
    for name, value in fields.items():
        setattr(job, name, value)
    if status in (ImportStatus.INVALID, ImportStatus.DONE, ImportStatus.FAILED):
        job.finished_at = timezone.now()
    job.save()
    cache.delete(_PROGRESS_KEY.format(job.pk))
    return job


@in_file_language
def import_job_validate(*, job_id: int) -> ImportJob | None:
    """Check a freshly uploaded file (nothing is written but the job); harmless when run
    again, since only a job still being checked is checked."""
    job = ImportJob.objects.select_related("scope_unit", "created_by").filter(pk=job_id).first()
    if job is None or job.status != ImportStatus.VALIDATING:
        return job
    kind = _kind(job.kind)
    ctx = _context(job, job.created_by)
    table = _read(job, kind, ctx.errors)
    if table is None:
        return _finish(job, ImportStatus.INVALID, ctx.errors)
    ImportJob.objects.filter(pk=job.pk).update(total_rows=len(table.rows))
    job.total_rows = len(table.rows)
    if not table.rows:
        ctx.errors.add(None, "", "", _("Tệp không có dòng dữ liệu nào dưới dòng tiêu đề."))
        return _finish(job, ImportStatus.INVALID, ctx.errors)
    ctx.present = table.present
    rows = [(n, v) for n, v in table.rows if n not in ctx.errors.rows]
    plan = kind.plan(ctx, rows)
    if ctx.errors:
        return _finish(job, ImportStatus.INVALID, ctx.errors, processed_rows=len(table.rows))
    job.parsed.save(f"{job.pk}.json.z", ContentFile(rows_dump(table)), save=False)
    return _finish(
        job,
        ImportStatus.READY,
        ctx.errors,
        processed_rows=len(table.rows),
        preview=plan.preview(),
        summary=plan.counts(),
    )


def import_job_confirm(*, actor, job: ImportJob) -> bool:
    """Start writing a checked job. True when this call started it; a second confirm (or
    one for a job not ready) changes nothing and returns False."""
    _kind(job.kind).authorize(actor, job.scope_unit, job.target_id)
    with transaction.atomic():
        started = ImportJob.objects.filter(pk=job.pk, status=ImportStatus.READY).update(
            status=ImportStatus.IMPORTING, processed_rows=0
        )
        if started:
            transaction.on_commit(lambda: _queue("commit", job.pk))
    if started:
        job.status = ImportStatus.IMPORTING
    return bool(started)


@in_file_language
def import_job_commit(*, job_id: int, actor=None) -> ImportJob | None:
    """Write a confirmed job: every row checked again and written in one transaction, or
    nothing written (the job then shows the rows that became invalid)."""
    job = ImportJob.objects.select_related("scope_unit", "created_by").filter(pk=job_id).first()
    if job is None or job.status != ImportStatus.IMPORTING:
        return job
    kind = _kind(job.kind)
    ctx = _context(job, actor or job.created_by)
    try:
        if job.parsed:
            with job.parsed.open("rb") as handle:
                table = rows_load(handle.read())
        else:
            table = _read(job, kind, ctx.errors)
        with transaction.atomic():
            locked = ImportJob.objects.select_for_update().get(pk=job.pk)
            if locked.status != ImportStatus.IMPORTING:
                return locked
            if table is None or ctx.errors:
                raise _Invalid
            ctx.present = table.present
            kind.authorize(ctx.actor, job.scope_unit, job.target_id)
            plan = kind.plan(ctx, table.rows)
            if ctx.errors:
                raise _Invalid
            extra = kind.apply(ctx, plan) or {}
            changed = extra.pop("_signal", {})
            import_committed.send(
                sender=ImportJob,
                kind=job.kind,
                cadre_ids=changed.get("cadre_ids", []),
                unit_ids=changed.get("unit_ids", []),
                since=changed.get("since"),
            )
            return _finish(
                locked,
                ImportStatus.DONE,
                ctx.errors,
                processed_rows=len(table.rows),
                summary={**plan.counts(), **extra},
            )
    except _Invalid:
        return _finish(job, ImportStatus.INVALID, ctx.errors)
    except Exception:
        logger.exception("Import job %s failed", job.pk)
        failure = RowErrors()
        failure.add(
            None,
            "",
            "",
            _("Có lỗi khi ghi dữ liệu; không có dòng nào được nhập. Vui lòng thử lại sau."),
        )
        return _finish(job, ImportStatus.FAILED, failure)


def import_job_get_for_user(user, pk: int) -> ImportJob | None:
    """A job the user may see: they may still import into its unit (and target)."""
    job = ImportJob.objects.select_related("scope_unit").filter(pk=pk).first()
    if job is None:
        return None
    kind = kind_get(job.kind)
    if kind is None or not kind.allowed(user, job.scope_unit, job.target_id):
        return None
    return job


def import_jobs_recent(*, user, kind: str, scope_unit: OrgUnit, target_id=None, limit=5):
    """The latest jobs of one kind for one unit (and target), for the import page."""
    jobs = ImportJob.objects.filter(kind=kind, scope_unit=scope_unit, target_id=target_id)
    if not can(user, _kind(kind).actions[0], scope_unit):
        return []
    return list(jobs.order_by("-created_at", "-id")[:limit])
