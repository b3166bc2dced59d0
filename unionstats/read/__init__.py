"""Stage 1, reading: raw files -> figures with provenance, nothing guessed.

``inventory`` (which files, their hashes) · ``cells`` (file -> grids of cells) ·
``numbers`` (a cell -> a number in the catalogue's measure) · ``labels`` (a row label ->
an indicator) · ``forms`` (the report table and its rows) · ``identify`` (unit and period)
· ``details`` (attached CĐCS lists) · ``submission`` (one file -> one outcome) · ``batch``
(many files, in parallel processes).
"""
