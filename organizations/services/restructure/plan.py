"""What a restructuring will do, shown before it is confirmed and stored with the change."""

import datetime
from dataclasses import asdict, dataclass, field


@dataclass
class PlanSection:
    """One list of the plan contributed by another app (classes, certificates…).

    Other apps answer `organizations.signals.restructure_planning` with one of these, so the
    organizer sees everything a change reaches before confirming it.
    """

    key: str
    title: str
    count: int
    lines: list[str] = field(default_factory=list)


@dataclass
class RestructurePlan:
    """Everything one change moves, as plain data: the dry run returns it, the change
    stores it (`UnitChange.plan`), so the audit log reads the same after later changes.

    Rows are dicts of codes and names rather than ids, because names change later.
    """

    kind: str
    effective_on: datetime.date
    note: str
    scope: dict
    units_created: list[dict] = field(default_factory=list)
    units_reparented: list[dict] = field(default_factory=list)
    units_dissolved: list[dict] = field(default_factory=list)
    units_renamed: list[dict] = field(default_factory=list)
    cadres_moved: list[dict] = field(default_factory=list)
    posts_ended: list[dict] = field(default_factory=list)
    posts_opened: list[dict] = field(default_factory=list)
    posts_moved: list[dict] = field(default_factory=list)
    others: list[PlanSection] = field(default_factory=list)
    change_id: int | None = None
    replayed: bool = False

    def to_json(self) -> dict:
        data = asdict(self)
        data["effective_on"] = self.effective_on.isoformat()
        data.pop("change_id")
        data.pop("replayed")
        return data

    @classmethod
    def from_json(cls, data: dict, *, change_id: int | None = None) -> "RestructurePlan":
        data = dict(data)
        data["effective_on"] = datetime.date.fromisoformat(data["effective_on"])
        data["others"] = [PlanSection(**section) for section in data.get("others", [])]
        return cls(**data, change_id=change_id, replayed=change_id is not None)

    @property
    def counts(self) -> dict[str, int]:
        counts = {
            name: len(getattr(self, name))
            for name in (
                "units_created",
                "units_reparented",
                "units_dissolved",
                "units_renamed",
                "cadres_moved",
                "posts_ended",
                "posts_opened",
                "posts_moved",
            )
        }
        counts.update({section.key: section.count for section in self.others})
        return counts
