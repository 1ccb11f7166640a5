"""The workbook: build a new master (XlsxWriter) and, later, read and write back."""

from .build import BuildOptions, build_workbook

__all__ = ["BuildOptions", "build_workbook"]
