"""A province's own project: made by ``unionstats init``, its registry entered in Excel.

``create`` (the project folder, its marker and what a new province starts with) ·
``workbook`` (the set-up workbook of units, clusters and the federation: written, read back
and checked row by row). Outside the flow: it writes reference data, the flow reads it.
"""
