"""The project's data for the tests, loaded when a test first uses it, not when pytest collects
the test modules: a data error then fails the tests that need the data, with its message,
instead of crashing collection."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
# Pattern ids from the file names alone (no YAML read), for parametrizing at collection time.
PATTERN_IDS = sorted(path.stem for path in (ROOT / "roadmap_data" / "patterns").glob("*.yml"))


class Lazy:
    """Stands in for a loaded object (a Catalog, Generator, Planner...): loads it on first use."""

    def __init__(self, load: Callable[[], Any]):
        self.__dict__["_load"], self.__dict__["_value"] = load, None

    def loaded(self) -> Any:
        if self.__dict__["_value"] is None:
            self.__dict__["_value"] = self.__dict__["_load"]()
        return self.__dict__["_value"]

    def __getattr__(self, name: str) -> Any:
        return getattr(self.loaded(), name)

    def __iter__(self):
        return iter(self.loaded())

    def __len__(self) -> int:
        return len(self.loaded())

    def __getitem__(self, key: Any) -> Any:
        return self.loaded()[key]


def lazy(load: Callable[..., Any], *args: Any) -> Lazy:
    """lazy(load_generator, CATALOG): arguments that are Lazy are loaded first."""
    return Lazy(lambda: load(*(a.loaded() if isinstance(a, Lazy) else a for a in args)))
