"""Renderers for the roadmap section: the five pre-built roadmaps, their downloads, the index and priorities.

Called by hooks/main.py. The roadmap pages and their spreadsheets are generated files (they
have no Markdown source in docs/); the index and implementation pages fill a marker.
"""

from __future__ import annotations

from markers import Generated, on
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page
from roadmaps import Roadmap
from schedule import Slot
from site_context import Site
from spreadsheets import build_csv, build_xlsx


def add_files(site: Site, config: MkDocsConfig, files: Files) -> Files:
    """Generate each roadmap's page, spreadsheet and CSV."""
    macros, words = site.macros("roadmap"), site.words
    for r in site.roadmaps.roadmaps.values():
        slots = r.slots(site.catalog)
        page = macros.page(r, slots, words, gantt(r, slots))
        files.append(File.generated(config, f"roadmaps/{r.id}.md", content=page))
        files.append(
            File.generated(
                config, f"roadmaps/downloads/{r.id}.xlsx", content=build_xlsx(r, site.catalog, config.site_url or "/")
            )
        )
        files.append(
            File.generated(
                config, f"roadmaps/downloads/{r.id}.csv", content=build_csv(r, site.catalog, config.site_url or "/")
            )
        )
    return files


def group_nav(site: Site, nav: Navigation, files: Files) -> Navigation:
    """List the five roadmaps in the Roadmaps section, after its own pages."""
    index = files.get_file_from_path("roadmaps/index.md")
    section = index.page.parent if index and index.page else None
    if not isinstance(section, Section):
        raise PluginError("mkdocs.yml: field 'nav': expected a 'Roadmaps' section holding roadmaps/index.md")
    for r in site.roadmaps.roadmaps.values():
        file = files.get_file_from_path(f"roadmaps/{r.id}.md")
        assert file is not None and file.page is not None
        file.page.parent = section
        section.children.insert(len(section.children), file.page)
    return nav


def roadmap_comparison(site: Site, page: Page) -> str:
    items = [(r, r.slots(site.catalog)) for r in site.roadmaps.roadmaps.values()]
    return site.macros("roadmap").compare(items, site.words)


def implementation_maturity(site: Site, page: Page) -> str:
    return site.macros("roadmap").maturity(site.roadmaps.priorities, site.words)


def implementation_domains(site: Site, page: Page) -> str:
    priorities = site.roadmaps.priorities
    domain_slots = {
        domain: [
            Slot(s.pattern, s.start, s.start + (s.weeks or site.catalog.get(s.pattern).effort_weeks) - 1) for s in steps
        ]
        for domain, steps in priorities.domains.items()
    }
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
