"""What the assessments app tells the apps that placed a quiz.

`attempt_graded` is sent inside the grading transaction, once per grading (and again if a
trainer later changes a short-answer mark), with keyword arguments `attempt_id`,
`cadre_id`, `quiz_id`, `context`, `percent` (Decimal) and `passed` (bool). Receivers must
be idempotent and thin: they call a service of their own app.
"""

from django.dispatch import Signal

attempt_graded = Signal()
