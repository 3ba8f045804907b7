"""Benchmark: prints build time, time per page, page sizes and total site size.

    make bench

Figures, not assertions: these machines are shared and noisy, so speed is measured here
and never asserted in a test.
"""

from __future__ import annotations

import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RUNS = int(os.environ.get("BENCH_RUNS", "3"))


def build(site_dir: Path) -> float:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(site_dir)],
        cwd=ROOT, env=env, check=True,
    )
    return time.perf_counter() - start


def kib(size: float) -> str:
    return f"{size / 1024:,.1f} KiB"


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        times = [build(site) for _ in range(RUNS)]
        pages = sorted(site.rglob("*.html"))
        pattern_pages = [p for p in pages if p.parent.parent.name == "patterns"]
        sizes = {p: p.stat().st_size for p in pages}
        pattern_sizes = [sizes[p] for p in pattern_pages]
        total = sum(f.stat().st_size for f in site.rglob("*") if f.is_file())
        mermaid = site / "assets" / "vendor" / "mermaid" / "mermaid.min.js"
        search = site / "search" / "search_index.json"
        best = min(times)

        machine = f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
        print(f"machine             : {machine}")
        print(f"full strict build   : best {best:.2f} s, median {statistics.median(times):.2f} s over {RUNS} runs")
        print(f"pages               : {len(pages)} HTML pages ({len(pattern_pages)} pattern pages)")
        print(f"time per page       : {best / len(pages) * 1000:.1f} ms")
        if pattern_sizes:
            print(
                f"pattern page HTML   : median {kib(statistics.median(pattern_sizes))}, "
                f"max {kib(max(pattern_sizes))}"
            )
        largest = max(pages, key=lambda p: sizes[p])
        print(f"largest page HTML   : {kib(sizes[largest])} ({largest.relative_to(site)})")
        print(f"search index        : {kib(search.stat().st_size) if search.exists() else 'none'}")
        print(f"mermaid (lazy)      : {kib(mermaid.stat().st_size)}, loaded only on pages with a diagram")
        print(f"total site size     : {kib(total)} ({kib(total - mermaid.stat().st_size)} without mermaid)")


if __name__ == "__main__":
    main()
