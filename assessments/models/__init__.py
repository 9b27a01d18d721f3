from .attempts import Attempt, AttemptItem
from .banks import Choice, Difficulty, Question, QuestionBank, QuestionKind, Quiz, QuizRule
from .competencies import (
    Competency,
    CompetencyStanding,
    LevelDescriptor,
    Proficiency,
    RequiredLevel,
    RubricRating,
)
from .evaluations import (
    CriterionScore,
    EvaluationCriterion,
    EvaluationEvent,
    EvaluationEvidence,
    EvaluationRound,
    UnitEvaluation,
)

__all__ = [
    "Attempt",
    "AttemptItem",
    "Choice",
    "Competency",
    "CompetencyStanding",
    "CriterionScore",
    "Difficulty",
    "EvaluationCriterion",
    "EvaluationEvent",
    "EvaluationEvidence",
    "EvaluationRound",
    "LevelDescriptor",
    "Proficiency",
    "Question",
    "QuestionBank",
    "QuestionKind",
    "Quiz",
    "QuizRule",
    "RequiredLevel",
    "RubricRating",
    "UnitEvaluation",
]
