"""The catalog as built: the filterable table, maps, aliases, comparisons, and the page-size budget."""

from __future__ import annotations

import re

import pytest

from pattern_roadmap.domain.catalog import load_catalog
from pattern_roadmap.schema.vocabulary import CATEGORY_LABELS, Category
from support.dataset import lazy
from support.sitebuild import BuiltSite

CATALOG = lazy(load_catalog)
KB = 1024


def html(site: BuiltSite, path: str) -> str:
    return (site.root / path / "index.html").read_text(encoding="utf-8")


def test_catalog_table_has_a_filterable_row_per_pattern(built_site: BuiltSite) -> None:
    page = html(built_site, "patterns")
    rows = re.findall(
        r'<tr(?: id="[a-z]+")? data-c="([a-z]+)" data-t="([a-z]+)" '
        r'data-x="([a-z]+)" data-a="([a-z ]*)">\s*<td><a href="([a-z0-9-]+)/">',
        page,
    )
    assert sorted(r[4] for r in rows) == sorted(CATALOG.patterns)
    for category, tier, complexity, challenges, pid in rows:
        p = CATALOG.get(pid)
        assert (category, tier, complexity) == (p.category.value, p.tier.value, p.complexity.value)
        assert challenges.split() == [c.value for c in p.answers.challenges]
    assert re.search(r"<form class=\"pr-filter\" data-pr-catalog-filter hidden>", page)  # shown by JS only
    for category in {p.category.value for p in CATALOG.patterns.values()}:
        assert f'<tr id="{category}"' in page  # the anchors pattern pages link to


def test_every_alias_leads_to_its_page(built_site: BuiltSite) -> None:
    page = html(built_site, "patterns/aliases")
    for p in CATALOG.patterns.values():
        for alias in p.aliases:
            assert re.search(
                rf"<td>{re.escape(alias.name)}</td>\s*<td>[^<]+</td>\s*<td><a href=\"../{p.id}/\">", page
            ), alias.name


def test_a_map_per_category(built_site: BuiltSite) -> None:
    page = html(built_site, "patterns/maps")
    used = {p.category for p in CATALOG.patterns.values()}
    assert len(re.findall(r'<pre\s+class="mermaid">', page)) == len(used)
    tabs = re.findall(r'<label for="__tabbed_1_\d+">([^<]+)</label>', page)
    assert tabs == [CATEGORY_LABELS[c] for c in Category if c in used]  # one tab per category, in order


@pytest.mark.parametrize("pattern_id", ["circuit-breaker", "saga", "replicated-log", "modular-monolith"])
def test_pattern_pages_have_a_relationship_map(built_site: BuiltSite, pattern_id: str) -> None:
    page = html(built_site, f"patterns/{pattern_id}")
    maps = re.findall(r'<pre\s+class="mermaid"><code>(flowchart LR.*?)</code></pre>', page, re.S)
    assert maps, "no relationship map"
    source = maps[-1]
    p = CATALOG.get(pattern_id)
    for q in p.prerequisites:
        assert CATALOG.get(q).name.replace('"', "#quot;") in source
    for d in CATALOG.dependents(pattern_id):
        assert CATALOG.get(d).name.replace('"', "#quot;") in source


def test_every_page_stays_under_100_kb(built_site: BuiltSite) -> None:
    heavy = {
        str(p.relative_to(built_site.root)): p.stat().st_size
        for p in built_site.root.rglob("*.html")
        if p.stat().st_size > 100 * KB
    }
    assert heavy == {}


def test_comparison_pages_have_their_generated_table(built_site: BuiltSite) -> None:
    from pattern_roadmap.domain.comparisons import load_comparisons
    from pattern_roadmap.schema.comparisons import ROWS

    for cid, c in load_comparisons(CATALOG).items():
        page = html(built_site, f"compare/{cid}")
        table = page[page.index("<table>") : page.index("</table>")]
        for pid in c.patterns:
            assert f'href="../../patterns/{pid}/"' in table
        for label in ("Tier", "Minimum team", *ROWS.values()):
            assert f"<td>{label}</td>" in table, label
