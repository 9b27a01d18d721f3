from .classes import Attendance, ClassParticipant, ClassSession, ClassTrainer, TrainingClass
from .learning import Assignment, Enrollment, LessonCompletion, ReminderSent
from .pages import CourseCompetencyTag, CourseIndexPage, CoursePage, LessonPage, ModulePage

__all__ = [
    "Assignment",
    "Attendance",
    "ClassParticipant",
    "ClassSession",
    "ClassTrainer",
    "CourseCompetencyTag",
    "CourseIndexPage",
    "CoursePage",
    "Enrollment",
    "LessonCompletion",
    "LessonPage",
    "ModulePage",
    "ReminderSent",
    "TrainingClass",
]
