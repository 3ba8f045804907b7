"""Benchmark: prints build time and page sizes, generator data, click-to-render latency and field sensitivity.

    make bench

Figures, not assertions: these machines are shared and noisy, so speed is measured here and
never asserted in a test. BENCH_RUNS sets how many builds are timed (default 3).
"""

from __future__ import annotations

import itertools
import os
import platform
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "hooks"), str(ROOT / "tests")]

from support import lighthouse  # noqa: E402
from support.sitebuild import CHROMIUM, CHROMIUM_ARGS, free_port, mkdocs_build, serve  # noqa: E402

RUNS = int(os.environ.get("BENCH_RUNS", "3"))
LIGHTHOUSE_RUNS = int(os.environ.get("LIGHTHOUSE_RUNS", "3"))


def kib(size: float) -> str:
    return f"{size / 1024:,.1f} KiB"


def build(site_dir: Path, site_url: str, reuse: bool = False) -> float:
    """One strict build; `reuse` lets it reuse the generator data and the pages' HTML made from the same
    inputs (a warm build); without it, every plan is planned and every page converted again."""
    os.environ["GENERATOR_CACHE"] = os.environ["PAGE_CACHE"] = "1" if reuse else "0"
    start = time.perf_counter()
    result = mkdocs_build(ROOT / "mkdocs.yml", site_dir, site_url)
    if result.returncode != 0:
        sys.exit(f"mkdocs build --strict failed:\n{result.stdout}{result.stderr}")
    return time.perf_counter() - start


def site_figures(site: Path, times: list[float]) -> None:
    pages = sorted(site.rglob("*.html"))
    from pattern_roadmap.domain.catalog import CATALOG_PAGES

    pattern_pages = [p for p in pages if p.parent.parent.name == "patterns" and p.parent.name not in CATALOG_PAGES]
    sizes = {p: p.stat().st_size for p in pages}
    files = [f for f in site.rglob("*") if f.is_file()]
    total = sum(f.stat().st_size for f in files)
    mermaid_files = [f for f in (site / "assets" / "vendor" / "mermaid").rglob("*") if f.is_file()]
    mermaid = sum(f.stat().st_size for f in mermaid_files)
    data = [f for f in (site / "roadmaps" / "generator" / "data").iterdir()]
    data_sizes = [f.stat().st_size for f in data]
    from pattern_roadmap.engine.encoding import decompress

    raw_sizes = [len(decompress(f.read_bytes()).encode("utf-8")) for f in data]
    best = min(times)
    largest = max(pages, key=lambda p: sizes[p])
    print(f"machine             : {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    print(
        f"full strict build   : best {best:.2f} s, median {statistics.median(times):.2f} s over {len(times)} runs, "
        "cold (every plan planned and every page converted again)"
    )
    print(f"pages               : {len(pages)} HTML pages ({len(pattern_pages)} pattern pages)")
    print(f"time per page       : {best / len(pages) * 1000:.1f} ms (whole build / pages)")
    print(
        f"pattern page HTML   : median {kib(statistics.median(sizes[p] for p in pattern_pages))}, "
        f"max {kib(max(sizes[p] for p in pattern_pages))}"
    )
    print(f"largest page HTML   : {kib(sizes[largest])} ({largest.relative_to(site)})")
    bundle = [f for f in (site / "pagefind").rglob("*") if f.is_file()]
    print(f"search index        : Pagefind, {kib(sum(f.stat().st_size for f in bundle))} in {len(bundle)} files on "
          "the host; a reader fetches only what a query needs (see search cost)")
    print(
        f"generator data      : {len(data)} files, {kib(sum(data_sizes))} in all, "
        f"median {kib(statistics.median(data_sizes))}, max {kib(max(data_sizes))} as stored (gzip); "
        f"inflated JSON median {kib(statistics.median(raw_sizes))}, max {kib(max(raw_sizes))}"
    )
    script = site / "assets" / "javascripts" / "generator.js"
    shared = {name: (script.parent / name).stat().st_size for name in ("generator-data.js", "address.js")}
    print(f"generator script    : {kib(script.stat().st_size)} unminified, plus its data decoder "
          f"{kib(shared['generator-data.js'])} and the address module {kib(shared['address.js'])} "
          "(shared with the catalog and the wizard)")
    print(f"mermaid (lazy)      : {kib(mermaid)} in {len(mermaid_files)} ES modules, imported only as diagrams need")
    without = kib(total - mermaid)
    print(f"total site size     : {kib(total)} in {len(files)} files ({without} without mermaid)")


