"""Schema for the roadmap generator's data: roadmap_data/generator/{form,rules}.yml.

Pydantic models only. Cross-file checks (option values against the pattern vocabulary, pattern ids,
phase coverage) live in domain/generator.py, which reports them with the file and field like every
other data problem.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, StringConstraints

from pattern_roadmap.schema.vocabulary import Challenge, Goal, Line, Scale, Slug, Strict, SystemType, TeamSize, Tier

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
    challenge: list[Challenge] = Field(
        default_factory=list, description="Matches when any of these challenges is ticked."
    )


Reason = Annotated[str, StringConstraints(strip_whitespace=True, min_length=20, max_length=400)]


class RecommendRule(Strict):
    pattern: Slug
    when: When = Field(description="Every listed field must match; empty matches every plan.")
    before_foundation: bool = Field(False, description="Placed before even the first foundation moves.")
    reason: Reason = Field(description="Shown on the step: why this move comes first for these answers.")


class Provided(Strict):
    patterns: list[Slug] = Field(min_length=1, description="Foundation moves the platform already makes.")
    reason: Reason = Field(description="Shown as a note on the plan.")


class Foundation(Strict):
    first: list[Slug] = Field(
        min_length=1, description="Foundation moves placed before anything else, in this order (seeing the system)."
    )
    why_first: dict[Slug, Reason] = Field(
        description="For each of `first`: why every system needs it before anything else (shown on its step)."
    )
    scales: dict[Scale, list[Slug]] = Field(description="Core foundation moves every system at this scale needs.")
    extended: dict[Scale, list[Slug]] = Field(description="Foundation moves from a scale on: SLOs, incidents, IaC.")
    light_capacity: int = Field(
        ge=0, le=10, description="Teams of at most this capacity place the extended foundation after first moves."
    )
    system_types: dict[SystemType, list[Slug]] = Field(description="Extra foundation moves for a system type.")
    provided: dict[SystemType, Provided] = Field(
        default_factory=dict, description="Foundation moves a system type's platform provides instead."
    )
    assumed: dict[Scale, list[Slug]] = Field(
        default_factory=dict, description="What a system at this scale already runs: never planned, named instead."
    )
    checks: dict[Scale, list[Slug]] = Field(
        default_factory=dict,
        description="Foundation moves a system at this scale normally has: planned as a one-week check of "
        "coverage and gaps, not built from scratch.",
    )


class RuleGroup(Strict):
    id: Value
    name: Label
    patterns: list[Slug] = Field(min_length=2, description="Alternatives: a plan takes at most one of them.")
    reason: Reason = Field(description="Why one of these is enough (shown on /roadmaps/how-it-works/).")


class Cover(Strict):
    pattern: Slug = Field(description="A pattern that does other patterns' jobs when it is planned.")
    covers: list[Slug] = Field(min_length=1)
    reason: Reason


class Budget(Strict):
    share: float = Field(
        gt=0, lt=1, description="Share of the team's capacity x weeks the plan may fill; the rest is feature work."
    )
    scale_factor: dict[Scale, float] = Field(description="Effort multiplier per scale for every pattern.")
    structural_factor: dict[Scale, float] = Field(description="Effort multiplier per scale for structural patterns.")
    structural: list[Slug] = Field(min_length=1, description="Patterns that change the system's structure.")
    serial_high_complexity_up_to: int = Field(
        ge=0, le=10, description="Teams of at most this capacity run one high-complexity step at a time."
    )
    roomy_from: int = Field(
        ge=1, le=10,
        description="Teams of at least this capacity have room beyond their scale: they may take the next scale's "
        "lighter patterns (neither structural nor high-complexity), and one signal is enough to fill with a pattern.",
    )
    structural_in_flight: dict[TeamSize, int] = Field(description="Structural changes a team runs at once.")
    structural_after: list[Slug] = Field(
        default_factory=list, description="Safety nets planned before a structural change that splits the system."
    )
    splitting: list[Slug] = Field(
        default_factory=list,
        description="Structural changes that split the system across the network: the safety nets come first.",
    )
    tests_nets: dict[Slug, list[Slug]] = Field(
        default_factory=dict,
        description="Patterns that exercise other patterns (chaos experiments): those planned first, where they fit.",
    )
    new_per_quarter: dict[TeamSize, int] = Field(
        description="Paced steps that may start in any 13 weeks: how much change a team can absorb."
    )
    early_first_move: EarlyFirstMove = Field(
        description="When the first move on the goal comes right after the first foundation steps."
    )


class EarlyFirstMove(Strict):
    capacity_up_to: int = Field(ge=0, le=10, description="Teams of at most this capacity move early.")
    weeks_up_to: int = Field(ge=0, le=104, description="Timelines of at most this many weeks move early.")


class AvoidRule(Strict):
    pattern: Slug
    when: When = Field(description="Every listed field must match; empty matches every plan.")
    reason: Annotated[str, StringConstraints(strip_whitespace=True, min_length=20, max_length=400)]
    instead: list[Slug] = Field(
        default_factory=list, max_length=3, description="Patterns to use instead (shown in the guides)."
    )


class TimelinePhase(Strict):
    name: Label
    start: int = Field(ge=1, description="First week of the phase (1-based).")
    end: int = Field(ge=1, description="Last week of the phase (inclusive).")
    goal: Line


class Timeline(Strict):
    weeks: int = Field(ge=4, le=104)
    phases: list[TimelinePhase] = Field(min_length=2)


class Limits(Strict):
    next: int = Field(ge=1, le=30)
    avoid: int = Field(ge=1, le=30)


class Rules(Strict):
    weights: Weights
    limits: Limits
    team_capacity: dict[TeamSize, int]
    baselines: Baselines
    foundation: Foundation
    recommend: list[RecommendRule] = Field(default_factory=list)
    avoid: list[AvoidRule] = Field(default_factory=list)
    first_moves: dict[Goal, list[Slug]] = Field(
        default_factory=dict, description="The first move on each goal, tried in order before the ranking."
    )
    best_fits: dict[Challenge, list[Slug]] = Field(
        default_factory=dict,
        description="For a ticked challenge, the quick fixes tried first, in order, before the ranking.",
    )
    situational: list[Slug] = Field(
        default_factory=list, description="Patterns whose need the form cannot tell: never planned or avoided."
    )
    groups: list[RuleGroup] = Field(default_factory=list)
    covers: list[Cover] = Field(default_factory=list)
    stores: dict[Challenge, list[Slug]] = Field(
        default_factory=dict, description="Datastore internals to look for when a ticked challenge touches them."
    )
    adds_cost: list[Slug] = Field(
        default_factory=list, description="Patterns a cost goal takes only when a ticked challenge asks for them."
    )
    companions: dict[Slug, list[Slug]] = Field(
        default_factory=dict, description="Patterns placed right after another one whenever it is planned."
    )
    recommend_only: list[Slug] = Field(
        default_factory=list,
        description="Patterns planned only when a recommend rule names them, never by relevance.",
    )
    simplifying: list[Slug] = Field(
        default_factory=list,
        description="Patterns that simplify the system: once one is planned, the plan fills its budget only "
        "with what a ticked challenge asks for.",
    )
    budget: Budget
    timelines: dict[Value, Timeline]
