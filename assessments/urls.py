"""URLs under /danh-gia/; each area of the app keeps its own module."""

from django.urls import include, path

app_name = "assessments"

urlpatterns = [
    path("", include("assessments.urls_quiz")),
]
