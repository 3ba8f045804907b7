"""Schema for the roadmap generator's data: roadmap_data/generator/{form,rules}.yml.

Pure Python (no mkdocs import). Cross-file checks (option values against the pattern
vocabulary, pattern ids, phase coverage) live in catalog.py, which reports them with
the file and field like every other data problem.
"""

from __future__ import annotations

from typing import Annotated

from models import Goal, Line, Scale, Slug, Strict, SystemType, TeamSize, Tier
from pydantic import Field, StringConstraints

Value = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", max_length=40)]
Label = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=80)]

# ---------------------------------------------------------------------------
# form.yml
# ---------------------------------------------------------------------------


class Option(Strict):
    value: Value
    label: Label


class FormField(Strict):
    id: Value = Field(description="The HTML id of the control (a public contract).")
    param: Value = Field(description="The URL parameter of the shareable link (a public contract).")
    section: Label
    label: Label
    multiple: bool = Field(False, description="Checkboxes (any number ticked) instead of a select.")
    default: Value | None = Field(None, description="The selected option when nothing is given.")
    options: list[Option] = Field(min_length=2)


class Form(Strict):
    fields: list[FormField] = Field(min_length=1)


# ---------------------------------------------------------------------------
# rules.yml
# ---------------------------------------------------------------------------


class Weights(Strict):
    challenge: int = Field(ge=0, le=20)
    goal: int = Field(ge=0, le=20)
    scale_baseline: int = Field(ge=0, le=20)
    system_baseline: int = Field(ge=0, le=20)
    tier: dict[Tier, int]


class Baselines(Strict):
    scales: dict[Scale, list[Slug]]
    system_types: dict[SystemType, list[Slug]]


class When(Strict):
    system: list[SystemType] = Field(default_factory=list)
    scale: list[Scale] = Field(default_factory=list)
    team: list[TeamSize] = Field(default_factory=list)
    goal: list[Goal] = Field(default_factory=list)


class AvoidRule(Strict):
    pattern: Slug
    when: When = Field(description="Every listed field must match; empty matches every plan.")
    reason: Annotated[str, StringConstraints(strip_whitespace=True, min_length=20, max_length=400)]
    instead: list[Slug] = Field(
        default_factory=list, max_length=3, description="Patterns to use instead (shown in the guides)."
    )


class Phase(Strict):
    name: Label
    start: int = Field(ge=1, description="First week of the phase (1-based).")
    end: int = Field(ge=1, description="Last week of the phase (inclusive).")
    goal: Line


class Timeline(Strict):
    max_steps: int = Field(ge=3, le=60, description="At most this many patterns; the rest goes to 'next'.")
    weeks: int = Field(ge=4, le=104)
    phases: list[Phase] = Field(min_length=2)


class Limits(Strict):
    next: int = Field(ge=1, le=30)
    avoid: int = Field(ge=1, le=30)


class Rules(Strict):
    weights: Weights
    limits: Limits
    team_capacity: dict[TeamSize, int]
    baselines: Baselines
    avoid: list[AvoidRule] = Field(default_factory=list)
    timelines: dict[Value, Timeline]
