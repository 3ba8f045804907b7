"""Renderers for the roadmap generator's pages: the form and the templates its script fills in, and
/roadmaps/how-it-works/. The plans themselves are data files written by postbuild/generator_data.py.
"""

from __future__ import annotations

import posixpath
from typing import Any

from pattern_roadmap.engine.encoding import FORMAT_VERSION
from pattern_roadmap.render.context import Site, Words
from pattern_roadmap.render.markers import Generated, Page, on, one_block


def generator_form(site: Site, page: Page) -> str:
    """/roadmaps/generator/: the form and the templates the script fills in."""
    ctx = FormContext(site, relative_url("patterns/", page.url or "roadmaps/generator/"))
    macros = site.macros("generator")
    # One outer element, so that Python-Markdown keeps the whole block (templates included) as raw HTML.
    return one_block('<div class="pr-generator">' + macros.form(ctx) + macros.output(ctx) + "</div>")


def how_it_works(site: Site, page: Page) -> str:
    """/roadmaps/how-it-works/: the generator's rules, rendered from rules.yml and the catalog."""
    return site.macros("generator").how_it_works(FormContext(site, "../../patterns/"))


MARKERS = {
    "generator": Generated(on("roadmaps/generator.md"), generator_form),
    "how-it-works": Generated(on("roadmaps/how-it-works.md"), how_it_works),
}


# -- helpers -------------------------------------------------------------------


class FormContext(Words):
    """What the form and output macros need: the words, the form's sections, and the JS spec."""

    def __init__(self, site: Site, patterns_url: str):
        super().__init__(site.catalog, site.generator)
        self.site, self.patterns_url = site, patterns_url

    def internals(self) -> list[str]:
        return sorted(self.site.planner.internal)

    def roadmaps(self) -> list:
        return list(self.site.roadmaps.roadmaps.values())

    def sections(self) -> list[tuple[str, list]]:
        groups: dict[str, list] = {}
        for f in self.generator.form.fields:
            groups.setdefault(f.section, []).append(f)
        return list(groups.items())

    def spec(self) -> dict[str, Any]:
        rules, planner = self.generator.rules, self.site.planner
        return {
            "version": FORMAT_VERSION,
            "data": "data/",
            "patternsUrl": self.patterns_url,
            "fields": [
                {
                    "param": f.param,
                    "id": f.id,
                    "multiple": f.multiple,
                    "default": f.default,
                    "options": [[o.value, o.label] for o in f.options],
                }
                for f in self.generator.form.fields
            ],
            "timelines": {
                key: {"weeks": t.weeks, "phases": [[p.name, p.goal, p.start, p.end] for p in t.phases]}
                for key, t in rules.timelines.items()
            },
            "budgetShare": rules.budget.share,
            # [id, name, first metric, effort in weeks at each scale, in the form's order]
            "patterns": [
                [pid, p.name, p.metrics[0], [planner.effort[scale][pid] for scale in self.generator.values("scale")]]
                for pid, p in ((pid, self.catalog.get(pid)) for pid in planner.ids)
            ],
        }


def relative_url(target: str, page_url: str) -> str:
    """The link from a page's directory URL to a directory URL of the same site ('../../patterns/')."""
    return posixpath.relpath(target, page_url or ".") + "/"
