"""Where a quiz was placed, in words and as a link back — told by the placing app.

`assessments` never imports the apps that place quizzes, yet a learner who finishes a
quiz wants to return to the lesson, course or class it came from. A placing app registers
one resolver (in its `AppConfig.ready`) that turns the contexts it issued into a title and
a URL; contexts no resolver knows get no link.
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Placement:
    title: str
    url: str


Resolver = Callable[[str], Placement | None]
_resolvers: list[Resolver] = []


def placement_resolver_register(resolver: Resolver) -> None:
    if resolver not in _resolvers:
        _resolvers.append(resolver)


def placement_describe(context: str) -> Placement | None:
    if not context:
        return None
    for resolver in _resolvers:
        placement = resolver(context)
        if placement is not None:
            return placement
    return None
