"""Synthetic demo data: a catalogue of roles, countries and companies (``catalog``), a column-wise
generator of listings (``generator``) and the sample profiles the app offers (``samples``).

Labelled synthetic everywhere it shows; never a tuning target for real-text ranking.
"""
