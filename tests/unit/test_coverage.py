"""Coverage of the catalog: 130+ distinct patterns, and every pattern the seeds and the big catalogs name."""

from __future__ import annotations

import re

from pattern_roadmap.domain.catalog import load_catalog
from support.dataset import lazy

CATALOG = lazy(load_catalog)

# Names from the seeds (002 stacks, 003 series), the Azure cloud design patterns and the core of
# Patterns of Distributed Systems. Each must be a pattern here, by name, id or alias.
NAMED = """
adaptive bitrate; multi-level cache; cache-aside; write-through; double-entry ledger; publish-subscribe;
websocket; presence; long polling; offline queue; queue-based load leveling; inventory reservation;
database per service; backends for frontends; consistency models; sidecar; anti-corruption layer;
shadow traffic; infrastructure as code; orchestration; choreography; serverless; ambassador; claim check;
competing consumers; compensating transaction; deployment stamps; external configuration store;
gateway aggregation; gateway offloading; gateway routing; geode; index table; pipes and filters;
priority queue; scheduler agent supervisor; sequential convoy; static content hosting; throttling;
valet key; write-ahead log; segmented log; high-water mark; leader and followers; heartbeat;
majority quorum; generation clock; lamport clock; hybrid logical clock; lease; gossip dissemination;
replicated log; two-phase commit; request pipeline; idempotent receiver; follower reads; versioned value;
shared database; distributed monolith
"""


def normal(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", text.lower()).strip()


def known_names() -> set[str]:
    names = set()
    for p in CATALOG.patterns.values():
        names |= {normal(p.id), normal(p.name), normal(re.sub(r"\(.*?\)", "", p.name))}
        names |= {normal(a.name) for a in p.aliases}
    return names


def test_at_least_130_distinct_patterns() -> None:
    assert len(CATALOG.patterns) >= 130
    names = [normal(p.name) for p in CATALOG.patterns.values()]
    assert len(set(names)) == len(names)


def test_every_named_pattern_is_covered() -> None:
    names = known_names()
    wanted = [normal(n) for n in NAMED.replace("\n", " ").split(";") if n.strip()]
    missing = [n for n in wanted if not any(n == k or n in k.split(" pattern")[0] for k in names)]
    assert missing == []


def test_legacy_patterns_are_bronze_and_say_what_to_use_instead() -> None:
    for pid in ("two-phase-commit", "shared-database", "distributed-monolith"):
        p = CATALOG.get(pid)
        assert p.tier.value == "bronze"
        assert p.related, f"{pid} should point to what to use instead"
