"""Renderers for the roadmap section: the five pre-built roadmaps, their downloads, the index and priorities.

Called by hooks/main.py. The roadmap pages and their spreadsheets are generated files (they
have no Markdown source in docs/); the index and implementation pages fill a marker.
"""

from __future__ import annotations

from pattern_roadmap.domain.roadmaps import roadmap_slots, slots
from pattern_roadmap.domain.schedule import Slot
from pattern_roadmap.render.context import Site
from pattern_roadmap.render.markers import Generated, Page, on
from pattern_roadmap.render.spreadsheets import build_csv, build_xlsx
from pattern_roadmap.schema.roadmaps import Roadmap


def generated_files(site: Site, site_url: str) -> list[tuple[str, str | bytes]]:
    """Each roadmap's page, spreadsheet and CSV: (path under docs/, content). They have no source in docs/."""
    macros, words, out = site.macros("roadmap"), site.words, []
    for r in site.roadmaps.roadmaps.values():
        placed = roadmap_slots(r, site.catalog)
        out.append((f"roadmaps/{r.id}.md", macros.page(r, placed, words, gantt(r, placed))))
        out.append((f"roadmaps/downloads/{r.id}.xlsx", build_xlsx(r, site.catalog, site_url)))
        out.append((f"roadmaps/downloads/{r.id}.csv", build_csv(r, site.catalog, site_url)))
    return out


def nav_pages(site: Site) -> list[str]:
    """The roadmap pages the Roadmaps section lists after its own pages (paths under docs/)."""
    return [f"roadmaps/{r.id}.md" for r in site.roadmaps.roadmaps.values()]


def roadmap_comparison(site: Site, page: Page) -> str:
    items = [(r, roadmap_slots(r, site.catalog)) for r in site.roadmaps.roadmaps.values()]
    return site.macros("roadmap").compare(items, site.words)


def implementation_maturity(site: Site, page: Page) -> str:
    return site.macros("roadmap").maturity(site.roadmaps.priorities, site.words)


def implementation_domains(site: Site, page: Page) -> str:
    priorities = site.roadmaps.priorities
    domain_slots = {domain: slots(steps, site.catalog) for domain, steps in priorities.domains.items()}
    return site.macros("roadmap").domains(priorities, domain_slots, site.words)


def implementation_milestones(site: Site, page: Page) -> str:
    return site.macros("roadmap").milestones(list(site.roadmaps.roadmaps.values()))


MARKERS = {
    "roadmap-comparison": Generated(on("roadmaps/index.md"), roadmap_comparison),
    "implementation-maturity": Generated(on("roadmaps/implementation.md"), implementation_maturity),
    "implementation-domains": Generated(on("roadmaps/implementation.md"), implementation_domains),
    "implementation-milestones": Generated(on("roadmaps/implementation.md"), implementation_milestones),
}


def gantt(r: Roadmap, slots: list[Slot]) -> list[tuple[int, list[tuple[Slot, float, float]]]]:
    """The timeline chart: per phase, each step's slot with its bar's offset and width in % of the plan."""
    remaining = iter(slots)
    per_week = 100 / r.weeks
    return [
        (
            number,
            [
                (s, round((s.start - 1) * per_week, 3), round((s.end - s.start + 1) * per_week, 3))
                for s in (next(remaining) for _ in phase.steps)
            ],
        )
        for number, phase in enumerate(r.phases, start=1)
    ]
