"""The generator's form and rules: bad data is rejected with the file, the field and what was expected."""

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
from support.dataset import lazy

CATALOG = lazy(load_catalog)


def test_the_real_form_and_rules_load() -> None:
    generator = load_generator(CATALOG)
    assert [f.id for f in generator.form.fields] == [
        "system-type", "current-scale", "team-size", "challenge", "primary-goal", "timeline",
    ]
    assert generator.values("timeline") == ["3months", "6months", "12months", "18months"]
    assert generator.label("scale", "startup") == "Startup (<10K users)"


def edit(name: str, change: Callable[[dict], None]) -> Callable[[Path], None]:
    def apply(folder: Path) -> None:
        path = folder / f"{name}.yml"
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        change(data)
        path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")

    return apply


def field(data: dict, param: str) -> dict:
    return next(f for f in data["fields"] if f["param"] == param)


CASES = {
    "unknown option value": (
        edit("form", lambda d: field(d, "scale")["options"].append({"value": "galactic", "label": "Galactic"})),
        "form.yml", "fields.1.options", "expected the values",
    ),
    "default not an option": (
        edit("form", lambda d: field(d, "team").update(default="huge")), "form.yml", "fields.2.default", "one of",
    ),
    "missing param": (
        edit("form", lambda d: d["fields"].pop()), "form.yml", "fields", "exactly the params",
    ),
    "unknown key in form": (
        edit("form", lambda d: field(d, "goal").update(colour="red")), "form.yml", "fields.4.colour", "unknown field",
    ),
    "capacity missing a team": (
        edit("rules", lambda d: d["team_capacity"].pop("large")), "rules.yml", "team_capacity", "missing ['large']",
    ),
    "capacity of zero": (
        edit("rules", lambda d: d["team_capacity"].update(small=0)), "rules.yml", "team_capacity.small", "1 to 10",
    ),
    "baseline names no pattern": (
        edit("rules", lambda d: d["baselines"]["scales"]["startup"].append("teleport")),
        "rules.yml", "baselines.scales.startup.4", "no 'teleport.yml'",
    ),
    "avoid rule names no pattern": (
        edit("rules", lambda d: d["avoid"][0].update(pattern="ghost")),
        "rules.yml", "avoid.0.pattern", "no 'ghost.yml'",
    ),
    "avoid rule with unknown team": (
        edit("rules", lambda d: d["avoid"][0]["when"].update(team=["tiny"])),
        "rules.yml", "avoid.0.when.team.0", "'small'",
    ),
    "phases leave a gap": (
        edit("rules", lambda d: d["timelines"]["3months"]["phases"][1].update(start=6)),
        "rules.yml", "timelines.3months.phases.1", "right after",
    ),
    "phases stop early": (
        edit("rules", lambda d: d["timelines"]["6months"].update(weeks=30)),
        "rules.yml", "timelines.6months.phases", "end at week 30",
    ),
    "timeline missing from the form": (
        edit("rules", lambda d: d["timelines"].pop("18months")), "form.yml", "fields.5.options", "in order",
    ),
    "weight of the wrong type": (
        edit("rules", lambda d: d["weights"].update(goal="high")), "rules.yml", "weights.goal", "integer",
    ),
    "yaml syntax error": (
        lambda folder: (folder / "rules.yml").write_text("weights: [\n", encoding="utf-8"),
        "rules.yml", "line 2", "valid YAML",
    ),
    "missing file": (lambda folder: (folder / "form.yml").unlink(), "form.yml", "", "expected this file"),
    "recommend rule names no pattern": (
        edit("rules", lambda d: d["recommend"][0].update(pattern="ghost")),
        "rules.yml", "recommend.0.pattern", "no 'ghost.yml'",
    ),
    "recommend rule with unknown challenge": (
        edit("rules", lambda d: d["recommend"][0]["when"].update(challenge=["boredom"])),
        "rules.yml", "recommend.0.when.challenge.0", "'reliability'",
    ),
    "group with one member": (
        edit("rules", lambda d: d["groups"][0].update(patterns=["canary-release"])),
        "rules.yml", "groups.0.patterns", "at least 2",
    ),
    "pattern in two groups": (
        edit("rules", lambda d: d["groups"][1]["patterns"].append("canary-release")),
        "rules.yml", "groups.1.patterns.6", "in one group",
    ),
    "datastore internal as a foundation step": (
        edit("rules", lambda d: d["foundation"]["first"].append("write-ahead-log")),
        "rules.yml", "foundation.first.3", "datastore internal",
    ),
    "a first foundation move without its reason": (
        edit("rules", lambda d: d["foundation"]["why_first"].pop("backup-restore")),
        "rules.yml", "foundation.why_first", "one sentence for each",
    ),
    "foundation step that does not fit its scale": (
        edit("rules", lambda d: d["foundation"]["scales"]["startup"].append("multi-region")),
        "rules.yml", "foundation.scales.startup.3", "fits the startup scale",
    ),
    "budget share of everything": (
        edit("rules", lambda d: d["budget"].update(share=1.5)), "rules.yml", "budget.share", "less than 1",
    ),
    "recommend-only pattern that no recommend rule names": (
        edit("rules", lambda d: d["recommend_only"].append("caching")),
        "rules.yml", "recommend_only.1", "a recommend rule names",
    ),
    "simplifying move that is not a pattern": (
        edit("rules", lambda d: d["simplifying"].append("ghost")),
        "rules.yml", "simplifying.2", "no 'ghost.yml'",
    ),
    "early first move for any timeline length": (
        edit("rules", lambda d: d["budget"]["early_first_move"].update(weeks_up_to=500)),
        "rules.yml", "budget.early_first_move.weeks_up_to", "less than or equal to 104",
    ),
    "scale factor missing a scale": (
        edit("rules", lambda d: d["budget"]["scale_factor"].pop("growth")),
        "rules.yml", "budget.scale_factor", "missing ['growth']",
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_generator_data_is_rejected(tmp_path: Path, case: str) -> None:
    breaker, file_name, where, expected = CASES[case]
    shutil.copytree(DATA_ROOT / "generator", tmp_path / "generator")
    breaker(tmp_path / "generator")
    with pytest.raises(DataError) as info:
        load_generator(CATALOG, tmp_path)
    matches = [p for p in info.value.problems if Path(p.file).name == file_name and p.field == where]
    assert matches, str(info.value)
    assert any(expected in p.expected for p in matches), str(info.value)
