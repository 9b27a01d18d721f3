"""Taking quizzes (/danh-gia/…) and marking short answers (/danh-gia/cham-bai/…)."""

from django.urls import path

from . import views_quiz as views

urlpatterns = [
    path("bai/<str:token>/", views.quiz_start, name="quiz_start"),
    path("bai-kiem-tra/<int:quiz_id>/", views.open_quiz, name="open_quiz"),
    path("luot/<int:attempt_id>/", views.attempt, name="attempt"),
    path("luot/<int:attempt_id>/luu/", views.attempt_autosave, name="attempt_autosave"),
    path("luot/<int:attempt_id>/ket-qua/", views.attempt_result, name="attempt_result"),
    path("cham-bai/", views.grading_queue, name="grading_queue"),
    path("cham-bai/<int:item_id>/", views.grading_item, name="grading_item"),
]
