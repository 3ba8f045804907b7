"""Cache-aside with a TTL, one loader per key at a time (stampede protection) and negative caching."""

from __future__ import annotations

import sqlite3
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, TypeVar

V = TypeVar("V")


@dataclass(frozen=True)
class _Entry(Generic[V]):
    value: V | None  # None records "the source has no such key"
    expires_at: float


class CacheAside(Generic[V]):
    def __init__(
        self,
        loader: Callable[[str], V | None],
        ttl: float = 60.0,
        negative_ttl: float = 5.0,
        max_entries: int = 10_000,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._loader = loader  # reads the source of truth; returns None when the key does not exist
        self._ttl = ttl
        # Remember misses too, briefly: otherwise every lookup of a missing id goes to the database.
        self._negative_ttl = negative_ttl
        self._max_entries = max_entries
        self._clock = clock
        self._entries: OrderedDict[str, _Entry[V]] = OrderedDict()
        # Striped locks: a fixed set shared by hash, so memory stays bounded however many keys appear.
        self._key_locks = [threading.Lock() for _ in range(64)]
        self._guard = threading.Lock()
        self.hits = self.misses = 0

    # --8<-- [start:get]
    def get(self, key: str) -> V | None:
        entry = self._fresh(key)
        if entry is not None:
            self.hits += 1
            return entry.value
        # Stampede protection: when a popular key expires, one caller reloads it and the others wait
        # for that result instead of all hitting the database at the same moment.
        with self._lock_for(key):
            entry = self._fresh(key)  # someone may have loaded it while we waited
            if entry is not None:
                self.hits += 1
                return entry.value
            self.misses += 1
            value = self._loader(key)
            ttl = self._ttl if value is not None else self._negative_ttl
            self._store(key, _Entry(value, self._clock() + ttl))
            return value

    # --8<-- [end:get]

    def invalidate(self, key: str) -> None:
        """Call after committing a write, so the next read reloads instead of serving the old value."""
        with self._guard:
            self._entries.pop(key, None)

    def _fresh(self, key: str) -> _Entry[V] | None:
        with self._guard:
            entry = self._entries.get(key)
            return entry if entry is not None and entry.expires_at > self._clock() else None

    def _store(self, key: str, entry: _Entry[V]) -> None:
        with self._guard:
            self._entries[key] = entry
            self._entries.move_to_end(key)
            while len(self._entries) > self._max_entries:  # bounded memory: drop the oldest write first
                self._entries.popitem(last=False)

    def _lock_for(self, key: str) -> threading.Lock:
        return self._key_locks[hash(key) % len(self._key_locks)]


# Usage with a parameterised query: the id is passed as a parameter, never formatted into the SQL.
def product_cache(db: sqlite3.Connection) -> CacheAside[dict[str, object]]:
    def load_product(product_id: str) -> dict[str, object] | None:
        row = db.execute("SELECT id, name, price_cents FROM products WHERE id = ?", (product_id,)).fetchone()
        return None if row is None else {"id": row[0], "name": row[1], "price_cents": row[2]}

    return CacheAside(load_product, ttl=300.0, negative_ttl=10.0)
