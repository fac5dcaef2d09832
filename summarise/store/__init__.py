"""The store: a library of articles that grows (SQLite by default, PostgreSQL for teams).

An edge beside the pipeline: the run and the shell read from it and hand plain models to
`brief` and `render`, which never import it. See README.md, "The store".
"""
