"""Printing a frozen indicator report: the PDF (pdf.py) and the workbook (xlsx.py), from
`Report.data` alone; which cut-offs a report takes (cutoffs.py) and its words (wording.py)."""
