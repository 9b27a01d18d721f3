"""Public verification's guard: lookups counted per client address in the cache.

Unknown codes are counted far more strictly than lookups, so the 80-bit codes cannot be
guessed by brute force; once a client has too many misses, every lookup waits.
"""

import time

from django.conf import settings
from django.core.cache import cache


def _hits(kind: str, ip: str, period: int, *, add: bool) -> tuple[int, int]:
    """(count, seconds until it resets) of a window that opens at the client's first hit."""
    key = f"certificates:verify:{kind}:{ip}"
    now = time.time()
    if add:
        cache.add(f"{key}:start", now, period)
        cache.add(key, 0, period)
        try:
            count = cache.incr(key)
        except ValueError:
            cache.set(key, 1, period)
            count = 1
    else:
        count = cache.get(key, 0)
    start = cache.get(f"{key}:start", now)
    return count, max(1, int(start + period - now) + 1)


def verification_allowance(*, client: str) -> int | None:
    """Seconds to wait when this lookup is over a limit, else None (and the lookup counts)."""
    miss_limit, miss_period = settings.CERTIFICATE_VERIFY_MISSES
    misses, wait = _hits("miss", client, miss_period, add=False)
    if misses >= miss_limit:
        return wait
    limit, period = settings.CERTIFICATE_VERIFY_LOOKUPS
    lookups, wait = _hits("lookup", client, period, add=True)
    return wait if lookups > limit else None


def verification_miss_record(*, client: str) -> None:
    _hits("miss", client, settings.CERTIFICATE_VERIFY_MISSES[1], add=True)
