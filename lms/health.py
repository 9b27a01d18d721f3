"""Probes behind /healthz."""

from django.conf import settings


def database_status(connection) -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # noqa: BLE001 - any failure means "down"
        return "error"
    return "ok"


def broker_status() -> str:
    """'eager' when no broker is configured (tasks run in-process), else ping Redis."""
    if not settings.REDIS_URL:
        return "eager"
    import redis

    try:
        client = redis.Redis.from_url(
            settings.REDIS_URL, socket_connect_timeout=1, socket_timeout=1
        )
        client.ping()
    except (redis.RedisError, OSError):
        return "error"
    return "ok"
