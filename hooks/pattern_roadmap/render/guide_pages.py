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

# The markers each guide page holds, once each.
PAGES = {
    "guides/selection-wizard.md": ("wizard",),
    "guides/learning-paths.md": ("paths", "groups", "quiz"),
    "guides/choosing.md": (
        "navigator",
        "emergency",
        "constraints",
        "maturity",
        "stages",
        "combinations",
        "anti-patterns",
        "checklist",
    ),
    "guides/success-metrics.md": ("metrics",),
    "guides/progress.md": ("progress",),
}


def renderers(site: Site) -> dict[str, dict[str, Callable[[], str]]]:
    m, w, g, catalog = site.macros("guides"), site.words, site.guides, site.catalog
    learning, choosing = g.learning, g.choosing
    group_of = {pid: grp.name for grp in learning.groups for pid in grp.patterns}
    effort = lambda pids: sum(catalog.get(p).effort_weeks for p in pids)  # noqa: E731
    weeks = {x.id: effort(x.patterns) for x in [*learning.paths, *learning.tracks]}
    scales = {v: site.generator.label("scale", v) for v in site.generator.values("scale")}
    groups = lambda: group_by_category(catalog.patterns.values())  # noqa: E731
    return {
        "guides/selection-wizard.md": {
            "wizard": lambda: m.wizard(g.wizard, w, site.labels, diagrams.wizard_tree(g.wizard, catalog)),
        },
        "guides/learning-paths.md": {
            "paths": lambda: m.paths(learning, w, weeks, {p.id: p.name for p in learning.paths}),
            "groups": lambda: m.groups(learning, w, diagrams.learning_graph(learning, catalog), group_of),
            "quiz": lambda: m.quiz(learning, w),
        },
        "guides/choosing.md": {
            "navigator": lambda: m.navigator(choosing, w, scales),
            "emergency": lambda: m.emergency(choosing.emergency, w),
            "constraints": lambda: m.constraints(site.generator.rules.avoid, w),
            "maturity": lambda: m.maturity(choosing.maturity, w, site.labels),
            "stages": lambda: m.stages(growth_stages(site.generator), w),
            "combinations": lambda: m.combinations(choosing.combinations, w),
            "anti-patterns": lambda: m.anti_patterns(choosing.anti_patterns, w),
            "checklist": lambda: m.checklist(choosing.checklist),
        },
        "guides/success-metrics.md": {"metrics": lambda: m.metrics(groups(), site.labels)},
        "guides/progress.md": {"progress": lambda: m.progress(groups(), site.labels)},
    }


def _guide(page_name: str, marker: str) -> Generated:
    return Generated(on(page_name), lambda site, page: renderers(site)[page_name][marker]())


MARKERS = {marker: _guide(page_name, marker) for page_name, markers in PAGES.items() for marker in markers}
