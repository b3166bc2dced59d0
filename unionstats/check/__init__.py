"""Stage 3, checking: the store's figures -> findings, completeness, and feedback to units.

``rules`` (rules.csv as safe expressions) · ``checks`` (each check a function returning
findings) · ``validate`` (run every check, write findings.csv and completeness.csv) ·
``feedback`` (annotated copies of submissions to send back).
"""
