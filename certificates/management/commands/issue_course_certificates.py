"""Issue the course certificates that completions could not (no template at the time)."""

from django.core.management.base import BaseCommand

from certificates.services import NoTemplate, certificates_issue_missing_for_courses


class Command(BaseCommand):
    help = (
        "Cấp giấy chứng nhận cho các lượt hoàn thành khoá học chưa được cấp (ví dụ vì lúc hoàn "
        "thành chưa có mẫu giấy chứng nhận). Chạy lại không cấp trùng."
    )

    def handle(self, *args, **options):
        try:
            issued = certificates_issue_missing_for_courses()
        except NoTemplate as error:
            self.stderr.write(str(error))
            return
        self.stdout.write(f"Đã cấp {issued} giấy chứng nhận hoàn thành khoá học.")
