"""The built guide pages: generated from the guides' YAML, the catalog and the generator's rules."""

from __future__ import annotations

import html as htmllib
import re

import pytest

from pattern_roadmap.domain.catalog import load_catalog
from pattern_roadmap.domain.generator import load_generator
from pattern_roadmap.domain.guides import load_guides
from support.dataset import lazy
from support.sitebuild import ROOT, BuiltSite

CATALOG = lazy(load_catalog)
GENERATOR = lazy(load_generator, CATALOG)
GUIDES = lazy(load_guides, CATALOG, GENERATOR)


def page(site: BuiltSite, path: str) -> str:
    return (site.root / path / "index.html").read_text(encoding="utf-8")


def table_after(html: str, heading_id: str) -> str:
    section = html.split(f'id="{heading_id}"', 1)[1]
    return section.split("<table>", 1)[1].split("</table>", 1)[0]


def linked_ids(fragment: str) -> list[str]:
    return re.findall(r'href="\.\./\.\./patterns/([a-z0-9-]+)/"', fragment)


@pytest.mark.parametrize(
    "path", ["guides", "guides/selection-wizard", "guides/choosing", "guides/learning-paths", "guides/quick-start",
             "guides/success-metrics", "guides/progress"]
)
def test_every_guide_is_built_without_leftover_markers(built_site: BuiltSite, path: str) -> None:
    html = page(built_site, path)
    assert "<!-- generated:" not in html and "--8<--" not in html
    assert "<h1" in html


def test_wizard_has_a_tab_per_domain_and_a_section_per_answer(built_site: BuiltSite) -> None:
    html = page(built_site, "guides/selection-wizard")
    labels = re.findall(r'<label for="__tabbed_1_\d+">([^<]+)</label>', html)
    assert labels == [d.name for d in GUIDES.wizard.domains]
    for d in GUIDES.wizard.domains:
        for a in d.question.answers:
            section = html.split(f'id="{d.id}-{a.id}"', 1)[1].split("</section>", 1)[0]
            assert linked_ids(section) == [p.pattern for p in a.stack]
            tiers = re.findall(r"<td>(Gold|Silver|Bronze)</td>", section)
            assert tiers == [CATALOG.get(p.pattern).tier.value.capitalize() for p in a.stack]


def test_constraint_table_lists_the_generator_rules_in_order(built_site: BuiltSite) -> None:
    rows = table_after(page(built_site, "guides/choosing"), "selection-by-constraints").split("<tr>")[2:]
    rules = GENERATOR.rules.avoid
    assert len(rows) == len(rules)
    for row, rule in zip(rows, rules, strict=True):
        ids = linked_ids(row)
        assert ids == [rule.pattern, *rule.instead]
        assert htmllib.escape(rule.reason, quote=False) in row


def test_growth_stage_table_is_the_generator_baselines(built_site: BuiltSite) -> None:
    rows = table_after(page(built_site, "guides/choosing"), "pattern-stack-by-growth-stage").split("<tr>")[2:]
    for row, (scale, baseline) in zip(rows, GENERATOR.rules.baselines.scales.items(), strict=True):
        assert GENERATOR.label("scale", scale.value) in htmllib.unescape(row)
        assert sorted(linked_ids(row)) == sorted(baseline)


def test_quiz_answers_are_in_closed_details_blocks(built_site: BuiltSite) -> None:
    html = page(built_site, "guides/learning-paths")
    details = re.findall(r"<details class=\"success\">(.*?)</details>", html, re.S)
    questions = [q for g in GUIDES.learning.groups for q in g.quiz]
    assert len(details) == len(questions)
    for block, q in zip(details, questions, strict=True):
        assert htmllib.escape(q.choices[q.answer], quote=False) in block
    assert "<details class=\"success\" open" not in html


def test_learning_graph_and_durations_come_from_the_catalog(built_site: BuiltSite) -> None:
    html = page(built_site, "guides/learning-paths")
    assert html.count('class="mermaid"') == 1
    for p in GUIDES.learning.paths:
        weeks = sum(CATALOG.get(pid).effort_weeks for pid in p.patterns)
        assert f"about {weeks} weeks" in html


def test_success_metrics_and_tracker_list_every_pattern(built_site: BuiltSite) -> None:
    metrics = page(built_site, "guides/success-metrics")
    assert sorted(set(linked_ids(metrics))) == sorted(CATALOG.patterns)
    tracker = page(built_site, "guides/progress")
    rows = re.findall(r'<tr data-pattern="([a-z0-9-]+)">', tracker)
    assert sorted(rows) == sorted(CATALOG.patterns)


def test_each_pattern_page_has_the_progress_control(built_site: BuiltSite) -> None:
    for pid in CATALOG.patterns:
        html = page(built_site, f"patterns/{pid}")
        assert f'data-pr-progress="{pid}"' in html and f'<label for="pr-progress-{pid}">' in html


def test_quick_start_shows_the_tested_code_files(built_site: BuiltSite) -> None:
    """The page shows one marked section of each example file (whole files are downloads)."""
    html = htmllib.unescape(re.sub(r"<[^>]+>", "", page(built_site, "guides/quick-start")))
    source = (ROOT / "docs" / "guides" / "quick-start.md").read_text(encoding="utf-8")
    code = ROOT / "docs" / "guides" / "code"
    files = sorted(code.glob("*.py")) + sorted(code.glob("*/*.yaml"))
    assert len(files) >= 11
    for path in files:
        name = path.relative_to(code).as_posix()
        (section,) = re.findall(rf'^--8<-- "docs/guides/code/{re.escape(name)}:([a-z-]+)"$', source, re.M)
        text = path.read_text(encoding="utf-8")
        body = text.split(f"# --8<-- [start:{section}]", 1)[1].split(f"# --8<-- [end:{section}]", 1)[0]
        lines = [line.strip() for line in body.splitlines() if line.strip()]
        assert len(lines) >= 5 and all(line in html for line in lines), name
        assert (built_site.root / "guides" / "code" / name).read_text(encoding="utf-8") == text
