"""The schema of a comparison (roadmap_data/comparisons/<id>.yml): patterns that readers confuse,
side by side, one cell per pattern in each row. Pydantic models only.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, StringConstraints

from pattern_roadmap.schema.vocabulary import Slug, Strict

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
