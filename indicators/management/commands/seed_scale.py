"""`manage.py seed_scale --cadres N`: the national-scale dataset the indicators are
measured on (see indicators.scale)."""

from django.core.management.base import BaseCommand, CommandError

from indicators.scale import ScaleRefused, scale_seed

STEPS = {
    "units": "Cây đơn vị",
    "cadres": "Cán bộ và chức vụ",
    "register": "Lớp, giấy chứng nhận",
    "declarations": "Kê khai",
    "commit": "Ghi (commit)",
    "analyse": "VACUUM ANALYZE",
    "periods": "Ảnh chụp cuối quý",
    "live": "Tính chỉ tiêu hiện tại",
    "quarters": "Tính chỉ tiêu cuối quý",
}


class Command(BaseCommand):
    help = (
        "Tạo dữ liệu quy mô toàn quốc để đo chỉ tiêu: khoảng N/10 đơn vị, N cán bộ, 2N giấy "
        "chứng nhận, lớp tập huấn và kê khai; nạp hàng loạt (COPY trên PostgreSQL) rồi tính "
        "toàn bộ ảnh chụp chỉ tiêu. Chỉ chạy trên cơ sở dữ liệu chưa có cán bộ."
    )

    def add_arguments(self, parser):
        parser.add_argument("--cadres", type=int, default=1_000_000, help="số cán bộ (N)")
        parser.add_argument(
            "--prefix",
            default="A",
            help="tiền tố mã cho lần chạy này (chạy thêm trên dữ liệu seed_scale cũ)",
        )
        parser.add_argument("--seed", type=int, default=2026)

    def handle(self, *args, cadres, prefix, seed, **options):
        if cadres < 10:
            raise CommandError("Số cán bộ (--cadres) phải từ 10 trở lên.")

        def report(name: str, seconds: float, detail: str) -> None:
            extra = f" ({detail})" if detail else ""
            self.stdout.write(f"{STEPS.get(name, name)}: {seconds:.1f} s{extra}")
            self.stdout.flush()

        try:
            result = scale_seed(cadres=cadres, prefix=prefix.upper(), seed=seed, report=report)
        except ScaleRefused as error:
            raise CommandError(str(error)) from error
        counts = ", ".join(f"{k} {v}" for k, v in result.counts.items())
        self.stdout.write(f"Xong trong {result.total_seconds:.1f} s: {counts}.")
