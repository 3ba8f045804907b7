"""A throwaway roadmap_data/ + docs/patterns/ pair for unit tests to break on purpose."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import yaml

WORDS = " ".join(["word"] * 10)

BASE: dict[str, Any] = {
    "name": "Alpha Pattern",
    "aliases": [{"catalog": "azure", "name": "Alpha"}],
    "category": "resilience",
    "layer": "application",
    "tier": "gold",
    "complexity": "low",
    "summary": "A one-line summary of the alpha pattern.",
    "problem": "A problem statement that is long enough to pass the schema's minimum.",
    "solution": "A solution statement that is long enough to pass the schema's minimum.",
    "when_to_use": ["first situation", "second situation", "third situation"],
    "when_not_to_use": ["first counter case", "second counter case"],
    "trade_offs": [{"cost": "some cost", "buys": "some gain"}, {"cost": "more cost", "buys": "more gain"}],
    "prerequisites": [],
    "related": [],
    "answers": {
        "challenges": {"reliability": "Caps how long one slow call can hold a request thread."},
        "goals": {"reliability": "Turns a hung call into a quick, visible failure."},
    },
    "fits": {"system_types": ["monolith"], "scales": ["startup"]},
    "min_team": "small",
    "effort_weeks": 2,
    "metrics": ["a measurable outcome"],
    "examples": [
        {
            "company": "Example Co",
            "kind": "operator",
            "what": "Example Co did exactly what the cited source says it did.",
            "source": {"title": "A public source", "url": "https://example.org/source"},
        }
    ],
}


class DataDir:
    """A data dir and prose dir under tmp_path, with helpers to write records."""

    def __init__(self, root: Path):
        self.data = root / "roadmap_data"
        self.prose = root / "docs" / "patterns"
        (self.data / "patterns").mkdir(parents=True)
        self.prose.mkdir(parents=True)

    def record(self, pattern_id: str, **changes: Any) -> dict[str, Any]:
        data = copy.deepcopy(BASE)
        data["id"] = pattern_id
        data.update(changes)
        return {key: value for key, value in data.items() if value is not None}  # None drops a field

    def write(self, pattern_id: str, data: Any = None, *, prose: bool = True, **changes: Any) -> Path:
        if data is None:
            data = self.record(pattern_id, **changes)
        path = self.data / "patterns" / f"{pattern_id}.yml"
        path.write_text(data if isinstance(data, str) else yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
        if prose:
            (self.prose / f"{pattern_id}.md").write_text(f"## How it works\n\n{WORDS}\n", encoding="utf-8")
        return path


