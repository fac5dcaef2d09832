"""Article summaries -> per-council briefings (`consolidate`), and the optional model-written
narrative with its citation checks (`narrative`, `narrative_checks`).
"""
