"""Cache-aside with a TTL, one loader per key at a time (stampede protection) and negative caching."""

from __future__ import annotations

import contextlib
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
        self._loading: dict[str, bool] = {}  # keys being loaded -> invalidated since the load began?
        self.hits = self.misses = 0

    # --8<-- [start:get]
    def get(self, key: str) -> V | None:
        if (entry := self._fresh(key)) is not None:
            self.hits += 1
            return entry.value
        with self._lock_for(key):  # stampede protection: one caller loads, the others wait for it
            if (entry := self._fresh(key)) is not None:  # loaded by someone else while we waited
                self.hits += 1
                return entry.value
            self.misses += 1
            with self._guard:
                self._loading[key] = False  # invalidate() sets it to True while this load runs
            try:
                value = self._loader(key)
            except BaseException:
                with self._guard:
                    del self._loading[key]
                raise
            expires_at = self._clock() + (self._ttl if value is not None else self._negative_ttl)
            with self._guard:
                # Invalidated meanwhile: a write may be newer than what we read, so serve it to this
                # caller but do not cache it. Check and store under one lock, so nothing slips between.
                if not self._loading.pop(key):
                    self._store(key, _Entry(value, expires_at))
            return value

    # --8<-- [end:get]

    def invalidate(self, key: str) -> None:
        """Call after committing a write, so the next read reloads instead of serving the old value."""
        with self._guard:
            self._entries.pop(key, None)
            if key in self._loading:
                self._loading[key] = True  # a load in flight may have read the old row: it must not be cached

    def _fresh(self, key: str) -> _Entry[V] | None:
        with self._guard:
            entry = self._entries.get(key)
            return entry if entry is not None and entry.expires_at > self._clock() else None

    def _store(self, key: str, entry: _Entry[V]) -> None:  # caller holds self._guard
        self._entries[key] = entry
        self._entries.move_to_end(key)
        while len(self._entries) > self._max_entries:  # bounded memory: drop the oldest write first
            self._entries.popitem(last=False)

    def _lock_for(self, key: str) -> threading.Lock:
        return self._key_locks[hash(key) % len(self._key_locks)]


# Usage with a parameterised query: the id is passed as a parameter, never formatted into the SQL.
def product_cache(db_path: str) -> CacheAside[dict[str, object]]:
    def load_product(product_id: str) -> dict[str, object] | None:
        # get() runs the loader in whichever thread asks, and a sqlite3 connection must stay in the thread
        # that opened it: open one per load (cheap for SQLite; with a server database, borrow from a pool).
        with contextlib.closing(sqlite3.connect(db_path)) as db:
            sql = "SELECT id, name, price_cents FROM products WHERE id = ?"
            row = db.execute(sql, (product_id,)).fetchone()
        return None if row is None else {"id": row[0], "name": row[1], "price_cents": row[2]}

    return CacheAside(load_product, ttl=300.0, negative_ttl=10.0)
