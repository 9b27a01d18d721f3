"""Writing generated rows straight into tables, as an import would: COPY on PostgreSQL,
one transaction of INSERTs on SQLite (small datasets in tests). Model signals do not fire;
the caller recomputes what they would have marked.

Django's foreign keys are checked at commit, one trigger per row: for millions of rows
that costs more than the load itself. When the database role may (a superuser, as in a
scratch database), `bulk_session` turns those triggers off for the loading transaction
and `rows_load` checks every foreign key it wrote with one set-based query instead, so
a dangling reference still aborts the load."""

import contextlib
import datetime
from collections.abc import Iterable

from django.core.management.color import no_style
from django.db import connection, transaction
from django.db.models import ForeignKey, Max


class DanglingReference(Exception):
    pass


def next_id(model) -> int:
    """The first id after the table's highest, for rows loaded with explicit ids."""
    return (model.objects.aggregate(m=Max("pk"))["m"] or 0) + 1


def _adapt(value):
    if isinstance(value, datetime.datetime):
        return connection.ops.adapt_datetimefield_value(value)
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def _checks_off() -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_setting('session_replication_role')")
        return cursor.fetchone()[0] == "replica"


@contextlib.contextmanager
def bulk_session():
    """One transaction for the whole load, with per-row foreign-key triggers off when the
    role may do so (PostgreSQL superuser); `rows_load` then checks references itself."""
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
                if cursor.fetchone()[0]:
                    cursor.execute("SET LOCAL session_replication_role = replica")
        yield


def _references_check(model, columns: tuple[str, ...]) -> None:
    table = model._meta.db_table
    for field in model._meta.concrete_fields:
        if not isinstance(field, ForeignKey) or field.column not in columns:
            continue
        target = field.target_field
        parent, column = target.model._meta.db_table, field.column
        sql = (
            f"SELECT COUNT(*) FROM {table} c WHERE c.{column} IS NOT NULL AND NOT EXISTS "  # noqa: S608
            f"(SELECT 1 FROM {parent} t WHERE t.{target.column} = c.{column})"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql)
            missing = cursor.fetchone()[0]
        if missing:
            raise DanglingReference(f"{table}.{field.column}: {missing} dangling references")


def rows_load(model, columns: tuple[str, ...], rows: Iterable[tuple]) -> int:
    """Load `rows` (tuples in `columns` order) into the model's table; returns how many."""
    table = model._meta.db_table
    names = ", ".join(columns)
    count = 0
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
                    count += 1
            if _checks_off():
                _references_check(model, columns)
            return count
        marks = ", ".join(["%s"] * len(columns))
        sql = f"INSERT INTO {table} ({names}) VALUES ({marks})"  # noqa: S608 - our own names
        batch: list[list] = []
        with transaction.atomic():
            for row in rows:
                batch.append([_adapt(v) for v in row])
                if len(batch) == 10_000:
                    cursor.executemany(sql, batch)
                    count += len(batch)
                    batch = []
            if batch:
                cursor.executemany(sql, batch)
                count += len(batch)
    return count


def sequences_reset(*models) -> None:
    """After rows with explicit ids: the next id the database hands out is past them."""
    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), list(models)):
            cursor.execute(sql)


def tables_analyse(*, vacuum: bool) -> None:
    """Fresh planner statistics after a load (and, on PostgreSQL, the visibility map that
    lets counts and index-only scans skip the heap), as autovacuum would do later."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql" and vacuum and not connection.in_atomic_block:
            cursor.execute("VACUUM ANALYZE")
        else:
            cursor.execute("ANALYZE")
