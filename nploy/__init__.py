"""nploy: explained job matching over a FAISS index of listing embeddings."""

__version__ = "0.1.0"
