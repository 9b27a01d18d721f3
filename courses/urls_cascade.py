from django.urls import path

from . import views_cascade as views

urlpatterns = [
    path("lan-toa/", views.cascade_home, name="cascade_home"),
    path("lan-toa/tap-huan-vien/<str:code>/", views.cascade_trainer, name="cascade_trainer"),
    path(
        "lan-toa/tap-huan-vien/<str:code>/the-he/<int:number>/",
        views.cascade_generation,
        name="cascade_generation",
    ),
    path(
        "lan-toa/tap-huan-vien/<str:code>/xlsx/",
        views.cascade_trainer_xlsx,
        name="cascade_trainer_xlsx",
    ),
    path("lan-toa/don-vi/<str:code>/", views.cascade_unit, name="cascade_unit"),
    path(
        "lan-toa/don-vi/<str:code>/the-he/<int:number>/",
        views.cascade_unit_generation,
        name="cascade_unit_generation",
    ),
    path("lan-toa/don-vi/<str:code>/xlsx/", views.cascade_unit_xlsx, name="cascade_unit_xlsx"),
]
