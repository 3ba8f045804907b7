"""The schema of a pattern record: roadmap_data/patterns/<id>.yml.

Every model forbids unknown keys, so a typo in a YAML file is an error that names the field instead
of a value that is silently ignored. `python hooks/cli.py schema` writes the models out as JSON
Schema into roadmap_data/schema/ for editors.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

from pydantic import Field, HttpUrl, StringConstraints

from pattern_roadmap.schema.vocabulary import (
    AliasCatalog,
    Category,
    Challenge,
    Complexity,
    Goal,
    Layer,
    Line,
    Scale,
    Slug,
    Strict,
    SystemType,
    TeamSize,
    Text,
    Tier,
    Why,
)

# ---------------------------------------------------------------------------
# Pattern records: roadmap_data/patterns/<id>.yml
# ---------------------------------------------------------------------------


class Alias(Strict):
    catalog: AliasCatalog = Field(description="The catalog that uses this name.")
    name: Line = Field(description="The pattern's name in that catalog.")


class TradeOff(Strict):
    cost: Line = Field(description="What adopting the pattern costs.")
    buys: Line = Field(description="What that cost buys you.")


class PatternAnswers(Strict):
    challenges: dict[Challenge, Why] = Field(
        description="Each generator challenge this pattern answers, with one sentence saying how it answers it."
    )
    goals: dict[Goal, Why] = Field(
        min_length=1, description="Each generator goal this pattern serves, with one sentence saying how."
    )


class Fits(Strict):
    system_types: list[SystemType] = Field(min_length=1, description="System types it suits.")
    scales: list[Scale] = Field(min_length=1, description="Current scales at which it pays off.")


class Source(Strict):
    title: Line = Field(description="Title of the public source.")
    url: HttpUrl = Field(description="Public URL of the source.")


class ExampleKind(StrEnum):
    operator = "operator"  # the organisation or product runs it, per a source by that operator or maintainer
    reading = "reading"  # a description of the pattern: a vendor's catalog, an article, a defining paper


class Example(Strict):
    company: Line = Field(description="Who runs it in production, or who describes it.")
    kind: ExampleKind = Field(
        description="operator: the organisation or product runs it, per its own blog, talk, paper or docs of "
        "its internals; reading: a description of the pattern, such as a vendor's pattern catalog (not a "
        "production use)."
    )
    what: Text = Field(description="What they did, only as the source states it; a figure gives its year.")
    source: Source


class Pattern(Strict):
    id: Slug = Field(description="Kebab-case slug; equals the file name and the URL /patterns/<id>/.")
    name: Line
    aliases: list[Alias] = Field(default_factory=list)
    category: Category
    layer: Layer = Field(
        description="Who adopts it: an application team, a platform team, or it lives inside a datastore or broker."
    )
    tier: Tier = Field(description="gold: adopt widely; silver: situational; bronze: legacy or risky.")
    complexity: Complexity
    summary: Annotated[str, StringConstraints(strip_whitespace=True, min_length=20, max_length=200)] = Field(
        description="One line; also the page's meta description."
    )
    problem: Text
    solution: Text
    when_to_use: list[Line] = Field(min_length=3)
    when_not_to_use: list[Line] = Field(min_length=2)
    trade_offs: list[TradeOff] = Field(min_length=2)
    prerequisites: list[Slug] = Field(default_factory=list, description="Pattern ids to adopt first.")
    related: list[Slug] = Field(default_factory=list, description="Pattern ids worth reading next.")
    answers: PatternAnswers
    fits: Fits
    min_team: TeamSize = Field(description="The smallest team that can run it well.")
    effort_weeks: int = Field(ge=1, le=26, description="Typical weeks to adopt, for one team.")
    metrics: list[Line] = Field(min_length=1, description="Measurable signs that the pattern is working.")
    examples: list[Example] = Field(min_length=1)
    no_public_operator: Text | None = Field(
        None, description="Where no operator has published how it runs the pattern: one plain sentence saying so."
    )
