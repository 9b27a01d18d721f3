"""Graded attempts flowing back into courses: class scores, the final quiz, lesson quizzes."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from assessments.models import Attempt
from assessments.signals import attempt_graded
from courses.models import ClassParticipant, Enrollment, LessonCompletion
from courses.services import classes as class_services
from courses.services.assessment_results import assessment_result_record
from courses.services.learning import course_completion_check, course_enroll, lesson_complete
from tests.factories import CadreFactory, make_class, make_course

from .quiz_helpers import lessons_of, put_quiz_in, sit, two_question_quiz

pytestmark = pytest.mark.django_db


@pytest.fixture
def course(db):
    return make_course(modules=1, lessons=2)


@pytest.fixture
def pre_quiz(db):
    return two_question_quiz("Kiểm tra đầu vào lớp điều phối")


@pytest.fixture
def post_quiz(db):
    return two_question_quiz("Kiểm tra cuối khoá lớp điều phối")


@pytest.fixture
def klass(organizer, tree, course, pre_quiz, post_quiz):
    return make_class(
        organizer, tree["lam_dong"], course, pre_test_quiz=pre_quiz, post_test_quiz=post_quiz
    )


@pytest.fixture
def participant(organizer, klass, cadre_ld, learner):
    return class_services.class_participant_add(
        actor=organizer, training_class=klass, cadre=cadre_ld
    )


def _scores(participant):
    participant.refresh_from_db()
    return participant.pre_test_score, participant.post_test_score


# --- Class pre-test and post-test ---------------------------------------------------------


def test_pre_test_keeps_the_first_graded_attempt(learner, klass, participant, pre_quiz):
    context = f"class:{klass.pk}:pre"
    sit(learner, pre_quiz, context, right=1)
    assert _scores(participant) == (Decimal("50.00"), None)
    sit(learner, pre_quiz, context, right=2)
    assert _scores(participant) == (Decimal("50.00"), None)


def test_post_test_keeps_the_best_graded_attempt(learner, klass, participant, post_quiz):
    context = f"class:{klass.pk}:post"
    sit(learner, post_quiz, context, right=1)
    assert _scores(participant) == (None, Decimal("50.00"))
    sit(learner, post_quiz, context, right=2)
    assert _scores(participant) == (None, Decimal("100.00"))
    sit(learner, post_quiz, context, right=0)
    assert _scores(participant) == (None, Decimal("100.00"))


def test_recording_a_class_result_again_changes_nothing(learner, klass, participant, post_quiz):
    context = f"class:{klass.pk}:post"
    attempt = sit(learner, post_quiz, context, right=2)
    for _ in range(2):
        assessment_result_record(
            cadre_id=participant.cadre_id,
            quiz_id=post_quiz.pk,
            context=context,
            percent=attempt.percent,
            passed=True,
        )
    assert _scores(participant) == (None, Decimal("100.00"))
    assert ClassParticipant.objects.filter(training_class=klass).count() == 1


def test_a_cadre_not_on_the_class_list_gets_no_score(learner, organizer, tree, pre_quiz, klass):
    someone = CadreFactory(unit=tree["commune"])
    place = class_services.class_participant_add(
        actor=organizer, training_class=klass, cadre=someone
    )
    sit(learner, pre_quiz, f"class:{klass.pk}:pre", right=2)
    assert list(ClassParticipant.objects.filter(training_class=klass)) == [place]
    assert _scores(place) == (None, None)


def test_a_quiz_that_is_no_longer_the_class_test_does_not_overwrite_the_score(
    learner, organizer, klass, participant, pre_quiz, post_quiz
):
    sit(learner, post_quiz, f"class:{klass.pk}:pre", right=2)
    assert _scores(participant) == (None, None)


def test_scores_of_one_class_do_not_land_on_another(
    learner, organizer, tree, course, cadre_ld, klass, participant, pre_quiz
):
    other = make_class(organizer, tree["lam_dong"], course, pre_test_quiz=pre_quiz)
    other_place = class_services.class_participant_add(
        actor=organizer, training_class=other, cadre=cadre_ld
    )
    sit(learner, pre_quiz, f"class:{klass.pk}:pre", right=1)
    assert _scores(participant)[0] == Decimal("50.00")
    assert _scores(other_place) == (None, None)


# --- The course's final quiz --------------------------------------------------------------


@pytest.fixture
def final_course(db):
    return make_course(modules=1, lessons=1, final_quiz=two_question_quiz("Kiểm tra cuối khoá"))


def test_lessons_done_but_final_quiz_not_passed_is_not_complete(learner, cadre_ld, final_course):
    enrollment = course_enroll(actor=learner, cadre=cadre_ld, course=final_course)
    lesson_complete(user=learner, lesson=lessons_of(final_course)[0])
    sit(learner, final_course.final_quiz, f"course:{final_course.pk}:final", right=1)
    enrollment.refresh_from_db()
    assert enrollment.completed_at is None
    assert course_completion_check(enrollment=enrollment) is False


def test_passing_the_final_quiz_completes_the_course(learner, cadre_ld, final_course):
    enrollment = course_enroll(actor=learner, cadre=cadre_ld, course=final_course)
    lesson_complete(user=learner, lesson=lessons_of(final_course)[0])
    sit(learner, final_course.final_quiz, f"course:{final_course.pk}:final", right=2)
    enrollment.refresh_from_db()
    assert enrollment.completed_at is not None


def test_final_quiz_passed_before_the_lessons_completes_with_the_last_lesson(
    learner, cadre_ld, final_course
):
    enrollment = course_enroll(actor=learner, cadre=cadre_ld, course=final_course)
    sit(learner, final_course.final_quiz, f"course:{final_course.pk}:final", right=2)
    enrollment.refresh_from_db()
    assert enrollment.completed_at is None
    completion = lesson_complete(user=learner, lesson=lessons_of(final_course)[0])
    assert completion.enrollment.completed_at is not None


def test_final_quiz_passed_in_another_context_does_not_count(learner, cadre_ld, final_course):
    enrollment = course_enroll(actor=learner, cadre=cadre_ld, course=final_course)
    lesson_complete(user=learner, lesson=lessons_of(final_course)[0])
    sit(learner, final_course.final_quiz, "class:999:post", right=2)
    enrollment.refresh_from_db()
    assert enrollment.completed_at is None


# --- Lesson quizzes -----------------------------------------------------------------------


@pytest.fixture
def quiz_lesson(course):
    return put_quiz_in(lessons_of(course)[0], two_question_quiz("Kiểm tra bài 1.1"))


def _lesson_quiz(lesson):
    return next(b.value["quiz"] for b in lesson.body if b.block_type == "quiz")


def test_passing_a_lesson_quiz_completes_the_lesson(learner, cadre_ld, course, quiz_lesson):
    enrollment = course_enroll(actor=learner, cadre=cadre_ld, course=course)
    sit(learner, _lesson_quiz(quiz_lesson), f"lesson:{quiz_lesson.lesson_key}", right=2)
    assert LessonCompletion.objects.filter(
        enrollment=enrollment, lesson_key=quiz_lesson.lesson_key
    ).exists()


def test_failing_a_lesson_quiz_leaves_the_lesson_open(learner, cadre_ld, course, quiz_lesson):
    course_enroll(actor=learner, cadre=cadre_ld, course=course)
    sit(learner, _lesson_quiz(quiz_lesson), f"lesson:{quiz_lesson.lesson_key}", right=0)
    assert not LessonCompletion.objects.exists()


def test_passing_the_last_lesson_quiz_completes_the_course(learner, cadre_ld, course, quiz_lesson):
    enrollment = course_enroll(actor=learner, cadre=cadre_ld, course=course)
    lesson_complete(user=learner, lesson=lessons_of(course)[1])
    sit(learner, _lesson_quiz(quiz_lesson), f"lesson:{quiz_lesson.lesson_key}", right=2)
    enrollment.refresh_from_db()
    assert enrollment.completed_at is not None


def test_a_doubled_signal_records_one_completion(learner, cadre_ld, course, quiz_lesson):
    enrollment = course_enroll(actor=learner, cadre=cadre_ld, course=course)
    quiz = _lesson_quiz(quiz_lesson)
    attempt = sit(learner, quiz, f"lesson:{quiz_lesson.lesson_key}", right=2)
    attempt_graded.send(
        sender=Attempt,
        attempt_id=attempt.pk,
        cadre_id=cadre_ld.pk,
        quiz_id=quiz.pk,
        context=attempt.context,
        percent=attempt.percent,
        passed=True,
    )
    assert LessonCompletion.objects.filter(enrollment=enrollment).count() == 1


def test_a_lesson_quiz_passed_without_an_enrolment_records_nothing(learner, course, quiz_lesson):
    sit(learner, _lesson_quiz(quiz_lesson), f"lesson:{quiz_lesson.lesson_key}", right=2)
    assert not LessonCompletion.objects.exists()
    assert not Enrollment.objects.exists()


def test_a_lesson_with_a_quiz_cannot_be_marked_done_by_hand(learner, cadre_ld, course, quiz_lesson):
    course_enroll(actor=learner, cadre=cadre_ld, course=course)
    with pytest.raises(ValidationError) as exc:
        lesson_complete(user=learner, lesson=quiz_lesson)
    assert "làm đạt bài kiểm tra" in exc.value.messages[0]
    assert not LessonCompletion.objects.exists()


def test_an_attempt_for_another_quiz_does_not_complete_a_quiz_lesson(
    learner, cadre_ld, course, quiz_lesson
):
    course_enroll(actor=learner, cadre=cadre_ld, course=course)
    sit(learner, two_question_quiz("Bài khác"), f"lesson:{quiz_lesson.lesson_key}", right=2)
    assert not LessonCompletion.objects.exists()


@pytest.mark.parametrize(
    "context",
    ["", "class:abc:pre", "class:1:middle", "course:x:final", "lesson:not-a-uuid", "open"],
)
def test_contexts_that_are_not_ours_are_ignored(learner, cadre_ld, course, context):
    enrollment = course_enroll(actor=learner, cadre=cadre_ld, course=course)
    assessment_result_record(
        cadre_id=cadre_ld.pk, quiz_id=1, context=context, percent=Decimal(100), passed=True
    )
    enrollment.refresh_from_db()
    assert enrollment.completed_at is None
    assert not LessonCompletion.objects.exists()
