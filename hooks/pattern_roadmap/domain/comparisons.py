"""Comparison pages for patterns that readers confuse (roadmap_data/comparisons/<id>.yml + docs/compare/<id>.md).

The table's uniform rows come from the comparison's YAML; tier,
complexity, effort and minimum team come from each pattern's own record, so they are never restated.
"""

from __future__ import annotations

from pathlib import Path

from pattern_roadmap.data.files import DATA_ROOT, DOCS_ROOT, load_record, rel
from pattern_roadmap.data.problems import DataError, Problem, id_matches_file, no_such_pattern
from pattern_roadmap.domain.catalog import Catalog
from pattern_roadmap.schema.comparisons import ROWS, Comparison


def load_comparisons(
    catalog: Catalog, data_dir: Path = DATA_ROOT, prose_dir: Path = DOCS_ROOT / "compare"
) -> dict[str, Comparison]:
    problems: list[Problem] = []
    found: dict[str, Comparison] = {}
    for path in sorted((data_dir / "comparisons").glob("*.yml")):
        record, errors = load_record(Comparison, path)
        problems.extend(errors)
        if not isinstance(record, Comparison):
            continue
        file = rel(path)
        mismatch = id_matches_file(record.id, path.stem, file)
        if mismatch is not None:
            problems.append(mismatch)
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
