from django.urls import path

from . import views_dashboard, views_declarations

urlpatterns = [
    path("", views_dashboard.indicators_home, name="home"),
    path("don-vi/<str:code>/", views_dashboard.indicators_dashboard, name="dashboard"),
    path("don-vi/<str:code>/ke-khai/", views_declarations.indicators_declare, name="declare"),
    path("don-vi/<str:code>/chi-tieu/", views_declarations.indicators_targets, name="targets"),
]
