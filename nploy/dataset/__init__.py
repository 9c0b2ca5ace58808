"""A dataset directory and what is served from it.

``directory`` is the directory itself (listings table, rejects, index: build and update);
``catalog`` is the serving catalog one listings-file version gives (table, filters, skill index,
market frame, distinct values, headline numbers).
"""

from nploy.dataset.directory import Dataset, open_dataset

__all__ = ["Dataset", "open_dataset"]
