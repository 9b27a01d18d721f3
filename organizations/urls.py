from django.urls import path

from . import views

urlpatterns = [
    path("start/", views.role_home, name="role_home"),
    path("units/", views.unit_index, name="unit_index"),
    path("units/<str:code>/", views.unit_detail, name="unit_detail"),
    path("units/<str:code>/edit/", views.unit_edit, name="unit_edit"),
    path("units/<str:code>/units/new/", views.unit_add_child, name="unit_add_child"),
    path("units/<str:code>/cadres/new/", views.cadre_create, name="cadre_create"),
    path("cadres/<int:pk>/", views.cadre_edit, name="cadre_edit"),
    path("cadres/<int:pk>/invite/", views.cadre_invite, name="cadre_invite"),
    path("invitations/<str:token>/", views.invitation_accept, name="invitation_accept"),
    path("overview/", views.scope_overview, name="scope_overview"),
]
