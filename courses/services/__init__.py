"""State changes of the courses app, one module per area:

- `courses.services.learning`: enrolment, assignment to a subtree, lesson completion.
- `courses.services.classes`: training classes, participants, sessions, attendance.
- `courses.services.reminders`: due-date reminders.
"""
