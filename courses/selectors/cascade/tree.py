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
    once under the trainer of the ToT class that brought them in at their nearest
    generation; at most `width` children per node (most trainees first), the rest counted
    in `more`. A node at the last level is `deeper` when its own trainees went on to teach."""
    rows = list(
        CascadeClass.objects.filter(root=root, generation__lte=depth + 1)
        .order_by("generation", "training_class_id")
        .values_list("training_class_id", "generation", "via_id")
    )
    class_ids = [pk for pk, _g, _v in rows]
    trainers_of: dict[int, list[int]] = defaultdict(list)
    for class_id, cadre_id in (
        ClassTrainer.objects.filter(training_class_id__in=class_ids)
        .order_by("cadre_id")
        .values_list("training_class_id", "cadre_id")
    ):
        trainers_of[class_id].append(cadre_id)
    trainees = dict(
        ClassParticipant.objects.filter(training_class_id__in=class_ids)
        .values("training_class_id")
        .annotate(n=Count("pk"))
        .values_list("training_class_id", "n")
    )
    placed: dict[int, tuple[int, int | None]] = {root.pk: (0, None)}
    taught: dict[int, list[int]] = defaultdict(list)
    for class_id, generation, via_id in rows:
        for cadre_id in trainers_of[class_id]:
            taught[cadre_id].append(class_id)
            if cadre_id in placed:
                continue
            parents = trainers_of.get(via_id, []) if via_id else []
            parent = (
                root.pk
                if root.pk in parents
                else next(
                    (p for p in parents if p in placed and placed[p][0] == generation - 2), None
                )
            )
            if parent is not None:
                placed[cadre_id] = (generation - 1, parent)
    onward = set(
        CascadeClass.objects.filter(root=root, generation=depth + 2).values_list(
            "via_id", flat=True
        )
    )
    cadres = Cadre.objects.select_related("unit").in_bulk(list(placed))
    may_name = name_visibility(viewer)
    nodes: dict[int, TreeNode] = {}
    for cadre_id, (generation, _parent) in placed.items():
        cadre = cadres[cadre_id]
        own = taught[cadre_id]
        nodes[cadre_id] = TreeNode(
            cadre=cadre if cadre_id == root.pk or may_name(cadre.unit.path) else None,
            unit=cadre.unit,
            generation=generation,
            classes=len(own),
            trainees=sum(trainees.get(k, 0) for k in own),
            deeper=generation == depth and any(k in onward for k in own),
        )
    for cadre_id, (_generation, parent) in placed.items():
        if parent is not None:
            nodes[parent].children.append(nodes[cadre_id])
    for node in nodes.values():
        node.children.sort(key=lambda n: (-n.trainees, n.unit.name))
        node.more = max(0, len(node.children) - width)
        node.children = node.children[:width]
    return nodes[root.pk]
