"""The demo competency framework, question bank, quizzes and attempts; run by `seed_demo`,
safe to run again."""

from django.core.management.base import BaseCommand

from assessments.demo import assessment_demo_create


class Command(BaseCommand):
    help = (
        "Tạo khung năng lực quản lý, điều phối tình nguyện, ngân hàng câu hỏi, bài kiểm tra, "
        "các lượt làm bài và đợt đánh giá thực trạng năng lực trình diễn. Chạy lại không tạo trùng."
    )

    def handle(self, *args, **options):
        result = assessment_demo_create()
        line = (
            f"Đánh giá năng lực trình diễn: tạo mới {result.competencies} năng lực, "
            f"{result.questions} câu hỏi, {result.quizzes} bài kiểm tra, "
            f"{result.attempts} lượt làm bài, {result.ratings} đánh giá theo tiêu chí, "
            f"{result.scorecards} phiếu đánh giá thực trạng năng lực."
        )
        if not result.cadres_found:
            line += " Chưa có cán bộ trình diễn: hãy chạy seed_demo để có lượt làm bài."
        self.stdout.write(line)
