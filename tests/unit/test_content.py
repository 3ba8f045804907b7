"""The real catalog: complete, specific, and free of filler. Runs without MkDocs."""

from __future__ import annotations

from itertools import combinations

import pytest

from pattern_roadmap.domain import prose
from pattern_roadmap.domain.catalog import PROSE_DIR, load_catalog
from support.dataset import PATTERN_IDS, lazy

CATALOG = lazy(load_catalog)
PAGES = lazy(lambda: {pid: prose.check_page(PROSE_DIR / f"{pid}.md") for pid in CATALOG.patterns})

# The spine's first 40: every pattern named in the seed roadmap page, catalog table and 90-day guide.
REQUIRED = """
health-check load-balancing caching cdn timeout retry-with-backoff circuit-breaker bulkhead rate-limiting
structured-logging observability distributed-tracing auto-scaling message-queue api-gateway read-replicas
sharding cqrs event-sourcing saga event-driven-architecture service-mesh multi-region edge-computing
cell-based-architecture database-optimization idempotency dead-letter-queue change-data-capture
transactional-outbox blue-green-deployment canary-release feature-flags strangler-fig leader-election
distributed-lock consistent-hashing chaos-engineering slo-error-budgets load-shedding
""".split()


def test_catalog_covers_the_first_forty() -> None:
    assert len(REQUIRED) == 40
    assert sorted(set(REQUIRED) - set(CATALOG.patterns)) == []


@pytest.mark.parametrize("pattern_id", PATTERN_IDS)
def test_pattern_page_meets_the_quality_bar(pattern_id: str) -> None:
    report = PAGES[pattern_id]
    assert report.problems == [], "\n".join(report.problems)
    assert report.words >= prose.MIN_WORDS


def test_no_two_pages_share_a_diagram() -> None:
    seen: dict[str, str] = {}
    for pid, report in sorted(PAGES.items()):
        for diagram in report.diagrams:
            assert diagram not in seen, f"{pid} repeats the diagram of {seen.get(diagram)}"
            seen[diagram] = pid


def test_no_two_pages_share_more_than_15_percent_of_their_shingles() -> None:
    shingles = {pid: prose.shingles((PROSE_DIR / f"{pid}.md").read_text()) for pid in PAGES}
    worst = []
    for a, b in combinations(sorted(shingles), 2):
        smaller = min(len(shingles[a]), len(shingles[b])) or 1
        overlap = len(shingles[a] & shingles[b]) / smaller
        if overlap > 0.15:
            worst.append(f"{a} / {b}: {overlap:.0%}")
    assert worst == []


def test_every_example_names_a_public_https_source() -> None:
    for pattern in CATALOG.patterns.values():
        for example in pattern.examples:
            assert example.source.url.scheme == "https", f"{pattern.id}: {example.source.url}"
            assert example.source.title.strip()


def test_gold_tier_is_not_the_only_tier() -> None:
    tiers = {p.tier for p in CATALOG.patterns.values()}
    assert len(tiers) >= 2
