"""The roadmap section as built: pages, Gantt sources, links, spreadsheets and CSVs that match the YAML."""

from __future__ import annotations

import csv
import io
import re
from urllib.parse import urljoin, urlsplit

import openpyxl
import pytest

from pattern_roadmap.domain.catalog import load_catalog
from pattern_roadmap.domain.generator import load_generator
from pattern_roadmap.domain.roadmaps import ROADMAP_IDS, load_roadmaps, roadmap_slots
from pattern_roadmap.render.spreadsheets import STATUSES, TASK_COLUMNS, tasks
from support.dataset import lazy
from support.sitebuild import BuiltSite, parse

CATALOG = lazy(load_catalog)
ROADMAPS = lazy(load_roadmaps, CATALOG, lazy(load_generator, CATALOG))


def page(site: BuiltSite, path: str) -> str:
    return (site.root / path / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("rid", ROADMAP_IDS)
def test_roadmap_page_has_its_gantt_phases_and_only_working_links(built_site: BuiltSite, rid: str) -> None:
    html = page(built_site, f"roadmaps/{rid}")
    roadmap = ROADMAPS.roadmaps[rid]
    chart = re.search(r'<table class="pr-gantt".*?</table>', html, re.S)
    assert chart, "expected the timeline chart"
    bar = (
        r'<a href="\.\./\.\./patterns/([a-z0-9-]+)/">.*?'
        r'margin-left: min\(([\d.]+)%, calc\(100% - 3\.6em\)\); width: ([\d.]+)%">([\d-]+)<'
    )
    bars = re.findall(bar, chart[0])
    slots = roadmap_slots(roadmap, CATALOG)
    assert [b[0] for b in bars] == [s.pattern for s in slots]
    for (_, offset, width, label), s in zip(bars, slots, strict=True):
        assert float(offset) == pytest.approx((s.start - 1) * 100 / roadmap.weeks, abs=0.01)
        assert float(offset) + float(width) <= 100.01
        assert label == (f"{s.start}-{s.end}" if s.end != s.start else str(s.start))
    assert "mermaid" not in html.split('<div class="md-content"', 1)[1].split("</article>", 1)[0]
    for phase in roadmap.phases:
        assert phase.name in html
        for m in phase.milestones:
            assert m.target.replace("'", "&#39;") in html or m.target in html
    for href in parse(html).anchors:
        parts = urlsplit(href)
        if parts.scheme or href.startswith("#"):
            continue
        target = urlsplit(urljoin(f"/roadmaps/{rid}/", parts.path)).path.lstrip("/")
        path = built_site.root / target
        assert path.is_file() or (path / "index.html").is_file(), href


@pytest.mark.parametrize("rid", ROADMAP_IDS)
def test_spreadsheet_matches_the_yaml(built_site: BuiltSite, rid: str) -> None:
    roadmap = ROADMAPS.roadmaps[rid]
    expected = tasks(roadmap, CATALOG, built_site.url)
    book = openpyxl.load_workbook(built_site.root / "roadmaps" / "downloads" / f"{rid}.xlsx")
    sheet = book["Tasks"]
    header = [c.value for c in sheet[1]]
    assert header[: len(TASK_COLUMNS)] == TASK_COLUMNS
    assert header[len(TASK_COLUMNS) :] == list(range(1, roadmap.weeks + 1))
    rows = list(sheet.iter_rows(min_row=2, max_col=len(TASK_COLUMNS)))
    assert len(rows) == len(expected)
    for cells, row in zip(rows, expected, strict=True):
        phase, name, url, start, end, effort, _owner, status = row
        assert [c.value for c in cells[:2]] == [phase, name]
        assert cells[2].hyperlink is not None and cells[2].hyperlink.target == url
        assert [c.value for c in cells[3:6]] == [start, end, effort]
        assert cells[7].value == status
    validations = sheet.data_validations.dataValidation
    assert any(v.formula1 == '"' + ",".join(STATUSES) + '"' for v in validations)
    rules = [r for rng in sheet.conditional_formatting for r in rng.rules]
    assert any("AND(" in r.formula[0] for r in rules)  # the week-by-week timeline is shaded by formula
    milestones = [[c.value for c in row] for row in book["Milestones"].iter_rows(min_row=2, max_col=4)]
    assert milestones == [
        [f"{i}. {phase.name}", m.name, m.week, m.target]
        for i, phase in enumerate(roadmap.phases, start=1)
        for m in phase.milestones
    ]


@pytest.mark.parametrize("rid", ROADMAP_IDS)
def test_csv_twin_matches_the_task_sheet(built_site: BuiltSite, rid: str) -> None:
    text = (built_site.root / "roadmaps" / "downloads" / f"{rid}.csv").read_text(encoding="utf-8")
    rows = list(csv.reader(io.StringIO(text)))
    expected = tasks(ROADMAPS.roadmaps[rid], CATALOG, built_site.url)
    assert rows[0] == ["phase", "pattern", "link", "start_week", "end_week", "effort_weeks", "owner", "status"]
    assert rows[1:] == [[str(v) for v in row] for row in expected]


def test_index_compares_all_five_and_links_the_generator(built_site: BuiltSite) -> None:
    html = page(built_site, "roadmaps")
    for rid in ROADMAP_IDS:
        assert f'href="{rid}/"' in html
        first = roadmap_slots(ROADMAPS.roadmaps[rid], CATALOG)[0].pattern
        assert CATALOG.get(first).name in html
    assert 'href="generator/"' in html


def test_pattern_pages_say_where_they_appear(built_site: BuiltSite) -> None:
    html = page(built_site, "patterns/strangler-fig")
    assert "Appears in" in html and 'href="../../roadmaps/monolith-to-microservices/"' in html


def test_implementation_guide_is_generated_and_interactive(built_site: BuiltSite) -> None:
    html = page(built_site, "roadmaps/implementation")
    for stage in ("Startup (&lt;10K users)", "Growth", "Scale", "Enterprise"):
        assert stage in html
    assert html.count('type="checkbox"') >= 10  # the checklists are task lists
    for domain in ROADMAPS.priorities.domains:
        assert f">{domain.capitalize()}</label>" in html  # content tabs
    assert "Monthly retrospective" in html
