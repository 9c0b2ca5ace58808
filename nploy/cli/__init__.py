"""The ``nploy`` command line. Each command's docstring is its ``--help``.

Commands live by stage: ``data`` (ingest, build, demo-data, stats, db-upgrade), ``boards`` (fetch, refresh,
sources), ``matching`` (match) and ``quality`` (eval); ``group`` holds the group and what they share. Each
command module imports ``group``, never this package, and this package imports them to register them: no circle.
"""

from nploy.cli import boards, data, matching, quality  # noqa: F401  (importing a module registers its commands)
from nploy.cli.group import main

__all__ = ["main"]
