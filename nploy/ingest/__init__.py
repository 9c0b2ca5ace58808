"""Ingest: listing files (and CVs) in, typed records out.

``readers`` streams records from CSV, JSON, JSON Lines and Parquet; ``columns`` maps source columns
to listing fields; ``normalise`` turns one record into a ``Listing`` with ``salary`` and
``location`` reading pay and places; ``files`` runs a whole ingest with its rejects and counts;
``merge`` appends to an existing table; ``cv`` reads a CV into profile hints.
"""
