"""Lighthouse (npm `lighthouse`, mobile preset, simulated throttling) against the built site.

Shared by the benchmark, which prints the median of several runs, and by the browser test that
holds every page type above a floor. Scores vary from run to run on a shared machine, so the
test allows a margin and a few attempts; the benchmark reports the real figures.
"""

from __future__ import annotations

import json
import os
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from support.sitebuild import CHROMIUM, CHROMIUM_ARGS, ROOT

BINARY = ROOT / "node_modules" / ".bin" / "lighthouse"
# The page types of the quality gate (issue 7), by the path under the site's root.
PAGES = {
    "home": "",
    "catalog": "patterns/",
    "pattern": "patterns/circuit-breaker/",
    "generator": "roadmaps/generator/",
    "roadmap": "roadmaps/startup-to-scale/",
}
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")


@dataclass(frozen=True)
class Result:
    scores: dict[str, int]
    lcp: str
    tbt: str
    cls: str
    bytes: float
    failed_audits: tuple[str, ...]

    def row(self, name: str) -> str:
        s = self.scores
        return (
            f"{name:<10}  {s['performance']:>4}  {s['accessibility']:>4}  {s['best-practices']:>4}  {s['seo']:>4}  "
            f"{self.lcp:>7}  {self.tbt:>7}  {self.cls:>5}  {self.bytes / 1024:,.1f} KiB"
        )


HEADER = "page        perf  a11y  best  seo   LCP      TBT      CLS    bytes"


def run(url: str) -> Result:
    """One Lighthouse run of one page; raises RuntimeError if Lighthouse produced no report."""
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "report.json"
        done = subprocess.run(
            [
                str(BINARY),
                url,
                "--quiet",
                f"--chrome-flags=--headless=new {' '.join(CHROMIUM_ARGS)}",
                "--output=json",
                f"--output-path={report}",
            ],
            env={**os.environ, "CHROME_PATH": CHROMIUM},
            capture_output=True,
            text=True,
            check=False,
            timeout=300,
        )
        if not report.exists():
            raise RuntimeError(f"lighthouse {url} wrote no report:\n{done.stderr[-2000:]}")
        data = json.loads(report.read_text(encoding="utf-8"))
    audits = data["audits"]
    failed = tuple(
        sorted(
            ref["id"]
            for name in CATEGORIES[1:]
            for ref in data["categories"][name]["auditRefs"]
            if ref["weight"] and audits[ref["id"]]["score"] is not None and audits[ref["id"]]["score"] < 1
        )
    )
    return Result(
        scores={name: round((data["categories"][name]["score"] or 0) * 100) for name in CATEGORIES},
        lcp=audits["largest-contentful-paint"]["displayValue"],
        tbt=audits["total-blocking-time"]["displayValue"],
        cls=audits["cumulative-layout-shift"]["displayValue"],
        bytes=audits["total-byte-weight"]["numericValue"],
        failed_audits=failed,
    )
