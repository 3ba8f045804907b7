"""Renderers for the guides (docs/guides/*.md): each page's `<!-- generated: name -->` markers are
replaced with Markdown rendered from roadmap_data/guides/*.yml, the catalog and the generator's rules
(MARKERS; markers.py checks that each page holds its own markers once and no other)."""

from __future__ import annotations

from collections.abc import Callable

from pattern_roadmap.domain.catalog import group_by_category
from pattern_roadmap.domain.guides import growth_stages
from pattern_roadmap.render import diagrams
from pattern_roadmap.render.context import Site
from pattern_roadmap.render.markers import Generated, on


class Guide:
    """One guide marker's rendering: the macros in overrides/hooks/guides.html, given the data."""

    def __init__(self, site: Site):
        self.site, self.m, self.w = site, site.macros("guides"), site.words
        self.g, self.catalog = site.guides, site.catalog
        self.learning, self.choosing = self.g.learning, self.g.choosing

    def wizard(self) -> str:
        return self.m.wizard(self.g.wizard, self.w, self.site.labels, diagrams.wizard_tree(self.g.wizard, self.catalog))

    def paths(self) -> str:
        effort = {x.id: sum(self.catalog.get(p).effort_weeks for p in x.patterns) for x in self.tracks_and_paths()}
        return self.m.paths(self.learning, self.w, effort, {p.id: p.name for p in self.learning.paths})

    def groups(self) -> str:
        group_of = {pid: grp.name for grp in self.learning.groups for pid in grp.patterns}
        return self.m.groups(self.learning, self.w, diagrams.learning_graph(self.learning, self.catalog), group_of)

    def quiz(self) -> str:
        return self.m.quiz(self.learning, self.w)

    def navigator(self) -> str:
        scales = {v: self.site.generator.label("scale", v) for v in self.site.generator.values("scale")}
        return self.m.navigator(self.choosing, self.w, scales)

    def emergency(self) -> str:
        return self.m.emergency(self.choosing.emergency, self.w)

    def constraints(self) -> str:
        return self.m.constraints(self.site.generator.rules.avoid, self.w)

    def maturity(self) -> str:
        return self.m.maturity(self.choosing.maturity, self.w, self.site.labels)

    def stages(self) -> str:
        return self.m.stages(growth_stages(self.site.generator), self.w)

    def combinations(self) -> str:
        return self.m.combinations(self.choosing.combinations, self.w)

    def anti_patterns(self) -> str:
        return self.m.anti_patterns(self.choosing.anti_patterns, self.w)

    def checklist(self) -> str:
        return self.m.checklist(self.choosing.checklist)

    def metrics(self) -> str:
        return self.m.metrics(group_by_category(self.catalog.patterns.values()), self.site.labels)

    def progress(self) -> str:
        return self.m.progress(group_by_category(self.catalog.patterns.values()), self.site.labels)

    def tracks_and_paths(self) -> list:
        return [*self.learning.paths, *self.learning.tracks]


# The markers each guide page holds, once each, and what renders each.
PAGES: dict[str, dict[str, Callable[[Guide], str]]] = {
    "guides/selection-wizard.md": {"wizard": Guide.wizard},
    "guides/learning-paths.md": {"paths": Guide.paths, "groups": Guide.groups, "quiz": Guide.quiz},
    "guides/choosing.md": {
        "navigator": Guide.navigator,
        "emergency": Guide.emergency,
        "constraints": Guide.constraints,
        "maturity": Guide.maturity,
        "stages": Guide.stages,
        "combinations": Guide.combinations,
        "anti-patterns": Guide.anti_patterns,
        "checklist": Guide.checklist,
    },
    "guides/success-metrics.md": {"metrics": Guide.metrics},
    "guides/progress.md": {"progress": Guide.progress},
}

MARKERS = {
    marker: Generated(on(page_name), lambda site, page, render=render: render(Guide(site)))
    for page_name, markers in PAGES.items()
    for marker, render in markers.items()
}
