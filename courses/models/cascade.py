"""The trainer cascade, kept computed from the class records.

Reading a master trainer's reach must not walk a tree of a million people, so each
trainer's downstream is stored as a closure: which classes belong to their cascade and at
which generation (`CascadeClass`), and which cadres it reached, each once, at the nearest
generation (`CascadeReach`). `services/cascade.py` recomputes a trainer's rows in SQL
whenever a class they reach changes; the records in `classes.py` stay the only truth.
"""

from django.db import models
from django.db.models import Q


class CascadeRoot(models.Model):
    """A trainer whose cascade is kept; `stale` marks it for the refresh task."""

    cadre = models.OneToOneField(
        "organizations.Cadre", primary_key=True, on_delete=models.CASCADE, related_name="+"
    )
    stale = models.BooleanField(default=True)
    computed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["cadre"], condition=Q(stale=True), name="cascade_stale")]

    def __str__(self) -> str:
        return f"cascade of cadre {self.cadre_id}"


class CascadeClass(models.Model):
    """A class in a trainer's cascade. Its participants are `generation` steps from the
    trainer (1: trained by them); `via` is the ToT class one generation up through which
    the class's trainer came in (null at generation 1)."""

    root = models.ForeignKey(
        "organizations.Cadre", on_delete=models.CASCADE, related_name="+", db_index=False
    )
    training_class = models.ForeignKey(
        "courses.TrainingClass", on_delete=models.CASCADE, related_name="+"
    )
    generation = models.PositiveSmallIntegerField()
    via = models.ForeignKey(
        "courses.TrainingClass", null=True, on_delete=models.CASCADE, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["root", "training_class"], name="cascade_class_once_per_root"
            )
        ]

    def __str__(self) -> str:
        return f"class {self.training_class_id} at generation {self.generation}"


class CascadeReach(models.Model):
    """A cadre reached by a trainer's cascade, once, at the nearest generation.

    `dedicated` copies whether the cadre holds an open dedicated post, so a million-cadre
    reach is counted from one index alone; `courses.receivers` keep it in step with posts.
    """

    root = models.ForeignKey(
        "organizations.Cadre", on_delete=models.CASCADE, related_name="+", db_index=False
    )
    cadre = models.ForeignKey("organizations.Cadre", on_delete=models.CASCADE, related_name="+")
    generation = models.PositiveSmallIntegerField()
    dedicated = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["root", "cadre"], name="cascade_reach_once_per_root")
        ]
        indexes = [
            models.Index(
                fields=["root", "generation", "dedicated"], name="cascade_reach_generation"
            )
        ]

    def __str__(self) -> str:
        return f"cadre {self.cadre_id} at generation {self.generation}"
