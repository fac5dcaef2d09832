"""`summarise serve`: the reviewers' loop and briefings on demand, in the browser.

The top edge beside `cli`: it calls the store and the briefing code; nothing imports it.
"""
