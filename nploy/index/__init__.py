"""The build side: listings table -> embeddings -> FAISS index (and the lexical leg) on disk.

``encoder`` is the narrow interface to the model; ``embedding`` (sentence-transformers, the fake test encoder)
and ``query_encoder`` (the same model in torch) implement it; ``texts`` says what is embedded; ``index`` is the
FAISS index (the one module that imports FAISS) and ``manifest`` what describes it on disk; ``lexical`` is BM25;
``raybuild`` embeds on a Ray cluster.
"""
