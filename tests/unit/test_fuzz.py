"""Fuzzing the data layer with Hypothesis: mutated real records (wrong types, missing and extra keys,
huge and odd strings, YAML anchors and aliases, broken YAML text) give a clear data error naming the
file, or load, and never raise anything else. About 2,200 cases; FUZZ_SCALE multiplies them (`make fuzz`
runs ten times as many)."""

from __future__ import annotations

import contextlib
import os
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pattern_roadmap.data.files import DATA_ROOT, load_record
from pattern_roadmap.data.problems import DataError
from pattern_roadmap.domain import claims
from pattern_roadmap.domain.catalog import load_catalog
from pattern_roadmap.domain.generator import load_generator
from pattern_roadmap.domain.guides import load_guides
from pattern_roadmap.schema.patterns import Pattern

LOADER, DUMPER = getattr(yaml, "CSafeLoader", yaml.SafeLoader), getattr(yaml, "CSafeDumper", yaml.SafeDumper)
SCALE = float(os.environ.get("FUZZ_SCALE", "1"))  # `make fuzz` sets 10


def fuzz(examples: int):
    """Hypothesis settings for a target: reproducible cases, as many as the scale asks."""
    return settings(
        max_examples=max(1, int(examples * SCALE)), deadline=None, derandomize=True, database=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )


ODD_TEXT = st.one_of(
    st.text(max_size=40),
    st.text(alphabet=st.characters(codec="utf-8"), min_size=1, max_size=10).map(lambda s: s * 500),  # huge
    st.sampled_from(["", " ", "<script>alert(1)</script>", "null", "~", "yes", "1e999", "{{ x }}", "\u202e", "a\x00b"]),
)
VALUES = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), ODD_TEXT),
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=10), inner, max_size=4)),
    max_leaves=8,
)


def paths(node: Any, prefix: tuple = ()) -> list[tuple]:
    """Every key path into a parsed YAML document (dict keys and list indices)."""
    found = [prefix] if prefix else []
    if isinstance(node, dict):
        for key, value in node.items():
            found += paths(value, (*prefix, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found += paths(value, (*prefix, index))
    return found


def parent(doc: Any, path: tuple) -> Any:
    for step in path[:-1]:
        doc = doc[step]
    return doc


@st.composite
def mutated(draw: st.DrawFn, original: dict) -> str:
    """The YAML text of the record after one to three mutations."""
    doc = yaml.load(yaml.dump(original, Dumper=DUMPER), Loader=LOADER)
    for _ in range(draw(st.integers(1, 3))):
        where = paths(doc)
        path = draw(st.sampled_from(where))
        holder = parent(doc, path)
        kind = draw(st.sampled_from(["replace", "delete", "extra", "alias"]))
        if kind == "replace":
            holder[path[-1]] = draw(VALUES)
        elif kind == "delete":
            del holder[path[-1]]
        elif kind == "extra" and isinstance(holder, dict):
            holder[draw(st.text(min_size=1, max_size=12))] = draw(VALUES)
        elif kind == "alias":  # the same object twice: PyYAML writes an anchor and an alias
            other = draw(st.sampled_from(where))
            if other[: len(path)] == path or path[: len(other)] == other:
                continue  # an ancestor inside itself would make a cycle, not an alias
            with contextlib.suppress(KeyError, IndexError, TypeError):  # an earlier mutation moved it
                holder[path[-1]] = parent(doc, other)[other[-1]]
        doc = yaml.load(yaml.dump(doc, Dumper=DUMPER), Loader=LOADER) if draw(st.booleans()) else doc
    text = yaml.dump(doc, Dumper=DUMPER, allow_unicode=True, sort_keys=False)
    if draw(st.integers(0, 9)) == 0:  # now and then, break the YAML text itself
        cut = draw(st.integers(0, len(text)))
        text = text[:cut] + draw(st.sampled_from(["[", "{", ":", "\t", "&a *b", "- - -", "'"])) + text[cut:]
    return text


def assert_clear(error: DataError) -> None:
    assert error.problems, "a DataError lists its problems"
    for problem in error.problems:
        assert problem.file and problem.expected, problem
    assert "Traceback" not in str(error)


@pytest.fixture(scope="module")
def catalog():
    return load_catalog()


@pytest.fixture(scope="module")
def copy(tmp_path_factory) -> Path:
    """One copy of the data folders that each case rewrites a file of."""
    root = tmp_path_factory.mktemp("data")
    for name in ("generator", "guides"):
        shutil.copytree(DATA_ROOT / name, root / name)
    (root / "patterns").mkdir()
    return root


@pytest.fixture(scope="module")
def generator(catalog):
    return load_generator(catalog)


SAGA = yaml.safe_load((DATA_ROOT / "patterns" / "saga.yml").read_text(encoding="utf-8"))


@fuzz(1500)
@given(text=mutated(SAGA))
def test_a_mutated_pattern_gives_a_clear_error_or_a_valid_pattern(copy: Path, text: str) -> None:
    path = copy / "patterns" / "saga.yml"
    path.write_text(text, encoding="utf-8")
    record, problems = load_record(Pattern, path)
    for problem in problems:
        assert problem.file and problem.expected, problem
    if record is not None:
        assert isinstance(record, Pattern)
        claims.pattern_problems(record, None)  # the claim checks accept any valid record without raising


RULES = yaml.safe_load((DATA_ROOT / "generator" / "rules.yml").read_text(encoding="utf-8"))


@fuzz(300)
@given(text=mutated(RULES))
def test_mutated_generator_rules_give_a_clear_error_or_load(copy: Path, catalog, text: str) -> None:
    (copy / "generator" / "rules.yml").write_text(text, encoding="utf-8")
    try:
        load_generator(catalog, copy)
    except DataError as error:
        assert_clear(error)


LEARNING = yaml.safe_load((DATA_ROOT / "guides" / "learning.yml").read_text(encoding="utf-8"))


@fuzz(400)
@given(text=mutated(LEARNING))
def test_a_mutated_guide_gives_a_clear_error_or_loads(copy: Path, catalog, generator, text: str) -> None:
    (copy / "guides" / "learning.yml").write_text(text, encoding="utf-8")
    try:
        load_guides(catalog, generator, copy)
    except DataError as error:
        assert_clear(error)


def test_the_fuzzer_really_breaks_records() -> None:
    """The strategy is not a no-op: most of its cases do not load as they were."""
    broken = 0

    @settings(max_examples=60, deadline=None, derandomize=True, database=None)
    @given(text=mutated(SAGA))
    def count(text: str) -> None:
        nonlocal broken
        broken += text != yaml.safe_dump(SAGA, allow_unicode=True, sort_keys=False)

    count()
    assert broken >= 50
