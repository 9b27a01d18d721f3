"""Helpers shared by the assessments tests."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook


def correct_answers(attempt) -> dict:
    """Answers to every question of `attempt`, keyed by position: the right choices, the
    options in their correct order, and a text for short answers."""
    answers = {}
    for item in attempt.items.select_related("question").prefetch_related("question__choices"):
        choices = list(item.question.choices.all())
        kind = item.question.kind
        if kind in ("single", "true_false"):
            answers[item.position] = next(c.pk for c in choices if c.is_correct)
        elif kind == "multiple":
            answers[item.position] = [c.pk for c in choices if c.is_correct]
        elif kind == "ordering":
            answers[item.position] = [c.pk for c in choices]
        else:
            answers[item.position] = "Huy động đoàn viên qua mạng xã hội"
    return answers


def xlsx_upload(rows, *, header, name="cau-hoi.xlsx") -> SimpleUploadedFile:
    """An uploaded XLSX file: the header row, then `rows`."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(header)
    for values in rows:
        sheet.append(values)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue())
