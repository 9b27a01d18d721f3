"""Placeholder until this area has views."""

urlpatterns: list = []
