"""Comparison data: the real seven load; bad comparisons are rejected with the file and the field."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from pattern_roadmap.data.files import DATA_ROOT, ROOT
from pattern_roadmap.data.problems import DataError
from pattern_roadmap.domain.catalog import load_catalog
from pattern_roadmap.domain.comparisons import load_comparisons
from pattern_roadmap.schema.comparisons import ROWS
from support.dataset import lazy

CATALOG = lazy(load_catalog)


def test_the_seven_comparisons_load_with_a_cell_per_pattern() -> None:
    found = load_comparisons(CATALOG)
    assert set(found) == {
        "cqrs-vs-event-sourcing",
        "saga-vs-two-phase-commit",
        "circuit-breaker-vs-retry-vs-timeout",
        "blue-green-vs-canary",
        "orchestration-vs-choreography",
        "cache-aside-vs-write-through-vs-write-behind",
        "leader-election-vs-distributed-lock",
    }
    for c in found.values():
        for row in ROWS:
            assert len(getattr(c.rows, row)) == len(c.patterns)


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    shutil.copytree(DATA_ROOT / "comparisons", tmp_path / "data" / "comparisons")
    shutil.copytree(ROOT / "docs" / "compare", tmp_path / "prose")
    return tmp_path


def rewrite(path: Path, change) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")


@pytest.mark.parametrize(
    ("change", "field", "expected"),
    [
        (lambda d: d["patterns"].__setitem__(0, "ghost"), "patterns.0", "no 'ghost.yml'"),
        (lambda d: d["rows"]["latency"].pop(), "rows.latency", "one cell per pattern"),
        (lambda d: d["rows"].pop("consistency"), "rows.consistency", "required"),
        (lambda d: d.update(verdict="yes"), "verdict", "unknown field"),
    ],
)
def test_bad_comparisons_are_rejected(copy: Path, change, field: str, expected: str) -> None:
    rewrite(copy / "data" / "comparisons" / "blue-green-vs-canary.yml", change)
    with pytest.raises(DataError) as info:
        load_comparisons(CATALOG, copy / "data", copy / "prose")
    assert any(
        p.field == field and expected in p.expected and p.file.endswith("blue-green-vs-canary.yml")
        for p in info.value.problems
    ), str(info.value)


def test_a_comparison_without_its_page_is_rejected(copy: Path) -> None:
    (copy / "prose" / "blue-green-vs-canary.md").unlink()
    with pytest.raises(DataError, match=r"blue-green-vs-canary\.md: file: expected the prose page"):
        load_comparisons(CATALOG, copy / "data", copy / "prose")
