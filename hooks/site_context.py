"""What the renderers share during one build: the validated data, the planner and Jinja.

Pure Python (no mkdocs import). `Site.words()` is the context object the Jinja macros in
overrides/hooks/*.html use to turn ids and option values into labels and names.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from catalog import Catalog
from comparisons import Comparison
from engine import Planner
from generator_rules import Generator
from guides import Guides
from jinja2 import Environment
from models import ALIAS_CATALOG_LABELS, CATEGORY_LABELS, Pattern, TeamSize, Tier
from roadmaps import Roadmaps

LABELS: dict[str, dict[Any, str]] = {
    "category": dict(CATEGORY_LABELS),
    "tier": {Tier.gold: "Gold", Tier.silver: "Silver", Tier.bronze: "Bronze"},
    "team": {
        TeamSize.small: "Small (1-5 engineers)",
        TeamSize.medium: "Medium (6-20 engineers)",
        TeamSize.large: "Large (20-50 engineers)",
        TeamSize.enterprise: "Enterprise (50+ engineers)",
    },
    "alias": dict(ALIAS_CATALOG_LABELS),
}


def text(value: object) -> str:
    """Jinja filter: a data value as Markdown text, HTML-escaped and safe inside a table cell."""
    return html.escape(str(value), quote=False).replace("|", "&#124;").replace("\n", " ")


def join(items: list[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


@dataclass
class Words:
    """Labels and names for templates, read from the form and the catalog (never written twice)."""

    catalog: Catalog
    generator: Generator

    def label(self, param: str, value: Any) -> str:
        return self.generator.label(param, getattr(value, "value", value))

    def labels(self, param: str, values: list) -> str:
        return join([self.label(param, v) for v in values])

    def pattern(self, pid: str) -> Pattern:
        return self.catalog.get(pid)

    def name(self, pid: str) -> str:
        return self.catalog.get(pid).name

    def names(self, pids: list[str]) -> str:
        return join([self.name(p) for p in pids])

    def capacity(self, team: Any) -> int:
        return self.generator.rules.team_capacity[TeamSize(getattr(team, "value", team))]


@dataclass
class Site:
    catalog: Catalog
    generator: Generator
    planner: Planner
    roadmaps: Roadmaps
    comparisons: dict[str, Comparison]
    guides: Guides
    env: Environment
    _macros: dict[str, Any] = field(default_factory=dict)

    def macros(self, template: str) -> Any:
        if template not in self._macros:
            self._macros[template] = self.env.get_template(f"hooks/{template}.html").module
        return self._macros[template]

    @cached_property
    def words(self) -> Words:
        return Words(self.catalog, self.generator)
