"""How the printed reports write numbers, shares and dates (Vietnamese conventions)."""

import datetime

DASH = "—"


def number(value: int | None) -> str:
    return DASH if value is None else f"{value:,}".replace(",", ".")


def share(value: float | None) -> str:
    """65.3 gives 65,3%; no denominator gives a dash, never 0%."""
    return DASH if value is None else f"{value:.1f}".replace(".", ",") + "%"


def day(iso: str) -> str:
    return datetime.date.fromisoformat(iso[:10]).strftime("%d/%m/%Y")


def fraction(figure: dict) -> str:
    return f"{number(figure['num'])}/{number(figure['den'])}"
