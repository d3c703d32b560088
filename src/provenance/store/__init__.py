"""Where results live: the `Results` read protocol, in memory or in the SQLite store."""

from .results import ClaimFilter, FigureFilter, MemoryResults, Results, member_words, query_stems
from .sqlite import (
    SCHEMA_VERSION,
    CachedRecords,
    Store,
    StoreError,
    cache_path,
    default_dataset_path,
    default_store_path,
    find_store,
)

__all__ = [
    "SCHEMA_VERSION",
    "CachedRecords",
    "ClaimFilter",
    "FigureFilter",
    "MemoryResults",
    "Results",
    "Store",
    "StoreError",
    "cache_path",
    "default_dataset_path",
    "default_store_path",
    "find_store",
    "member_words",
    "query_stems",
]
