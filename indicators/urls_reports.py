from django.urls import path

from . import views_reports as views

urlpatterns = [
    path("<str:code>/", views.report_list, name="reports"),
    path("<str:code>/<int:pk>/", views.report_detail, name="report"),
    path("<str:code>/<int:pk>/pdf/", views.report_pdf, name="report_pdf"),
    path("<str:code>/<int:pk>/xlsx/", views.report_xlsx, name="report_xlsx"),
]
