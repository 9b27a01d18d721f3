"""Competency profile and gaps, under /danh-gia/nang-luc/."""

from django.urls import path

from . import views_competency as views

urlpatterns = [
    path("", views.my_profile, name="my_profile"),
    path("can-bo/<int:cadre_id>/", views.cadre_profile, name="cadre_profile"),
    path("don-vi/", views.unit_gaps_home, name="unit_gaps_home"),
    path("don-vi/<int:unit_id>/", views.unit_gaps, name="unit_gaps"),
    path("don-vi/<int:unit_id>/can-bo/", views.unit_gap_cadres, name="unit_gap_cadres"),
]
