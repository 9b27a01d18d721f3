from django.urls import path

from . import views_class_learner, views_completion, views_roster
from . import views_classes as views

urlpatterns = [
    path("classes/", views.class_list, name="class_list"),
    path("classes/new/", views.class_create, name="class_create"),
    path("classes/<int:pk>/", views.class_detail, name="class_detail"),
    path("classes/<int:pk>/edit/", views.class_edit, name="class_edit"),
    path(
        "classes/<int:pk>/participants/add/",
        views.class_participant_add,
        name="class_participant_add",
    ),
    path("classes/<int:pk>/import/", views_roster.roster_import, name="class_roster_import"),
    path(
        "classes/<int:pk>/import/template/",
        views_roster.roster_template,
        name="class_roster_template",
    ),
    path("classes/<int:pk>/export/", views_roster.roster_export, name="class_roster_export"),
    path("classes/<int:pk>/trainers/add/", views.class_trainer_add, name="class_trainer_add"),
    path("classes/<int:pk>/sessions/add/", views.session_add, name="class_session_add"),
    path(
        "classes/<int:pk>/attendance-sheet/",
        views.attendance_sheet,
        name="class_attendance_sheet",
    ),
    path(
        "classes/trainers/<int:pk>/remove/",
        views.class_trainer_remove,
        name="class_trainer_remove",
    ),
    path(
        "classes/participants/<int:pk>/remove/",
        views.participant_remove,
        name="class_participant_remove",
    ),
    path(
        "classes/participants/<int:pk>/scores/",
        views.participant_scores,
        name="class_participant_scores",
    ),
    path(
        "classes/participants/<int:pk>/complete/",
        views.participant_complete,
        name="class_participant_complete",
    ),
    path(
        "classes/sessions/<int:pk>/attendance/",
        views.session_attendance,
        name="class_session_attendance",
    ),
    path("classes/sessions/<int:pk>/checkin/", views.session_checkin, name="class_session_checkin"),
    path("classes/sessions/<int:pk>/qr/", views.session_qr, name="class_session_qr"),
    path("checkin/<str:token>/", views_class_learner.checkin, name="class_checkin"),
    path("units/<str:code>/completion/", views_completion.unit_completion, name="unit_completion"),
    path(
        "units/<str:code>/completion.xlsx",
        views_completion.unit_completion_xlsx,
        name="unit_completion_xlsx",
    ),
]
