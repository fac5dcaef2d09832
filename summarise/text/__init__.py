"""Text helpers that more than one stage needs (dates and datelines), kept below the stages."""
