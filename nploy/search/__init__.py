"""Search: listings table -> embeddings -> FAISS index -> explained matches.

``encoder`` is the narrow interface to the model; ``embedding`` (sentence-transformers, the fake
test encoder) and ``query_encoder`` (the same model in torch) implement it; ``texts`` says what is
embedded; ``index`` is the FAISS index and its manifest; ``filters``, ``scoring``, ``explain`` and
``matcher`` make matches under the ``ranking`` settings; ``feedback`` is the swipe feed;
``lexical`` is BM25; ``raybuild`` embeds on a Ray cluster.
"""
