from django.urls import path

from . import views_learning as views

urlpatterns = [
    path("courses/<int:course_id>/enroll/", views.course_enroll, name="course_enroll"),
    path("lessons/<int:lesson_id>/complete/", views.lesson_complete, name="lesson_complete"),
    path("units/<str:code>/assignments/", views.unit_assignments, name="unit_assignments"),
    path(
        "units/<str:code>/assignments/<int:pk>/run/",
        views.assignment_rerun,
        name="assignment_rerun",
    ),
]
