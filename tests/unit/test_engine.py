"""The roadmap engine: invariants over all 102,400 combinations, goldens, determinism."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from pattern_roadmap.domain.catalog import load_catalog
from pattern_roadmap.domain.generator import load_generator
from pattern_roadmap.engine.plan import Answers
from pattern_roadmap.engine.planner import Planner
from support.roadmap_checks import ROOT, Report, check_all

GOLDENS = Path(__file__).parent / "goldens"
INVARIANTS = (
    "prerequisites", "timeline", "capacity", "avoided", "fit", "challenges", "goal", "size", "phases",
    "internals", "own-words", "groups", "avoid-noise", "foundation", "pipeline", "consolidation", "cost",
    "serial", "budget", "bigger-team", "bronze",
)


@pytest.fixture(scope="module")
def planner() -> Planner:
    catalog = load_catalog()
    return Planner(catalog, load_generator(catalog))


@pytest.fixture(scope="module")
def report(planner: Planner) -> Report:
    return check_all(planner)


def test_every_combination_is_planned(planner: Planner, report: Report) -> None:
    sizes = [len(planner.generator.values(p)) for p in ("system", "scale", "team", "goal", "timeline")]
    assert sizes == [5, 4, 4, 5, 4]
    assert report.plans == 5 * 4 * 4 * 2**6 * 5 * 4 == 102_400
    assert len(report.schedule) == report.plans


@pytest.mark.parametrize("invariant", INVARIANTS)
def test_invariant_holds_for_all_combinations(report: Report, invariant: str) -> None:
    found = report.violations.get(invariant, [])
    assert found == [], f"{len(found)} plans break '{invariant}', e.g.:\n" + "\n".join(f for f in found if f)


def test_every_field_changes_the_plan_in_at_least_a_quarter_of_single_changes(
    planner: Planner, report: Report
) -> None:
    shares = report.sensitivity(planner)
    assert set(shares) == {"system", "scale", "team", "goal", "timeline", "challenges"}
    low = {field: f"{share:.1%}" for field, share in shares.items() if share < 0.25}
    assert low == {}


def test_same_answers_give_the_same_plan(planner: Planner) -> None:
    answers = Answers("hybrid", "scale", "large", ("performance", "consistency"), "cost", "12months")
    first = json.dumps(planner.plan(answers).to_json(), sort_keys=True)
    again = Planner(planner.catalog, planner.generator)
    assert json.dumps(again.plan(answers).to_json(), sort_keys=True) == first


DIGEST = """
import hashlib, itertools, json, sys
sys.path.insert(0, "hooks")
from pattern_roadmap.domain.catalog import load_catalog
from pattern_roadmap.domain.generator import load_generator
from pattern_roadmap.engine.planner import Planner
catalog = load_catalog()
planner = Planner(catalog, load_generator(catalog))
digest = hashlib.sha256()
for answers in itertools.islice(planner.all_answers(), 0, None, 37):
    digest.update(json.dumps(planner.plan(answers).to_json(), sort_keys=True).encode())
print(digest.hexdigest())
"""


def test_plans_are_byte_identical_across_processes_and_hash_seeds() -> None:
    digests = set()
    for seed in ("1", "4242"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        result = subprocess.run(
            [sys.executable, "-c", DIGEST], cwd=ROOT, env=env, capture_output=True, text=True, check=True
        )
        digests.add(result.stdout.strip())
    assert len(digests) == 1


# ---------------------------------------------------------------------------
# Goldens: hand-checked plans a reader can judge (UPDATE_GOLDENS=1 rewrites them after review)
# ---------------------------------------------------------------------------

GOLDEN_ANSWERS = {
    "monolith-startup-small": Answers(
        "monolith", "startup", "small", ("reliability", "deployment"), "reliability", "3months"
    ),
    "serverless-growth-medium": Answers("serverless", "growth", "medium", ("consistency",), "cost", "6months"),
    "complex-growth-small-cost": Answers(
        "complex-microservices", "growth", "small", ("complexity",), "cost", "12months"
    ),
    "complex-enterprise-large": Answers(
        "complex-microservices", "enterprise", "large", ("reliability", "complexity"), "reliability", "12months"
    ),
    "basic-scale-small": Answers("basic-microservices", "scale", "small", ("scalability",), "scale", "3months"),
    "hybrid-growth-enterprise": Answers(
        "hybrid", "growth", "enterprise", ("performance", "deployment"), "agility", "18months"
    ),
}


@pytest.mark.parametrize("name", sorted(GOLDEN_ANSWERS))
def test_golden_plan(planner: Planner, name: str) -> None:
    path = GOLDENS / f"{name}.json"
    plan = planner.plan(GOLDEN_ANSWERS[name]).to_json()
    text = json.dumps(plan, indent=1, sort_keys=True) + "\n"
    if os.environ.get("UPDATE_GOLDENS"):
        path.write_text(text, encoding="utf-8")
    assert path.read_text(encoding="utf-8") == text
