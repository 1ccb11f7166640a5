"""The reader: a workbook file (or the book open in Excel) into typed tables.

Floor 1: it needs only the schema and the small shared pieces below it
(`cells`, `findings`, `errors`), and everything above it reads through it.
"""
