"""The indicators demo (Đắk Nông, now in Lâm Đồng); run by `seed_demo` last, safe to rerun."""

from django.core.management.base import BaseCommand

from indicators.demo import indicator_demo_create


class Command(BaseCommand):
    help = (
        "Tạo dữ liệu trình diễn chỉ tiêu cho các xã, phường thuộc tỉnh Đắk Nông cũ (nay thuộc "
        "Lâm Đồng): cán bộ chuyên trách, lớp bồi dưỡng, kê khai 2024–2026, chỉ tiêu riêng của "
        "tỉnh; rồi tính lại số liệu các quý. Chạy lại không tạo trùng."
    )

    def handle(self, *args, **options):
        result = indicator_demo_create()
        if result is None:
            self.stdout.write(
                "Chỉ tiêu trình diễn: bỏ qua, cần chạy seed_demo (đơn vị, tài khoản, khoá học) "
                "trước."
            )
            return
        self.stdout.write(
            f"Chỉ tiêu trình diễn (Đắk Nông cũ, nay thuộc Lâm Đồng): cán bộ mới {result.cadres}, "
            f"lớp mới {result.classes}, giấy chứng nhận cấp {result.certificates}, "
            f"kê khai mới {result.declarations}, chỉ tiêu riêng đặt {result.targets}, "
            f"số liệu tính lại {result.snapshots} kỳ."
        )
