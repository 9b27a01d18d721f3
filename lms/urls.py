from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from handbooks import offline as handbooks_offline
from lms import views as lms_views
from organizations import urls as organizations_urls

urlpatterns = [
    path("healthz", lms_views.healthz, name="healthz"),
    path("sw.js", handbooks_offline.service_worker, name="service_worker"),
    path("me/learning/", lms_views.my_learning, name="my_learning"),
    path("django-admin/", admin.site.urls),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("accounts/", include("allauth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include(organizations_urls)),
    path("", include("courses.urls")),
    path("danh-gia/", include("assessments.urls")),
    path("", include("certificates.urls")),
    path("chi-tieu/", include("indicators.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += [path("", include(wagtail_urls))]
