"""Public job boards: which ones and where (``endpoints``), a polite HTTP client (``client``), fetching
them with every response kept raw (``fetch``), keeping a board's listings fresh (``freshness``), and the
list of boards a dataset refreshes (``config``)."""
