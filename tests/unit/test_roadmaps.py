"""Pre-built roadmaps and priorities: the real ones hold their promises; each kind of bad data is rejected."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from pattern_roadmap.data.files import DATA_ROOT
from pattern_roadmap.data.problems import DataError
from pattern_roadmap.domain.catalog import load_catalog
from pattern_roadmap.domain.generator import load_generator
from pattern_roadmap.domain.roadmaps import ROADMAP_IDS, load_roadmaps, roadmap_slots
from pattern_roadmap.domain.schedule import schedule_problems
from support.dataset import lazy

CATALOG = lazy(load_catalog)
GENERATOR = lazy(load_generator, CATALOG)


def test_the_five_roadmaps_load_and_keep_every_promise() -> None:
    loaded = load_roadmaps(CATALOG, GENERATOR)
    assert list(loaded.roadmaps) == list(ROADMAP_IDS)
    for r in loaded.roadmaps.values():
        capacity = GENERATOR.rules.team_capacity[r.team]
        assert schedule_problems(roadmap_slots(r, CATALOG), r.weeks, capacity, CATALOG, frozenset(r.assumes)) == []
        assert r.weeks >= 16 and len(roadmap_slots(r, CATALOG)) >= 10


def test_the_migration_is_a_real_migration() -> None:
    migration = load_roadmaps(CATALOG, GENERATOR).roadmaps["monolith-to-microservices"]
    planned = [s.pattern for s in roadmap_slots(migration, CATALOG)]
    for needed in ("strangler-fig", "anti-corruption-layer", "database-per-service", "api-gateway", "saga"):
        assert needed in planned
    assert {"change-data-capture", "transactional-outbox"} & set(planned)
    last = migration.phases[-1]
    assert any("retired" in m.name.lower() for m in last.milestones)


def test_appearances_name_roadmap_and_phase() -> None:
    loaded = load_roadmaps(CATALOG, GENERATOR)
    found = {(r.id, phase) for r, phase in loaded.appearances("strangler-fig")}
    assert ("monolith-to-microservices", "First extraction behind the facade") in found


def edit(name: str, change: Callable[[dict], None]) -> Callable[[Path], None]:
    def apply(root: Path) -> None:
        path = root / name
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        change(data)
        path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")

    return apply


S2S = "roadmaps/startup-to-scale.yml"


def _swap_first_phases(d: dict) -> None:
    d["phases"][0], d["phases"][1] = d["phases"][1], d["phases"][0]


def _crowd_week_one(d: dict) -> None:
    d["phases"][0]["steps"].append({"pattern": "cdn", "start": 1, "why": "Added to overload week one."})


def _prerequisite_late(d: dict) -> None:
    d["phases"][0]["steps"] = [s for s in d["phases"][0]["steps"] if s["pattern"] != "timeout"]
    d["phases"][2]["steps"].append({"pattern": "timeout", "start": 15, "why": "Scheduled after its dependents."})


CASES = {
    "unknown pattern": (
        edit(S2S, lambda d: d["phases"][0]["steps"][0].update(pattern="teleportation")),
        S2S,
        "phases.0.steps.0.pattern",
        "no 'teleportation.yml'",
    ),
    "phase out of order": (edit(S2S, _swap_first_phases), S2S, "phases.0", "right after the previous phase"),
    "more parallel steps than the team can run": (edit(S2S, _crowd_week_one), S2S, "phases.0.steps.4", "capacity"),
    "prerequisite after its dependent": (
        edit(S2S, _prerequisite_late),
        S2S,
        "phases.1.steps.1",
        "before timeout ends",
    ),
    "step outside its phase": (
        edit(S2S, lambda d: d["phases"][0]["steps"][0].update(start=9)),
        S2S,
        "phases.0.steps.0.start",
        "within the phase",
    ),
    "milestone outside its phase": (
        edit(S2S, lambda d: d["phases"][0]["milestones"][0].update(week=30)),
        S2S,
        "phases.0.milestones.0.week",
        "within the phase",
    ),
    "milestone before the step it proves ends": (
        edit(S2S, lambda d: d["phases"][0]["milestones"][1].update(week=3)),
        S2S,
        "phases.0.milestones.1.week",
        "timeout runs until week 4",
    ),
    "milestone naming a step it does not list": (
        edit(S2S, lambda d: d["phases"][0]["milestones"][1].update(needs=[])),
        S2S,
        "phases.0.milestones.1.needs",
        "'timeout', which the milestone names",
    ),
    "not-yet pattern that is planned": (
        edit(S2S, lambda d: d["not_yet"][0].update(pattern="caching")),
        S2S,
        "not_yet.0.pattern",
        "does not plan",
    ),
    "unknown key": (edit(S2S, lambda d: d.update(owner="me")), S2S, "owner", "unknown field"),
    "wrong id": (edit(S2S, lambda d: d.update(id="startup")), S2S, "id", "match the file name"),
    "missing roadmap": (
        lambda root: (root / "roadmaps" / "scale.yml").unlink(),
        "roadmaps/scale.yml",
        "",
        "expected this roadmap file",
    ),
    "priority for an unknown pattern": (
        edit("priorities.yml", lambda d: d["maturity"]["startup"]["must"].append("ghost")),
        "priorities.yml",
        "maturity.startup.must.4",
        "no 'ghost.yml'",
    ),
    "priority before its prerequisite": (
        edit(
            "priorities.yml",
            lambda d: (
                d["maturity"]["startup"]["must"].insert(0, "circuit-breaker")
                or d["maturity"]["startup"]["must"].remove("timeout")
                or d["maturity"]["growth"]["must"].append("timeout")
            ),
        ),
        "priorities.yml",
        "maturity",
        "timeout no later than circuit-breaker",
    ),
    "priority at a scale where it does not pay off": (
        edit("priorities.yml", lambda d: d["maturity"]["startup"]["nice"].append("sharding")),
        "priorities.yml",
        "maturity.startup.nice.2",
        "pays off at startup",
    ),
    "domain order against prerequisites": (
        edit("priorities.yml", lambda d: d["domains"]["reliability"][3].update(start=1)),
        "priorities.yml",
        "domains.reliability",
        "prerequisite",
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_roadmap_data_is_rejected(tmp_path: Path, case: str) -> None:
    breaker, file_name, where, expected = CASES[case]
    shutil.copytree(DATA_ROOT / "roadmaps", tmp_path / "roadmaps")
    shutil.copy(DATA_ROOT / "priorities.yml", tmp_path / "priorities.yml")
    breaker(tmp_path)
    with pytest.raises(DataError) as info:
        load_roadmaps(CATALOG, GENERATOR, tmp_path)
    matches = [p for p in info.value.problems if p.file.endswith(file_name) and p.field == where]
    assert matches, str(info.value)
    assert any(expected in p.expected for p in matches), str(info.value)
