"""Claims: an operator runs each pattern (or the page says none is public), and each figure is sourced,
an illustration, or a target the reader sets. The loader fails the build on any of these problems."""

from __future__ import annotations

import pytest

from pattern_roadmap.domain.catalog import load_catalog
from pattern_roadmap.domain.claims import example_problem, metric_problem, pattern_problems, worked_example_problem
from pattern_roadmap.schema.patterns import Example, Pattern


@pytest.fixture(scope="module")
def saga() -> Pattern:
    return load_catalog().get("saga")


def with_examples(p: Pattern, *kinds: str) -> Pattern:
    first = p.examples[0]
    return p.model_copy(update={"examples": [first.model_copy(update={"kind": k}) for k in kinds]})


def test_a_pattern_needs_an_operator_or_says_none_is_public(saga: Pattern) -> None:
    assert pattern_problems(saga, None) == []
    only_reading = with_examples(saga, "reading")
    assert [f for f, _ in pattern_problems(only_reading, None)] == ["examples"]
    said = only_reading.model_copy(update={"no_public_operator": "No organisation has published how it runs this."})
    assert pattern_problems(said, None) == []
    both = with_examples(saga, "operator").model_copy(update={"no_public_operator": "Nobody has said so in public."})
    assert [f for f, _ in pattern_problems(both, None)] == ["no_public_operator"]


@pytest.mark.parametrize(
    ("metric", "ok"),
    [
        ("Tracing adds under 2% to p99 latency.", False),
        ("Tracing adds little to p99; pick a budget, for example under 2%.", True),
        ("Every breaker state change is logged and visible on a dashboard.", True),
        ("Over a million requests a day are sampled.", False),
        ("Lag stays under the [published 5 s bound](https://example.com/slo).", True),
    ],
)
def test_a_metric_figure_is_a_target_the_reader_sets_or_sourced(metric: str, ok: bool) -> None:
    assert (metric_problem(metric) is None) is ok


@pytest.mark.parametrize(
    ("what", "ok"),
    [
        ("Stripe's ledger processes five billion events a day.", False),
        ("In 2024, Stripe's ledger processed five billion events a day.", True),
        ("Netflix built Hystrix and now points new work to Resilience4j.", True),
        ("The service returns HTTP 202 with a status URL.", True),
        ("It serves 40,000 requests per second.", False),
    ],
)
def test_a_figure_in_a_production_example_carries_its_year(what: str, ok: bool) -> None:
    assert (example_problem(what) is None) is ok


def test_a_worked_example_with_numbers_says_it_is_an_illustration() -> None:
    page = "## How it works\n\nText.\n\n## Worked example\n\n{}\n\n## Pitfalls\n\nMore 99 text.\n"
    assert worked_example_problem(page.format("A shop takes 300 orders a minute.")) is not None
    assert worked_example_problem(page.format("An illustration: a shop takes 300 orders a minute.")) is None
    assert worked_example_problem(page.format("A hypothetical shop takes 300 orders a minute.")) is None
    assert worked_example_problem(page.format("A shop takes orders.")) is None  # no figure, nothing to label


def test_every_pattern_in_the_catalog_keeps_its_claims() -> None:
    catalog = load_catalog()  # raises DataError on any broken claim
    assert all(any(e.kind == "operator" for e in p.examples) or p.no_public_operator for p in catalog.patterns.values())
    assert isinstance(catalog.get("saga").examples[0], Example)
