"""Racing calls against each other in threads, for the PostgreSQL concurrency tests."""

import threading
from collections.abc import Callable, Sequence

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connections

REFUSALS = (ValidationError, PermissionDenied)


def race_each(
    calls: Sequence[Callable], *, catch: tuple[type[BaseException], ...] = REFUSALS
) -> list:
    """Run every call in `calls` in a thread of its own, all released together by a barrier.

    Returns one outcome per call, in the order the calls finished: what the call returned,
    or the exception it raised when that is one of `catch`. Any other exception escapes its
    thread and leaves no outcome. Each thread closes its own database connections when done.
    """
    barrier = threading.Barrier(len(calls))
    outcomes: list = []

    def run(fn):
        barrier.wait()
        try:
            outcomes.append(fn())
        except catch as exc:
            outcomes.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(fn,)) for fn in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


def race(fn: Callable, n: int = 6, *, catch: tuple[type[BaseException], ...] = REFUSALS) -> list:
    """Run `fn` in `n` threads at once; see `race_each`."""
    return race_each([fn] * n, catch=catch)
