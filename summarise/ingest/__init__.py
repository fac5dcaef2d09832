"""Ingest: a path on disk -> an `Article` whose cleaned text every span points into.

`reader` is the I/O edge (finding inputs, reading and decoding bytes); `charfix`, `textclean`,
`htmltext` and `boilerplate` are pure text repair that the reader applies.
"""
