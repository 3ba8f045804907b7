"""Typed records for everything under roadmap_data/: the declarative schema.

Pure Python (no mkdocs import). Every model forbids unknown keys, so a typo in a
YAML file is an error that names the field instead of a value that is silently
ignored. `python hooks/catalog.py --export-schema` writes these models out as
JSON Schema into roadmap_data/schema/ for editors.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, HttpUrl, StringConstraints

# ---------------------------------------------------------------------------
# Vocabulary: the generator's form values, which are public URL values (README, "The roadmap generator")
# ---------------------------------------------------------------------------


class Category(StrEnum):
    architecture = "architecture"
    communication = "communication"
    resilience = "resilience"
    data = "data"
    coordination = "coordination"
    scaling = "scaling"
    deployment = "deployment"
    observability = "observability"
    security = "security"


CATEGORY_LABELS: dict[Category, str] = {
    Category.architecture: "Core architecture",
    Category.communication: "Communication",
    Category.resilience: "Resilience",
    Category.data: "Data",
    Category.coordination: "Coordination",
    Category.scaling: "Scaling",
    Category.deployment: "Deployment",
    Category.observability: "Observability",
    Category.security: "Security",
}


class Tier(StrEnum):
    gold = "gold"
    silver = "silver"
    bronze = "bronze"


class Complexity(StrEnum):
    low = "low"
    medium = "medium"
    high = "high"


class Challenge(StrEnum):
    reliability = "reliability"
    performance = "performance"
    scalability = "scalability"
    consistency = "consistency"
    complexity = "complexity"
    deployment = "deployment"


class Goal(StrEnum):
    reliability = "reliability"
    performance = "performance"
    scale = "scale"
    agility = "agility"
    cost = "cost"


class SystemType(StrEnum):
    monolith = "monolith"
    basic_microservices = "basic-microservices"
    complex_microservices = "complex-microservices"
    serverless = "serverless"
    hybrid = "hybrid"


class Scale(StrEnum):
    startup = "startup"
    growth = "growth"
    scale = "scale"
    enterprise = "enterprise"


class TeamSize(StrEnum):
    small = "small"
    medium = "medium"
    large = "large"
    enterprise = "enterprise"


class Layer(StrEnum):
    application = "application"  # an application team adopts it in its own code or service
    platform = "platform"  # a platform or infrastructure team runs it for everyone
    datastore = "datastore"  # it lives inside a datastore, broker or coordination service


LAYER_LABELS: dict[Layer, str] = {
    Layer.application: "Application team adopts it",
    Layer.platform: "Platform team runs it",
    Layer.datastore: "Inside a datastore or broker",
}


class AliasCatalog(StrEnum):
    azure = "azure"
    aws = "aws"
    microservices_io = "microservices-io"
    pods = "patterns-of-distributed-systems"


ALIAS_CATALOG_LABELS: dict[AliasCatalog, str] = {
    AliasCatalog.azure: "Azure Architecture Center",
    AliasCatalog.aws: "AWS Prescriptive Guidance",
    AliasCatalog.microservices_io: "microservices.io",
    AliasCatalog.pods: "Patterns of Distributed Systems",
}

# ---------------------------------------------------------------------------
# Field types
# ---------------------------------------------------------------------------

Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", max_length=60)]
Line = Annotated[str, StringConstraints(strip_whitespace=True, min_length=3, max_length=300)]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=40, max_length=1500)]
# How a pattern answers one challenge or goal, in its own words: one sentence, shown in generated plans.
Why = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=20, max_length=160, pattern=r"^[A-Z][^\n]*[.]$")
]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, use_enum_values=False)


# ---------------------------------------------------------------------------
# Pattern records: roadmap_data/patterns/<id>.yml
# ---------------------------------------------------------------------------


class Alias(Strict):
    catalog: AliasCatalog = Field(description="The catalog that uses this name.")
    name: Line = Field(description="The pattern's name in that catalog.")


class TradeOff(Strict):
    cost: Line = Field(description="What adopting the pattern costs.")
    buys: Line = Field(description="What that cost buys you.")


class Answers(Strict):
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
    answers: Answers
    fits: Fits
    min_team: TeamSize = Field(description="The smallest team that can run it well.")
    effort_weeks: int = Field(ge=1, le=26, description="Typical weeks to adopt, for one team.")
    metrics: list[Line] = Field(min_length=1, description="Measurable signs that the pattern is working.")
    examples: list[Example] = Field(min_length=1)
    no_public_operator: Text | None = Field(
        None, description="Where no operator has published how it runs the pattern: one plain sentence saying so."
    )
