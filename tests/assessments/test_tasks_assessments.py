from django.conf import settings

from assessments.models import CompetencyStanding
from assessments.services.quizzes import attempt_start, attempt_submit
from assessments.tasks import competency_standings_refresh_all_task
from tests.assessments.helpers import correct_answers
from tests.factories import make_competency, make_question, make_quiz


def test_nightly_refresh_follows_a_question_moved_to_another_competency(learner, bank):
    planning = make_competency("KH", "Lập kế hoạch")
    safety = make_competency("AT", "An toàn tình nguyện viên")
    for _ in range(3):
        make_question(bank, "single", competency=planning)
    quiz = make_quiz(bank, is_open=True)
    attempt = attempt_start(actor=learner, quiz=quiz)
    attempt_submit(actor=learner, attempt=attempt, answers=correct_answers(attempt))
    assert CompetencyStanding.objects.get(competency=planning).quiz_level == 4

    bank.questions.update(competency=safety)
    assert competency_standings_refresh_all_task.delay().get() == 1

    assert CompetencyStanding.objects.get(competency=safety).quiz_level == 4
    assert not CompetencyStanding.objects.filter(competency=planning).exists()


def test_nightly_refresh_is_scheduled():
    tasks = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert "assessments.competency_standings_refresh_all" in tasks