CLICK = """async () => {
  const out = document.getElementById("generated-roadmap");
  const done = new Promise((resolve) => out.addEventListener("pr:rendered", resolve, { once: true }));
  const t0 = performance.now();
  document.querySelector(".pr-generator__submit").click();
  await done;
  return performance.now() - t0;
}"""


EXTRA_PAGES = {  # measured once each, for the record; not part of the quality gate
    "saga": "patterns/saga/",
    "wizard": "guides/selection-wizard/",
    "choosing": "guides/choosing/",
    "quickstart": "guides/quick-start/",
    "progress": "guides/progress/",
}


SEARCHES = ["idempotency key", "kafka outbox", "poison message", "cold start"]


def search_cost(site: Path, port: int) -> None:
    """Bytes a reader downloads for search (gzip, as served): nothing on page load, then per query
    typed key by key into Material's search box, in one session."""
    from playwright.sync_api import sync_playwright

    fetched: dict[str, int] = {}

    def record(request) -> None:
        response = request.response()
        if response is not None and "/pagefind/" in request.url:
            fetched[request.url] = len(response.body()) if "gzip" not in response.headers.get(
                "content-encoding", "") else int(response.headers.get("content-length", "0"))

    with serve(site, port), sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.on("requestfinished", record)
        page.goto(f"http://127.0.0.1:{port}/")
        page.wait_for_load_state("networkidle")
        costs = [sum(fetched.values())]
        for query in SEARCHES:
            page.keyboard.press("/")
            page.locator("input.md-search__input").fill("")
            page.keyboard.type(query)
            page.wait_for_load_state("networkidle")
            page.wait_for_timeout(500)
            costs.append(sum(fetched.values()))
        browser.close()
    steps = [b - a for a, b in itertools.pairwise(costs)]
    print(f"search cost         : {kib(costs[0])} on page load; then per query, typed: "
          + ", ".join(f'"{q}" {kib(n)}' for q, n in zip(SEARCHES, steps, strict=True))
          + f"; {kib(costs[-1])} for all four")


