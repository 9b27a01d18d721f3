"""The demo handbook and its PDF; run by `seed_demo`, safe to run again."""

from django.core.management.base import BaseCommand, CommandError
from django.db import IntegrityError

from handbooks import services
from handbooks.demo import handbook_demo_create
from handbooks.models import ChapterPage, HandbookIndexPage, HandbookPdf, SectionPage


class Command(BaseCommand):
    help = (
        "Tạo và xuất bản cẩm nang trình diễn “Cẩm nang quản lý, điều phối hoạt động tình "
        "nguyện” cùng bản PDF. Chạy lại không tạo trùng và không tạo phiên bản mới."
    )

    def handle(self, *args, **options):
        try:
            handbook = handbook_demo_create()
        except HandbookIndexPage.DoesNotExist as error:
            raise CommandError(
                "Chưa có trang danh mục cẩm nang (/cam-nang/): hãy chạy migrate trước."
            ) from error
        # Publishing queues the render after commit (run at once without Redis); render
        # here as well so the PDF exists when the command returns. An up-to-date PDF is
        # kept as it is.
        try:
            pdf = services.handbook_pdf_render(handbook_id=handbook.pk)
        except IntegrityError:  # a worker stored it at the same moment
            pdf = HandbookPdf.objects.filter(handbook=handbook).first()
        chapters = ChapterPage.objects.live().descendant_of(handbook).count()
        sections = SectionPage.objects.live().descendant_of(handbook).count()
        pdf_note = f"PDF {pdf.pages} trang" if pdf else "PDF chưa có"
        self.stdout.write(
            f"Cẩm nang trình diễn: {handbook.url} ({chapters} chương, {sections} mục, {pdf_note})"
        )
