from .selectors import user_roles


def navigation(request):
    """Which navigation entries the current user sees: by role, computed once per request."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_roles": set()}
    return {"nav_roles": user_roles(user)}
