"""Verbatim strings -> spans of the cleaned text: exact, then normalised (`spans`), then a
bounded fuzzy match (`fuzzy`). Every span records which of these found it.
"""
