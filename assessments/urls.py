"""URLs under /danh-gia/; each area of the app keeps its own module."""

from django.urls import include, path

app_name = "assessments"

urlpatterns = [
    path("", include("assessments.urls_quiz")),
    path("nang-luc/", include("assessments.urls_competency")),
    path("thuc-trang/", include("assessments.urls_evaluation")),
    path("bien-soan/", include("assessments.urls_authoring")),
]
