"""Shared knowledge every stage reads: the skills taxonomy, role families, places and money.

Nothing here reads listings or profiles; ingest parses with it, profiles validate with it, search
and market group with it.
"""
