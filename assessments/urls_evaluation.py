"""Unit capacity evaluation, under /danh-gia/thuc-trang/."""

from django.urls import path

from . import views_evaluation as views

urlpatterns = [
    path("", views.evaluation_index, name="evaluation_index"),
    path("dot/<int:round_id>/<str:code>/", views.evaluation_scorecard, name="evaluation_scorecard"),
    path(
        "dot/<int:round_id>/<str:code>/minh-chung/",
        views.evaluation_evidence_add,
        name="evaluation_evidence_add",
    ),
    path("dot/<int:round_id>/<str:code>/duyet/", views.evaluation_review, name="evaluation_review"),
    path(
        "dot/<int:round_id>/<str:code>/tong-hop/",
        views.evaluation_rollup,
        name="evaluation_rollup",
    ),
    path(
        "minh-chung/<int:pk>/",
        views.evaluation_evidence_download,
        name="evaluation_evidence_download",
    ),
    path(
        "minh-chung/<int:pk>/xoa/",
        views.evaluation_evidence_remove,
        name="evaluation_evidence_remove",
    ),
]
