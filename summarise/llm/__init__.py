"""What every model call shares: settings, the client, transport retries, prompt templates,
usage and cost, and the result cache. Used by extraction and by the briefing narrative.
"""
