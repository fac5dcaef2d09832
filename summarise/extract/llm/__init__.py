"""The LLM backend: the response model, its prompts, chunking, the instructor call and the
conversion of an answer into a grounded ArticleSummary.
"""
