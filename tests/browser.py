"""Steps the browser tests share: logging in through the real form, checking the phone."""

PASSWORD = "mat-khau-thu-nghiem-2025"  # UserFactory's password (tests/factories.py)
PHONE_WIDTH = 360


def log_in(page, base_url: str, email: str) -> None:
    """Log in as `email` through allauth's form, leaving any earlier session behind."""
    page.context.clear_cookies()
    page.goto(f"{base_url}/accounts/login/")
    page.locator("input[name=login]").fill(email)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("input[name=password]").press("Enter")
    page.wait_for_load_state()


def fits_the_phone(page) -> bool:
    """Nothing on the page scrolls sideways on a 360-px phone."""
    return page.evaluate("document.documentElement.scrollWidth") <= PHONE_WIDTH
