"""Shared records: the listing and its table, the profile and its field declaration, the match.

Every stage reads and writes these; they import only the vocabulary below them.
"""
