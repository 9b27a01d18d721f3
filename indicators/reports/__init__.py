"""Printing a frozen indicator report: the PDF (pdf.py) and the workbook (xlsx.py), from
`Report.data` alone."""
