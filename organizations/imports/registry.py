"""The kinds of import: what each one reads, checks and writes.

A kind registers itself here (organizations registers cadres and units; courses registers
class rosters from its AppConfig.ready), so this core never imports the apps above it.
"""

from abc import ABC, abstractmethod
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from ..permissions import Action, can
from .cells import RowErrors
from .reading import Column

CREATE, UPDATE, UNCHANGED = "create", "update", "unchanged"
PREVIEW_ROWS = 50
PROGRESS_EVERY = 2000


@dataclass
class Context:
    """What a kind's check and write steps work with."""

    actor: object
    scope_unit: object
    target_id: int | None
    job_id: int | None = None
    present: frozenset = frozenset()
    errors: RowErrors = field(default_factory=RowErrors)
    on_progress: object = None

    def progress(self, done: int) -> None:
        if self.on_progress is not None and done % PROGRESS_EVERY == 0:
            self.on_progress(done)

    def given(self, key: str) -> bool:
        """Whether the file has this column at all (an absent optional column is left alone)."""
        return key in self.present


@dataclass
class Plan:
    """The outcome of checking: one action per row, and what the write step needs."""

    actions: list[tuple[int, str, list]] = field(default_factory=list)
    data: dict = field(default_factory=dict)

    def counts(self) -> dict[str, int]:
        counts = {CREATE: 0, UPDATE: 0, UNCHANGED: 0}
        for _row, action, _values in self.actions:
            counts[action] += 1
        return counts

    def preview(self) -> list[dict]:
        return [
            {"row": row, "action": action, "values": values}
            for row, action, values in self.actions[:PREVIEW_ROWS]
        ]


class ImportKind(ABC):
    """Base of every kind. Subclasses set the class attributes and implement the four
    abstract steps; a kind that misses one cannot be instantiated, let alone registered."""

    name: str = ""
    label: str = ""
    filename: str = ""
    columns: list[Column] = []
    actions: tuple[Action, ...] = (Action.IMPORT_DATA,)
    guide: str = ""

    def authorize(self, actor, scope_unit, target_id: int | None) -> None:
        """Raise PermissionDenied unless `actor` may import into this scope and target."""
        if not self.allowed(actor, scope_unit, target_id):
            raise PermissionDenied(_("Bạn không có quyền nhập dữ liệu cho đơn vị này."))

    def allowed(self, actor, scope_unit, target_id: int | None) -> bool:
        return all(can(actor, action, scope_unit) for action in self.actions)

    def preview_headers(self) -> list[str]:
        return [c.header for c in self.columns]

    @abstractmethod
    def plan(self, ctx: Context, rows: list[tuple[int, dict]]) -> Plan:
        """Check every row and decide create / update / unchanged, writing nothing."""

    @abstractmethod
    def apply(self, ctx: Context, plan: Plan) -> dict:
        """Write the plan (inside the caller's transaction); returns extra summary figures."""

    @abstractmethod
    def export_rows(self, actor, scope_unit, target_id: int | None):
        """The scope's records as rows in the template's columns."""

    def example_row(self) -> list:
        return [c.example for c in self.columns]

    @abstractmethod
    def back_url(self, scope_unit, target_id: int | None) -> str:
        """The page the import was started from."""

    def import_url(self, scope_unit, target_id: int | None) -> str:
        """The kind's import page, where a corrected file is uploaded again."""
        from django.urls import reverse

        return reverse("unit_import", args=[scope_unit.code, self.name])

    def heading(self, scope_unit, target_id: int | None) -> str:
        return f"{self.label} — {scope_unit.name}"


_KINDS: dict[str, ImportKind] = {}


def register(kind: ImportKind) -> ImportKind:
    _KINDS[kind.name] = kind
    return kind


def kind_get(name: str) -> ImportKind | None:
    return _KINDS.get(name)


def kinds() -> list[ImportKind]:
    return list(_KINDS.values())
