from django.urls import path

from . import views, views_imports, views_legacy, views_restructure

urlpatterns = [
    path("start/", views.role_home, name="role_home"),
    path("units/", views.unit_index, name="unit_index"),
    path("units/<str:code>/", views.unit_detail, name="unit_detail"),
    path("units/<str:code>/edit/", views.unit_edit, name="unit_edit"),
    path("units/<str:code>/legacy/", views_legacy.unit_legacy, name="unit_legacy"),
    path("units/<str:code>/legacy/xlsx/", views_legacy.unit_legacy_xlsx, name="unit_legacy_xlsx"),
    path("units/<str:code>/units/new/", views.unit_add_child, name="unit_add_child"),
    path("units/<str:code>/cadres/new/", views.cadre_create, name="cadre_create"),
    path("cadres/<int:pk>/", views.cadre_edit, name="cadre_edit"),
    path("cadres/<int:pk>/invite/", views.cadre_invite, name="cadre_invite"),
    path("invitations/<str:token>/", views.invitation_accept, name="invitation_accept"),
    path("overview/", views.scope_overview, name="scope_overview"),
    path("units/<str:code>/import/<str:kind>/", views_imports.unit_import, name="unit_import"),
    path(
        "units/<str:code>/import/<str:kind>/template/",
        views_imports.unit_import_template,
        name="unit_import_template",
    ),
    path("units/<str:code>/export/<str:kind>/", views_imports.unit_export, name="unit_export"),
    path("imports/<int:pk>/", views_imports.import_job, name="import_job"),
    path("imports/<int:pk>/status/", views_imports.import_job_status, name="import_job_status"),
    path("imports/<int:pk>/confirm/", views_imports.import_job_confirm, name="import_job_confirm"),
    path(
        "units/<str:code>/restructure/",
        views_restructure.restructure_home,
        name="unit_restructure",
    ),
    path("units/<str:code>/restructure/merge/", views_restructure.unit_merge, name="unit_merge"),
    path("units/<str:code>/restructure/move/", views_restructure.unit_move, name="unit_move"),
    path("units/<str:code>/restructure/split/", views_restructure.unit_split, name="unit_split"),
    path("units/<str:code>/restructure/rename/", views_restructure.unit_rename, name="unit_rename"),
    path("units/<str:code>/changes/", views_restructure.unit_changes, name="unit_changes"),
]
