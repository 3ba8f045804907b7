"""The vocabulary every schema shares: the enums, their labels, the field types and the strict base.

Pydantic models only (no loading, no checks across files). The form's values are public URL values
(README, "The roadmap generator"); the labels a reader sees for them are in roadmap_data/generator/form.yml.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

from pydantic import BaseModel, ConfigDict, StringConstraints

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


TIER_LABELS: dict[Tier, str] = {Tier.gold: "Gold", Tier.silver: "Silver", Tier.bronze: "Bronze"}


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
