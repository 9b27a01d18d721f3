"""What the courses app tells the apps built on it.

`course_completed` is sent by `course_completion_check`, inside its transaction, once:
when an enrollment becomes complete. Keyword argument: `enrollment`. Receivers are thin
and idempotent; the certificates app issues the course's certificate from it.
"""

from django.dispatch import Signal

course_completed = Signal()
