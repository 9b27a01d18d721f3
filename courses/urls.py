from django.urls import include, path

urlpatterns = [
    path("", include("courses.urls_learning")),
    path("", include("courses.urls_classes")),
    path("", include("courses.urls_cascade")),
]
