from django.core.management.base import BaseCommand

from organizations.services import org_units_load_official


class Command(BaseCommand):
    help = "Tạo cây đơn vị Đoàn theo danh mục hành chính hiện hành (chạy lại không đổi gì)."

    def handle(self, *args, **options):
        result = org_units_load_official()
        self.stdout.write(
            f"Đã tạo {result.created} đơn vị, đổi tên {result.renamed}; tổng số {result.total}."
        )
