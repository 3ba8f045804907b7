"""The data layer: valid records load; every kind of bad record is rejected with file, field and expectation."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from pattern_roadmap.data.problems import DataError, Problem
from pattern_roadmap.domain.catalog import load_catalog
from pattern_roadmap.schema.patterns import Pattern
from pattern_roadmap.schema.registry import export_schemas
from pattern_roadmap.schema.vocabulary import Category, Tier
from support.datadir import DataDir

# ---------------------------------------------------------------------------
# Valid data
# ---------------------------------------------------------------------------


def test_valid_records_load_as_typed_patterns(valid_pair: DataDir) -> None:
    catalog = load_catalog(valid_pair.data, valid_pair.prose)
    assert list(catalog.patterns) == ["alpha", "beta"]
    alpha = catalog.get("alpha")
    assert isinstance(alpha, Pattern)
    assert alpha.category is Category.resilience and alpha.tier is Tier.gold
    assert catalog.dependents("alpha") == ["beta"]
    assert catalog.dependents("beta") == []


def test_problem_line_names_file_field_and_expectation() -> None:
    line = str(Problem("roadmap_data/patterns/x.yml", "effort_weeks", "expected an integer"))
    assert line == "roadmap_data/patterns/x.yml: field 'effort_weeks': expected an integer"


def test_all_problems_are_reported_together(data_dir: DataDir) -> None:
    data_dir.write("alpha", effort_weeks="soon", tier="platinum")
    data_dir.write("beta", related=["nowhere"])
    with pytest.raises(DataError) as info:
        load_catalog(data_dir.data, data_dir.prose)
    fields = {(Path(p.file).name, p.field) for p in info.value.problems}
    assert fields == {("alpha.yml", "effort_weeks"), ("alpha.yml", "tier"), ("beta.yml", "related.0")}


# ---------------------------------------------------------------------------
# Bad data: each case breaks one thing and names the file, the field and the expectation
# ---------------------------------------------------------------------------

Breaker = Callable[[DataDir], None]


def _yaml_text(d: DataDir, text: str) -> None:
    d.write("alpha", text)


CASES: dict[str, tuple[Breaker, str, str, str]] = {
    # name: (break it, file name, field, words the expectation must contain)
    "wrong type": (lambda d: d.write("alpha", effort_weeks="two"), "alpha.yml", "effort_weeks", "integer"),
    "unknown key": (lambda d: d.write("alpha", colour="blue"), "alpha.yml", "colour", "unknown field"),
    "missing field": (
        lambda d: d.write("alpha", {k: v for k, v in d.record("alpha").items() if k != "summary"}),
        "alpha.yml", "summary", "required",
    ),
    "unknown prerequisite": (
        lambda d: d.write("alpha", prerequisites=["ghost"]), "alpha.yml", "prerequisites.0", "'ghost.yml'",
    ),
    "unknown related id": (lambda d: d.write("alpha", related=["ghost"]), "alpha.yml", "related.0", "existing"),
    "prerequisite cycle": (
        lambda d: (d.write("alpha", prerequisites=["beta"]), d.write("beta", prerequisites=["alpha"])),
        "beta.yml", "prerequisites", "alpha -> beta -> alpha",
    ),
    "self reference": (lambda d: d.write("alpha", related=["alpha"]), "alpha.yml", "related.0", "not its own"),
    "id differs from file name": (lambda d: d.write("alpha", id="gamma"), "alpha.yml", "id", "'alpha'"),
    "yaml syntax error": (
        lambda d: _yaml_text(d, "id: alpha\nname: [unclosed\ntier: gold\n"), "alpha.yml", "line 3", "valid YAML",
    ),
    "duplicate key": (
        lambda d: _yaml_text(d, "id: alpha\ntier: gold\ntier: silver\n"), "alpha.yml", "line 3", "duplicate key",
    ),
    "unknown enum value": (lambda d: d.write("alpha", category="frontend"), "alpha.yml", "category", "'data'"),
    "too few items": (
        lambda d: d.write("alpha", when_to_use=["only one", "and two"]), "alpha.yml", "when_to_use", "at least 3",
    ),
    "nested missing field": (
        lambda d: d.write("alpha", trade_offs=[{"cost": "a cost"}, {"cost": "b", "buys": "c gain"}]),
        "alpha.yml", "trade_offs.0.buys", "required",
    ),
    "bad source url": (
        lambda d: d.write(
            "alpha",
            examples=[
                {"company": "Co", "kind": "operator", "what": "x" * 50, "source": {"title": "T", "url": "not a url"}}
            ],
        ),
        "alpha.yml", "examples.0.source.url", "url",
    ),
    "number out of range": (lambda d: d.write("alpha", effort_weeks=0), "alpha.yml", "effort_weeks", "1"),
    "empty file": (lambda d: _yaml_text(d, ""), "alpha.yml", "", "mapping"),
    "list at top level": (lambda d: _yaml_text(d, "- id: alpha\n"), "alpha.yml", "", "mapping"),
    "id not kebab-case": (
        lambda d: d.write("Alpha_One", id="Alpha_One"), "Alpha_One.yml", "id", "pattern",
    ),
    "summary too long": (lambda d: d.write("alpha", summary="x" * 201), "alpha.yml", "summary", "200"),
    "repeated related id": (
        lambda d: (d.write("beta"), d.write("alpha", related=["beta", "beta"])), "alpha.yml", "related", "once",
    ),
    "wrong extension": (
        lambda d: (d.data / "patterns" / "alpha.yaml").write_text("id: alpha\n"), "alpha.yaml", "", ".yml",
    ),
    "not utf-8": (
        lambda d: (d.data / "patterns" / "alpha.yml").write_bytes(b"id: alpha\nname: caf\xe9\n"),
        "alpha.yml", "", "UTF-8",
    ),
    "missing prose page": (lambda d: d.write("alpha", prose=False), "alpha.md", "", "prose page"),
    "prose without metadata": (
        lambda d: (d.prose / "orphan.md").write_text("## How it works\n"), "orphan.md", "", "orphan.yml",
    ),
    "a why sentence for a challenge the form does not have": (
        lambda d: d.write(
            "alpha", answers={"challenges": {"speed": "Makes every call quicker."}, "goals": {"cost": "Uses less."}}
        ),
        "alpha.yml", "answers.challenges.speed.[key]", "'reliability'",
    ),
    "tags without their sentences": (
        lambda d: d.write("alpha", answers={"challenges": ["reliability"], "goals": ["cost"]}),
        "alpha.yml", "answers.challenges", "dictionary",
    ),
    "a why sentence that is not a sentence": (
        lambda d: d.write("alpha", answers={"challenges": {}, "goals": {"cost": "cheaper"}}),
        "alpha.yml", "answers.goals.cost", "at least 20 characters",
    ),
    "a layer missing": (lambda d: d.write("alpha", layer=None), "alpha.yml", "layer", "required"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_data_is_rejected_with_file_field_and_expectation(data_dir: DataDir, case: str) -> None:
    breaker, file_name, field, expected = CASES[case]
    breaker(data_dir)
    with pytest.raises(DataError) as info:
        load_catalog(data_dir.data, data_dir.prose)
    matches = [p for p in info.value.problems if Path(p.file).name == file_name and p.field == field]
    assert matches, f"no problem for {file_name} / {field!r} in:\n{info.value}"
    assert any(expected.lower() in p.expected.lower() for p in matches), str(info.value)
    line = str(matches[0])
    assert file_name in line and "Traceback" not in line and "\n" not in line


def test_an_empty_data_dir_is_an_error(data_dir: DataDir) -> None:
    with pytest.raises(DataError, match="at least one"):
        load_catalog(data_dir.data, data_dir.prose)


# ---------------------------------------------------------------------------
# Schema export
# ---------------------------------------------------------------------------


def test_exported_schemas_are_current_and_forbid_unknown_keys(tmp_path: Path) -> None:
    written = export_schemas(tmp_path)
    names = "choosing comparison form learning pattern priorities roadmap rules wizard".split()
    assert sorted(p.name for p in written) == [f"{name}.schema.json" for name in names]
    committed = Path(__file__).resolve().parents[2] / "roadmap_data" / "schema"
    for path in written:
        text = path.read_text(encoding="utf-8")
        assert (committed / path.name).read_text(encoding="utf-8") == text, "stale schema: run `make schema`"
        assert '"additionalProperties": false' in text
    assert '"effort_weeks"' in (tmp_path / "pattern.schema.json").read_text(encoding="utf-8")
