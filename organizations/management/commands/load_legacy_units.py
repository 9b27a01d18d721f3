from django.core.management.base import BaseCommand, CommandError

from organizations.services import legacy_units_load
from organizations.services.legacy import LegacyDataMissing


class Command(BaseCommand):
    help = (
        "Nạp bảng chuyển đổi tỉnh, huyện, xã cũ (trước 01/7/2025) sang đơn vị hiện nay "
        "(chạy lại không đổi gì; chạy sau khi thêm đơn vị để nối các đơn vị còn thiếu)."
    )

    def handle(self, *args, **options):
        try:
            result = legacy_units_load()
        except LegacyDataMissing as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"Đơn vị cũ: tạo mới {result.created}, cập nhật {result.updated}, "
            f"giữ nguyên {result.unchanged}; tổng số {result.total}, "
            f"chưa nối được với đơn vị hiện nay {result.unresolved}."
        )
