"""Councils: the ONS lookup and aliases (`lookup`), and where prose names one (`mentions`).

`mentions` builds on `lookup`'s name index; `lookup` never imports `mentions`.
"""
