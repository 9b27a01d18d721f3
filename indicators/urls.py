from django.urls import include, path

app_name = "indicators"

urlpatterns = [
    path("", include("indicators.urls_dashboard")),
    path("bao-cao/", include("indicators.urls_reports")),
]
