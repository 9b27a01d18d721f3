from .cascade import CascadeClass, CascadeReach, CascadeRoot
from .classes import Attendance, ClassParticipant, ClassSession, ClassTrainer, TrainingClass
from .learning import Assignment, Enrollment, LessonCompletion, ReminderSent
from .pages import CourseCompetencyTag, CourseIndexPage, CoursePage, LessonPage, ModulePage

__all__ = [
    "Assignment",
    "Attendance",
    "CascadeClass",
    "CascadeReach",
    "CascadeRoot",
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
