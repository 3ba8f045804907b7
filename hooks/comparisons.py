"""Comparison pages for patterns that readers confuse (roadmap_data/comparisons/<id>.yml + docs/compare/<id>.md).

Pure Python (no mkdocs import). The table's uniform rows come from the comparison's YAML; tier,
complexity, effort and minimum team come from each pattern's own record, so they are never restated.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

from catalog import DATA_DIR, ROOT, Catalog, DataError, Problem, load_record, no_such_pattern, rel
from models import Slug, Strict
from pydantic import Field, StringConstraints

Cell = Annotated[str, StringConstraints(strip_whitespace=True, min_length=3, max_length=320)]
ROWS = {
    "consistency": "Consistency",
    "latency": "Latency",
    "operational_cost": "Operational cost",
    "failure_modes": "Failure modes",
    "when_it_wins": "When it wins",
}


class Rows(Strict):
    consistency: list[Cell]
    latency: list[Cell]
    operational_cost: list[Cell]
    failure_modes: list[Cell]
    when_it_wins: list[Cell]


class Comparison(Strict):
    id: Slug
    title: Annotated[str, StringConstraints(strip_whitespace=True, min_length=5, max_length=90)]
    summary: Annotated[str, StringConstraints(strip_whitespace=True, min_length=20, max_length=200)]
    patterns: list[Slug] = Field(min_length=2, max_length=3, description="The patterns compared, in column order.")
    rows: Rows = Field(description="One cell per pattern, in the order of `patterns`.")


def load_comparisons(
    catalog: Catalog, data_dir: Path = DATA_DIR, prose_dir: Path = ROOT / "docs" / "compare"
) -> dict[str, Comparison]:
    problems: list[Problem] = []
    found: dict[str, Comparison] = {}
    for path in sorted((data_dir / "comparisons").glob("*.yml")):
        record, errors = load_record(Comparison, path)
        problems.extend(errors)
        if not isinstance(record, Comparison):
            continue
        file = rel(path)
        if record.id != path.stem:
            problems.append(Problem(file, "id", f"expected '{path.stem}' to match the file name"))
        for index, pid in enumerate(record.patterns):
            if pid not in catalog.patterns:
                problems.append(no_such_pattern(file, f"patterns.{index}", pid))
        for row in ROWS:
            cells = getattr(record.rows, row)
            if len(cells) != len(record.patterns):
                problems.append(Problem(file, f"rows.{row}", f"expected one cell per pattern ({len(record.patterns)})"))
        if not (prose_dir / f"{record.id}.md").is_file():
            problems.append(Problem(rel(prose_dir / f"{record.id}.md"), "", f"expected the prose page for {file}"))
        found[record.id] = record
    for md in sorted(prose_dir.glob("*.md")):
        if md.stem != "index" and md.stem not in found:
            problems.append(Problem(rel(md), "", f"expected {rel(data_dir)}/comparisons/{md.stem}.yml"))
    if problems:
        raise DataError(problems)
    return found
