"""The trainer tree of a cascade, for the collapsible view."""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count

from organizations.models import Cadre, OrgUnit

from ...models import CascadeClass, ClassParticipant, ClassTrainer
from .reach import name_visibility


@dataclass
class TreeNode:
    """A trainer in a cascade: `generation` is the one they were trained in (0 for the
    root), `classes` and `trainees` count what they taught within this cascade. `cadre`
    is None when the viewer may not see the person's name."""

    cadre: Cadre | None
    unit: OrgUnit
    generation: int
    classes: int = 0
    trainees: int = 0
    children: list["TreeNode"] = field(default_factory=list)
    more: int = 0
    deeper: bool = False


def cascade_tree(root: Cadre, *, viewer, depth: int = 3, width: int = 12) -> TreeNode:
    """The trainers of `root`'s cascade down to trainer generation `depth`, each placed
    once, at their nearest generation, under the trainer of the ToT class that brought
    them in; at most `width` children per node (most trainees first), the rest counted in
    `more`. Built level by level from the shown nodes only, so a million-cadre cascade
    costs a few queries per level. A node at the last level is `deeper` when its own
    trainees went on to teach."""
    may_name = name_visibility(viewer)
    in_cascade = CascadeClass.objects.filter(root=root).values("training_class_id")
    classes_of = _taught(in_cascade, [root.pk])
    trainees = _trainees(classes_of[root.pk])
    top = TreeNode(
        cadre=root,
        unit=root.unit,
        generation=0,
        classes=len(classes_of[root.pk]),
        trainees=sum(trainees.values()),
    )
    level = {root.pk: top}
    for generation in range(1, depth + 1):
        parent_of_class = {k: pk for pk in level for k in classes_of[pk]}
        parent_of = _newcomers(root, generation, parent_of_class)
        if not parent_of:
            break
        classes_of.update(_taught(in_cascade, list(parent_of)))
        trainees = _trainees([k for pk in parent_of for k in classes_of[pk]])
        cadres = Cadre.objects.select_related("unit").in_bulk(list(parent_of))
        children: dict[int, list[tuple[int, TreeNode]]] = defaultdict(list)
        for pk, parent in parent_of.items():
            cadre = cadres[pk]
            node = TreeNode(
                cadre=cadre if may_name(cadre.unit.path) else None,
                unit=cadre.unit,
                generation=generation,
                classes=len(classes_of[pk]),
                trainees=sum(trainees.get(k, 0) for k in classes_of[pk]),
            )
            children[parent].append((pk, node))
        next_level: dict[int, TreeNode] = {}
        for parent, nodes in children.items():
            nodes.sort(key=lambda item: (-item[1].trainees, item[1].unit.name, item[0]))
            level[parent].children = [node for _pk, node in nodes[:width]]
            level[parent].more = max(0, len(nodes) - width)
            next_level.update(nodes[:width])
        level = next_level
    onward = set(
        CascadeClass.objects.filter(
            root=root,
            generation=depth + 2,
            via_id__in=[k for pk in level for k in classes_of[pk]],
        ).values_list("via_id", flat=True)
    )
    for pk, node in level.items():
        node.deeper = node.generation == depth and any(k in onward for k in classes_of[pk])
    return top


def _taught(in_cascade, cadre_ids: list[int]) -> dict[int, list[int]]:
    """{trainer: their classes within the cascade}."""
    taught: dict[int, list[int]] = defaultdict(list)
    for cadre_id, class_id in (
        ClassTrainer.objects.filter(cadre_id__in=cadre_ids, training_class_id__in=in_cascade)
        .order_by("training_class_id")
        .values_list("cadre_id", "training_class_id")
    ):
        taught[cadre_id].append(class_id)
    return taught


def _trainees(class_ids: list[int]) -> dict[int, int]:
    return dict(
        ClassParticipant.objects.filter(training_class_id__in=class_ids)
        .values("training_class_id")
        .annotate(n=Count("pk"))
        .values_list("training_class_id", "n")
    )


def _newcomers(root: Cadre, generation: int, parent_of_class: dict[int, int]) -> dict[int, int]:
    """{trainer: parent} for the trainers whose classes sit at `generation` + 1 below a
    class of a shown parent, leaving out anyone the cascade reached at a nearer
    generation (they sit elsewhere in the tree)."""
    rows = (
        CascadeClass.objects.filter(
            root=root, generation=generation + 1, via_id__in=list(parent_of_class)
        )
        .order_by("via_id", "training_class_id")
        .values_list("training_class_id", "via_id")
    )
    via_of = dict(rows)
    parent_of: dict[int, int] = {}
    for class_id, cadre_id in (
        ClassTrainer.objects.filter(training_class_id__in=list(via_of))
        .exclude(cadre_id=root.pk)
        .order_by("training_class_id", "cadre_id")
        .values_list("training_class_id", "cadre_id")
    ):
        parent_of.setdefault(cadre_id, parent_of_class[via_of[class_id]])
    nearer = ClassTrainer.objects.filter(
        cadre_id__in=list(parent_of),
        training_class_id__in=CascadeClass.objects.filter(
            root=root, generation__lte=generation
        ).values("training_class_id"),
    ).values_list("cadre_id", flat=True)
    for cadre_id in set(nearer):
        del parent_of[cadre_id]
    return parent_of
