"""The demo courses, training classes and enrolments; run by `seed_demo`, safe to run again."""

from django.core.management.base import BaseCommand, CommandError

from courses.demo import course_demo_create
from courses.models import CourseIndexPage


class Command(BaseCommand):
    help = (
        "Tạo và xuất bản hai khoá học trình diễn (trong đó có khoá tập huấn giảng viên nguồn), "
        "các lớp tập huấn theo mô hình ToT và ghi danh của cán bộ trình diễn. Chạy lại không "
        "tạo trùng và không tạo phiên bản mới."
    )

    def handle(self, *args, **options):
        try:
            result = course_demo_create()
        except CourseIndexPage.DoesNotExist as error:
            raise CommandError(
                "Chưa có trang danh mục khoá học (/khoa-hoc/): hãy chạy migrate trước."
            ) from error
        codes = ", ".join(course.code for course in result.courses)
        line = (
            f"Khoá học trình diễn: {codes}; tạo mới {result.pages} trang, "
            f"{result.classes} lớp tập huấn, {result.enrollments} ghi danh."
        )
        if not result.cadres_found:
            line += " Chưa có cán bộ trình diễn: hãy chạy seed_demo để có lớp và ghi danh."
        self.stdout.write(line)
