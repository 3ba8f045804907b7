"""What the renderers share during one build: the validated data, the planner and Jinja.

`load_site` loads and checks everything under roadmap_data/ (one DataError lists every problem).
`Site.words` is the context object the Jinja macros in overrides/hooks/*.html use to turn ids and
option values into labels and names; `Site.labels` holds the labels of the enums the macros show.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from jinja2 import Environment

from pattern_roadmap.domain.catalog import Catalog
from pattern_roadmap.domain.generator import Generator
from pattern_roadmap.domain.guides import Guides
from pattern_roadmap.domain.roadmap_data import load_roadmap_data
from pattern_roadmap.domain.roadmaps import Roadmaps
from pattern_roadmap.engine.planner import Planner
from pattern_roadmap.engine.words import join, phase_title
from pattern_roadmap.schema.comparisons import Comparison
from pattern_roadmap.schema.patterns import Pattern
from pattern_roadmap.schema.vocabulary import ALIAS_CATALOG_LABELS, CATEGORY_LABELS, TIER_LABELS, TeamSize


def labels(generator: Generator) -> dict[str, dict[Any, str]]:
    """The labels of the enums the macros show; a team's comes from form.yml, like every form value's."""
    return {
        "category": dict(CATEGORY_LABELS),
        "tier": dict(TIER_LABELS),
        "team": {TeamSize(v): generator.label("team", v) for v in generator.values("team")},
        "alias": dict(ALIAS_CATALOG_LABELS),
    }


def text(value: object) -> str:
    """Jinja filter: a data value as Markdown text, HTML-escaped and safe inside a table cell."""
    return html.escape(str(value), quote=False).replace("|", "&#124;").replace("\n", " ")


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
    def labels(self) -> dict[str, dict[Any, str]]:
        return labels(self.generator)

    @cached_property
    def words(self) -> Words:
        return Words(self.catalog, self.generator)


def load_site(env: Environment) -> Site:
    """Load and check roadmap_data/ (raises DataError), and set up the theme's Jinja for our macros."""
    d = load_roadmap_data()
    env.trim_blocks = env.lstrip_blocks = True
    env.filters["text"] = text
    env.globals["phase_title"] = phase_title
    return Site(d.catalog, d.generator, Planner(d.catalog, d.generator), d.roadmaps, d.comparisons, d.guides, env)
