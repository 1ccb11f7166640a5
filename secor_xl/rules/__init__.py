"""The rules: what is wrong (validate) or late (timeliness) in a workbook, and the
engine's own Dashboard counts (status). `check.check_workbook` runs them all.

Floor 2: the rules read through the reader and may use the certification
tables (the Roadmap's due dates); nothing here touches a file or the clock.
"""
