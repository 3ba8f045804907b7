"""The generator as built: its page and form, its pre-generated data, budgets, and fidelity to the engine."""

from __future__ import annotations

import json
import random
import re

import pytest

from pattern_roadmap.domain.catalog import load_catalog
from pattern_roadmap.domain.generator import load_generator
from pattern_roadmap.engine.encoding import answers_for, decompress, file_name, select_keys
from pattern_roadmap.engine.planner import Planner
from pattern_roadmap.postbuild.generator_data import SITE_FOLDER
from support.dataset import lazy
from support.sitebuild import BuiltSite

CATALOG = lazy(load_catalog)
GENERATOR = lazy(load_generator, CATALOG)
PLANNER = lazy(Planner, CATALOG, GENERATOR)

KB = 1024


@pytest.fixture(scope="module")
def data_dir(built_site: BuiltSite):
    return built_site.root / SITE_FOLDER


@pytest.fixture(scope="module")
def page(built_site: BuiltSite) -> str:
    return (built_site.root / "roadmaps" / "generator" / "index.html").read_text(encoding="utf-8")


def test_form_keeps_the_public_contract(page: str) -> None:
    for control in ("system-type", "current-scale", "team-size", "primary-goal", "timeline"):
        assert re.search(rf'<label for="{control}">[^<]+</label>\s*<select id="{control}"', page), control
    check = r'<label class="pr-generator__check"><input type="checkbox" name="challenge" value="([a-z]+)">'
    boxes = re.findall(check, page)
    assert boxes == ["reliability", "performance", "scalability", "consistency", "complexity", "deployment"]
    assert ">Generate My Roadmap</button>" in page
    assert 'id="generated-roadmap"' in page
    assert "Startup (&lt;10K users)" in page  # labels are escaped, never raw HTML
    noscript = page[page.index("<noscript>") : page.index("</noscript>")]
    assert "needs JavaScript" in noscript
    for rid in ("startup-to-scale", "monolith-to-microservices", "global-scale", "scale", "enterprise"):
        assert f'href="../{rid}/"' in noscript


def test_every_option_comes_from_the_form_yaml(page: str) -> None:
    found = re.search(r'<script type="application/json" id="pr-generator-spec">(.*?)</script>', page, re.S)
    spec = json.loads(found[1])
    for field in GENERATOR.form.fields:
        spec_field = next(f for f in spec["fields"] if f["param"] == field.param)
        assert spec_field["options"] == [[o.value, o.label] for o in field.options]
        for option in field.options:
            assert f'value="{option.value}"' in page
    assert [p[0] for p in spec["patterns"]] == PLANNER.ids


def test_data_stays_within_its_budgets(data_dir) -> None:
    files = sorted(data_dir.iterdir())
    assert len(files) == 5 * 4 * 4 * 5 * 4 == 1600
    sizes = {f.name: f.stat().st_size for f in files}
    assert sum(sizes.values()) <= 30 * KB * KB
    too_big = {name: size for name, size in sizes.items() if size > 16 * KB}
    assert too_big == {}


def test_generator_script_is_small(built_site: BuiltSite) -> None:
    script = built_site.root / "assets" / "javascripts" / "generator.js"
    assert script.stat().st_size <= 15 * KB
    source = script.read_text(encoding="utf-8")
    assert "prCommon.onEachPage(setup)" in source and "DecompressionStream" in source  # instant navigation
    decoder = (script.parent / "generator-data.js").read_text(encoding="utf-8")
    for text in (source, decoder):
        assert "innerHTML" not in text  # every value goes in as text
        assert "score" not in text.lower()  # it looks plans up; it never scores or schedules


