"""The demo certificate register; run by `seed_demo` after the demo courses, safe to rerun."""

from django.core.management.base import BaseCommand

from certificates.demo import certificate_demo_create


class Command(BaseCommand):
    help = (
        "Tạo mẫu giấy chứng nhận và sổ cấp giấy chứng nhận trình diễn (đang hiệu lực, đã thu "
        "hồi, hết hạn, đã cấp lại). Chạy lại không cấp trùng."
    )

    def handle(self, *args, **options):
        result = certificate_demo_create()
        self.stdout.write(
            f"Giấy chứng nhận trình diễn: {result.templates} mẫu mới, cấp {result.issued}, "
            f"thu hồi {result.revoked}, cấp lại {result.reissued}, hết hạn {result.expired}."
        )
