"""Lighthouse quality gate on the five page types: performance at least 90 (the benchmark's target
is 95; scores vary from run to run on a shared machine, so CI keeps a margin and allows up to three
attempts), and 100 for accessibility, best practices and SEO. Served with gzip and the site's CSP."""

from __future__ import annotations

import pytest

from support import lighthouse
from support.sitebuild import BuiltSite

pytestmark = pytest.mark.browser

PERFORMANCE_FLOOR = 90
ATTEMPTS = 3


@pytest.mark.parametrize("name", list(lighthouse.PAGES))
def test_lighthouse_scores_hold(site: BuiltSite, name: str) -> None:
    assert lighthouse.BINARY.exists(), "npm ci installs lighthouse"
    seen: list[lighthouse.Result] = []
    for _ in range(ATTEMPTS):
        result = lighthouse.run(site.url + lighthouse.PAGES[name])
        seen.append(result)
        scores = result.scores
        if scores["performance"] >= PERFORMANCE_FLOOR and all(
            scores[c] == 100 for c in ("accessibility", "best-practices", "seo")
        ):
            return
    report = "\n".join(f"{r.row(name)}  failed: {', '.join(r.failed_audits) or '-'}" for r in seen)
    pytest.fail(f"Lighthouse below the gate on {name} in {ATTEMPTS} runs:\n{lighthouse.HEADER}\n{report}")
