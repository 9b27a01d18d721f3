"""/danh-gia/bien-soan/: authoring itself happens in the Wagtail admin (see wagtail_hooks)."""

from django.urls import path

from . import views_authoring

urlpatterns = [
    path("", views_authoring.authoring_home, name="authoring"),
]
