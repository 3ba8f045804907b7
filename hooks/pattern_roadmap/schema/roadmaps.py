"""The schema of the pre-built roadmaps (roadmap_data/roadmaps/<id>.yml) and of the implementation
priorities (roadmap_data/priorities.yml). Pydantic models only; domain/roadmaps.py checks
them against the catalog and the team's capacity.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, StringConstraints

from pattern_roadmap.schema.vocabulary import Line, Scale, Slug, Strict, TeamSize, Text

Sentence = Annotated[str, StringConstraints(strip_whitespace=True, min_length=10, max_length=600)]


class RoadmapStep(Strict):
    pattern: Slug
    start: int = Field(ge=1, description="First week of the step (1-based, counted from the roadmap's start).")
    weeks: int | None = Field(None, ge=1, le=52, description="Effort in weeks; the pattern's effort_weeks if left out.")
    why: Sentence = Field(description="Why this step comes here, in this order.")


class Milestone(Strict):
    name: Line
    week: int = Field(ge=1)
    target: Sentence = Field(description="A measurable target: a number, a threshold or an observable event.")
    needs: list[Slug] = Field(
        default_factory=list,
        description="The roadmap's steps this milestone proves: it comes no earlier than the week each ends. "
        "A pattern the milestone names must be listed.",
    )


class RoadmapPhase(Strict):
    name: Line
    start: int = Field(ge=1, description="First week of the phase.")
    end: int = Field(ge=1, description="Last week of the phase (inclusive).")
    goal: Sentence
    steps: list[RoadmapStep] = Field(min_length=1)
    milestones: list[Milestone] = Field(min_length=1)
    exit_criteria: list[Sentence] = Field(min_length=1)


class Risk(Strict):
    risk: Sentence
    mitigation: Sentence


class NotYet(Strict):
    pattern: Slug
    why: Sentence


class Roadmap(Strict):
    id: Slug
    name: Line
    summary: Annotated[str, StringConstraints(strip_whitespace=True, min_length=20, max_length=200)]
    audience: Sentence
    starting_point: Text
    end_state: Text
    scale: Scale = Field(description="The scale the roadmap starts from.")
    team: TeamSize = Field(description="The team it assumes; its capacity bounds parallel steps.")
    periods: Annotated[str, StringConstraints(pattern=r"^(weeks|quarters)$")] = Field(
        "weeks", description="How phases are labelled: by weeks, or by quarters of 13 weeks."
    )
    assumes: list[Slug] = Field(default_factory=list, description="Patterns already in place before week 1.")
    phases: list[RoadmapPhase] = Field(min_length=2)
    risks: list[Risk] = Field(min_length=2)
    not_yet: list[NotYet] = Field(min_length=1)

    @property
    def weeks(self) -> int:
        return self.phases[-1].end


class Priorities(Strict):
    maturity: dict[Scale, dict[Annotated[str, StringConstraints(pattern=r"^(must|should|nice)$")], list[Slug]]]
    domains: dict[Slug, list[RoadmapStep]]
