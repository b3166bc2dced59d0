"""Stage 4, analysis: the store's figures -> totals, like-for-like comparisons, rankings, trends.

Pure functions over DataFrames (``analysis``); nothing here reads or writes files.
"""