def decode(data: dict, mask: int, scale: str, weeks: int) -> dict:
    """A reader of the file format, written from its documentation in hooks/pattern_roadmap/engine/encoding.py."""
    steps_part, lists, notes_part, phases_part, alternatives_part, stores_part = data["x"][mask].split("|")

    def n(code: str) -> int:
        return int(code, 36)

    def chunks(text: str, width: int) -> list[str]:
        assert len(text) % width == 0
        return [text[i : i + width] for i in range(0, len(text), width)]

    def pid(code: str) -> str:
        return PLANNER.ids[n(code)]

    steps = []
    for step in chunks(steps_part, 6):
        pattern, start, why = (n(c) for c in chunks(step, 2))
        name = PLANNER.ids[pattern]
        end = min(start + PLANNER.effort[scale][name] - 1, weeks)
        steps.append((name, start, end, [data["t"][n(t)] for t in chunks(data["r"][why], 2)]))
    phases, first = [], 1
    for pair in chunks(phases_part, 4):
        phases.append((n(pair[:2]), first, n(pair[2:])))
        first = n(pair[2:]) + 1
    return {
        "budget": data["b"],
        "steps": steps,
        "next": [pid(p) for p in chunks(data["n"][n(lists[:2])], 2)],
        "avoid": [(pid(x[:2]), data["t"][n(x[2:])]) for x in chunks(data["a"][n(lists[2:])], 4)],
        "notes": [data["t"][n(t)] for t in chunks(notes_part, 2)],
        "phases": phases,
        "alternatives": [(pid(x[:2]), pid(x[2:])) for x in chunks(alternatives_part, 4)],
        "stores": [pid(p) for p in chunks(stores_part, 2)],
    }


def expected(answers) -> dict:
    plan = PLANNER.plan(answers)
    names = [ph.name for ph in GENERATOR.rules.timelines[answers.timeline].phases]
    return {
        "budget": plan.budget_weeks,
        "steps": [(s.pattern, s.start, s.end, [r.text for r in s.reasons]) for s in plan.steps],
        "next": list(plan.next),
        "avoid": [(x.pattern, x.reason) for x in plan.avoid],
        "notes": list(plan.notes),
        "phases": [(names.index(ph.name), ph.start, ph.end) for ph in plan.phases],
        "alternatives": [(x.pattern, x.instead_of) for x in plan.alternatives],
        "stores": list(plan.stores),
    }


def test_500_sampled_plans_decoded_from_the_files_equal_the_engine(data_dir) -> None:
    keys = list(select_keys(PLANNER))
    rng = random.Random(20261122)
    for _ in range(500):
        selects, mask = rng.choice(keys), rng.randrange(64)
        data = json.loads(decompress((data_dir / file_name(*selects)).read_bytes()))
        answers = answers_for(PLANNER, selects, mask)
        weeks = GENERATOR.rules.timelines[answers.timeline].weeks
        assert decode(data, mask, answers.scale, weeks) == expected(answers), answers


def test_how_it_works_shows_every_rule_the_engine_reads(built_site: BuiltSite) -> None:
    html = (built_site.root / "roadmaps" / "how-it-works" / "index.html").read_text(encoding="utf-8")
    rules = GENERATOR.rules
    named = {
        *rules.foundation.first,
        *(pid for ids in rules.foundation.scales.values() for pid in ids),
        *(pid for ids in rules.foundation.extended.values() for pid in ids),
        *(pid for ids in rules.foundation.system_types.values() for pid in ids),
        *(r.pattern for r in rules.recommend),
        *(r.pattern for r in rules.avoid),
        *(pid for g in rules.groups for pid in g.patterns),
        *(pid for ids in rules.first_moves.values() for pid in ids),
        *rules.budget.structural,
        *rules.budget.structural_after,
        *rules.budget.splitting,
        *rules.situational,
        *rules.adds_cost,
        *rules.recommend_only,
        *rules.simplifying,
    }
    missing = sorted(pid for pid in named if f'href="../../patterns/{pid}/"' not in html)
    assert missing == []
    for rule in (*rules.recommend, *rules.avoid, *rules.groups):
        assert rule.reason.split(",")[0] in html.replace("&#39;", "'").replace("&quot;", '"')
    assert f"{round(rules.budget.share * 100)}%" in html
    early = rules.budget.early_first_move
    assert f"{early.capacity_up_to} workstreams" in html and f"{early.weeks_up_to} weeks" in html
