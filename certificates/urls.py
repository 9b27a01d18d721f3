from django.urls import path

from . import (
    views_class,
    views_mine,
    views_register,
    views_templates,
    views_trainers,
    views_verify,
)

app_name = "certificates"

urlpatterns = [
    path("verify/", views_verify.verify_form, name="verify_form"),
    path("verify/<str:code>/", views_verify.verify, name="verify"),
    path("chung-nhan/cua-toi/", views_mine.mine, name="mine"),
    path("chung-nhan/cua-toi/<str:code>/pdf/", views_mine.mine_pdf, name="mine_pdf"),
    path("chung-nhan/so-dang-ky/", views_register.register_list, name="register"),
    path(
        "chung-nhan/so-dang-ky/<int:pk>/",
        views_register.register_detail,
        name="register_detail",
    ),
    path(
        "chung-nhan/so-dang-ky/<int:pk>/thu-hoi/",
        views_register.register_revoke,
        name="register_revoke",
    ),
    path(
        "chung-nhan/so-dang-ky/<int:pk>/cap-lai/",
        views_register.register_reissue,
        name="register_reissue",
    ),
    path("chung-nhan/so-dang-ky/<int:pk>/pdf/", views_register.register_pdf, name="register_pdf"),
    path("chung-nhan/lop/<int:class_id>/", views_class.class_issue, name="class_issue"),
    path(
        "chung-nhan/lop/<int:class_id>/dot/<int:batch_id>/pdf/",
        views_class.batch_pdf,
        name="batch_pdf",
    ),
    path("chung-nhan/tap-huan-vien/", views_trainers.trainers, name="trainers"),
    path("chung-nhan/tap-huan-vien/xlsx/", views_trainers.trainers_xlsx, name="trainers_xlsx"),
    path(
        "chung-nhan/tap-huan-vien/khoang-trong/",
        views_trainers.trainer_gaps_page,
        name="trainer_gaps",
    ),
    path(
        "chung-nhan/tap-huan-vien/khoang-trong/xlsx/",
        views_trainers.trainer_gaps_xlsx,
        name="trainer_gaps_xlsx",
    ),
    path("chung-nhan/mau/", views_templates.template_list, name="templates"),
    path("chung-nhan/mau/moi/", views_templates.template_create, name="template_create"),
    path("chung-nhan/mau/<int:pk>/", views_templates.template_edit, name="template_edit"),
    path(
        "chung-nhan/mau/<int:pk>/xem-truoc/",
        views_templates.template_preview,
        name="template_preview",
    ),
]