def lighthouse_table(site: Path, port: int) -> None:
    """Lighthouse (mobile preset) against a gzip-serving static host: the median run of each page."""
    if not lighthouse.BINARY.exists():
        print("lighthouse          : not installed (npm ci installs it)")
        return
    print(f"lighthouse          : {lighthouse.HEADER}   (median of {LIGHTHOUSE_RUNS} runs; extra pages 1 run)")
    with serve(site, port):  # the same host as the browser tests' Lighthouse gate: gzip and the CSP
        for pages, runs in ((lighthouse.PAGES, LIGHTHOUSE_RUNS), (EXTRA_PAGES, 1)):
            for name, path in pages.items():
                try:
                    results = sorted(
                        (lighthouse.run(f"http://127.0.0.1:{port}/{path}") for _ in range(runs)),
                        key=lambda r: r.scores["performance"],
                    )
                except RuntimeError as exc:
                    print(f"                      {name:<10}  failed: {exc}")
                    continue
                print("                      " + results[len(results) // 2].row(name))


def click_to_render(site: Path, port: int, samples: int = 100) -> list[float]:
    from playwright.sync_api import sync_playwright

    from pattern_roadmap.domain.catalog import load_catalog
    from pattern_roadmap.domain.generator import load_generator

    generator = load_generator(load_catalog())
    rng = random.Random(7)
    timings = []
    with serve(site, port), sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.goto(f"http://127.0.0.1:{port}/roadmaps/generator/")
        for _ in range(samples):
            for field in generator.form.fields:
                if field.multiple:
                    for option in field.options:
                        page.set_checked(f"input[name=challenge][value={option.value}]", rng.random() < 0.4)
                else:
                    page.select_option(f"#{field.id}", rng.choice(field.options).value)
            timings.append(page.evaluate(CLICK))
        browser.close()
    return timings


def sensitivity() -> dict[str, float]:
    from pattern_roadmap.domain.catalog import load_catalog
    from pattern_roadmap.domain.generator import load_generator
    from pattern_roadmap.engine.planner import Planner
    from support.roadmap_checks import check_all

    catalog = load_catalog()
    planner = Planner(catalog, load_generator(catalog))
    start = time.perf_counter()
    report = check_all(planner)
    elapsed = time.perf_counter() - start
    workers = os.cpu_count()
    print(f"engine              : {report.plans:,} plans planned and checked in {elapsed:.1f} s ({workers} processes)")
    advice_figures(report)
    return report.sensitivity(planner)


def advice_figures(report) -> None:
    """The figures of the generator's advice (issue 11): what a principal engineer would check first."""
    plans = report.plans
    internals = sum(v for k, v in report.internal_steps.items())
    print(f"observability first : {report.observability_first / plans:.1%} of plans have it in phase 1"
          " (the rest: provided by the platform)")
    print(f"internals as steps  : {internals} datastore-internal steps in {plans:,} plans")
    medians = ", ".join(f"{t} {share:.0%}" for t, share in report.medians().items())
    print(f"budget used         : median share of the budget scheduled, by timeline: {medians}")
    print(f"team size alone     : changes the set of patterns in {report.team_changes_set():.1%} of team-only changes")
    print(f"reason sentences    : {len(report.reasons):,} distinct texts on steps")


def worker_starts() -> None:
    """The 1,600 data files written from scratch by each way of starting the workers."""
    from pattern_roadmap.domain.catalog import load_catalog
    from pattern_roadmap.domain.generator import load_generator
    from pattern_roadmap.engine.planner import Planner
    from pattern_roadmap.postbuild.generator_data import DataWriter

    catalog = load_catalog()
    figures = []
    for start in ("fork", "spawn", "thread"):
        os.environ.update(GENERATOR_CACHE="0", GENERATOR_START=start)
        writer = DataWriter(Planner(catalog, load_generator(catalog)))
        with tempfile.TemporaryDirectory() as site:
            began = time.perf_counter()
            writer.start()
            writer.finish(site)
            figures.append(f"{start} {time.perf_counter() - began:.1f} s")
    os.environ.pop("GENERATOR_START")
    print(f"data workers        : {', '.join(figures)} ({writer.workers} workers; fork is the default)")


def author_waits() -> None:
    from support.rebuild import edit_to_rebuilt

    times = edit_to_rebuilt()
    print(
        f"edit to rebuilt     : a prose sentence {min(times['prose']):.1f}-{max(times['prose']):.1f} s, "
        f"a rule in rules.yml {min(times['rules']):.1f}-{max(times['rules']):.1f} s "
        f"(mkdocs serve; {len(times['prose'])} edits each; the rule plans again)"
    )


def main() -> None:
    port = free_port()
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        times = [build(site, f"http://127.0.0.1:{port}/") for _ in range(RUNS)]
        build(site, f"http://127.0.0.1:{port}/", reuse=True)  # fills .cache/generator-data
        warm = build(site, f"http://127.0.0.1:{port}/", reuse=True)
        site_figures(site, times)
        print(f"warm strict build   : {warm:.2f} s (generator data and pages reused from .cache/)")
        timings = sorted(click_to_render(site, port))
        p95 = timings[int(len(timings) * 0.95) - 1]
        print(
            f"click to render     : p50 {statistics.median(timings):.1f} ms, p95 {p95:.1f} ms, "
            f"max {timings[-1]:.1f} ms over {len(timings)} random combinations (headless Chromium)"
        )
        search_cost(site, port)
        lighthouse_table(site, port)
    author_waits()
    worker_starts()
    shares = sensitivity()
    print(
        "field sensitivity   : "
        + ", ".join(f"{k} {v:.1%}" for k, v in shares.items())
        + " (share of single-field changes that change the schedule)"
    )


if __name__ == "__main__":
    main()
