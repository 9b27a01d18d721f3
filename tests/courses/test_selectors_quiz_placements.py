"""The quiz pages lead the learner back to the lesson, course or class that placed the quiz."""

from django.urls import reverse

from assessments.placements import placement_describe
from assessments.selectors.quizzes import quiz_link
from courses.services.learning import course_enroll, lesson_complete
from tests.courses.quiz_helpers import lessons_of, sit, two_question_quiz
from tests.factories import UserFactory, make_class, make_course


def test_each_course_context_names_its_place(organizer, tree):
    course = make_course(modules=1, lessons=1, final_quiz=two_question_quiz())
    lesson = lessons_of(course)[0]
    klass = make_class(organizer, tree["lam_dong"], course)
    assert placement_describe(f"lesson:{lesson.lesson_key}").url == lesson.url
    assert placement_describe(f"course:{course.pk}:final").title == course.title
    placed = placement_describe(f"class:{klass.pk}:post")
    assert (placed.title, placed.url) == (klass.title, reverse("class_detail", args=[klass.pk]))


def test_unknown_or_malformed_contexts_have_no_place(db):
    for context in ("", "course:abc:final", "class:999999:pre", "lesson:", "lesson:abc", "khac:1"):
        assert placement_describe(context) is None


def test_quiz_page_and_result_link_back_to_the_course(client, cadre_ld):
    course = make_course(modules=1, lessons=1, final_quiz=two_question_quiz())
    cadre_ld.user = UserFactory(email="hoa@example.vn")
    cadre_ld.save()
    learner = cadre_ld.user
    course_enroll(actor=learner, cadre=cadre_ld, course=course)
    for lesson in lessons_of(course):
        lesson_complete(user=learner, lesson=lesson)
    context = f"course:{course.pk}:final"
    client.force_login(learner)
    start = client.get(
        quiz_link(quiz_id=course.final_quiz_id, context=context, cadre_id=cadre_ld.pk)
    )
    assert f'href="{course.url}"' in start.content.decode()
    attempt = sit(learner, course.final_quiz, context, right=2)
    result = client.get(reverse("assessments:attempt_result", args=[attempt.pk]))
    assert f"Về “{course.title}”" in result.content.decode()
