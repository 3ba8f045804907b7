"""Benchmark: prints build time and page sizes, generator data, click-to-render latency and field sensitivity.

    make bench

Figures, not assertions: these machines are shared and noisy, so speed is measured here and
never asserted in a test. BENCH_RUNS sets how many builds are timed (default 3).
"""

from __future__ import annotations

import functools
import gzip
import io
import json
import os
import platform
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "hooks"), str(ROOT / "tests"), str(ROOT / "tests" / "unit")]

from sitebuild import CHROMIUM, CHROMIUM_ARGS, free_port  # noqa: E402

RUNS = int(os.environ.get("BENCH_RUNS", "3"))


def kib(size: float) -> str:
    return f"{size / 1024:,.1f} KiB"


def build(site_dir: Path, site_url: str) -> float:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": site_url}
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(site_dir)],
        cwd=ROOT,
        env=env,
        check=True,
    )
    return time.perf_counter() - start


def site_figures(site: Path, times: list[float]) -> None:
    pages = sorted(site.rglob("*.html"))
    from catalog import CATALOG_PAGES

    pattern_pages = [p for p in pages if p.parent.parent.name == "patterns" and p.parent.name not in CATALOG_PAGES]
    sizes = {p: p.stat().st_size for p in pages}
    files = [f for f in site.rglob("*") if f.is_file()]
    total = sum(f.stat().st_size for f in files)
    mermaid = site / "assets" / "vendor" / "mermaid" / "mermaid.min.js"
    data = [f for f in (site / "roadmaps" / "generator" / "data").iterdir()]
    data_sizes = [f.stat().st_size for f in data]
    best = min(times)
    largest = max(pages, key=lambda p: sizes[p])
    print(f"machine             : {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    print(f"full strict build   : best {best:.2f} s, median {statistics.median(times):.2f} s over {len(times)} runs")
    print(f"pages               : {len(pages)} HTML pages ({len(pattern_pages)} pattern pages)")
    print(f"time per page       : {best / len(pages) * 1000:.1f} ms (whole build / pages)")
    print(
        f"pattern page HTML   : median {kib(statistics.median(sizes[p] for p in pattern_pages))}, "
        f"max {kib(max(sizes[p] for p in pattern_pages))}"
    )
    print(f"largest page HTML   : {kib(sizes[largest])} ({largest.relative_to(site)})")
    print(f"search index        : {kib((site / 'search' / 'search_index.json').stat().st_size)}")
    print(
        f"generator data      : {len(data)} files, {kib(sum(data_sizes))} in all, "
        f"median {kib(statistics.median(data_sizes))}, max {kib(max(data_sizes))}"
    )
    script = site / "assets" / "javascripts" / "generator.js"
    print(f"generator script    : {kib(script.stat().st_size)} unminified")
    print(f"mermaid (lazy)      : {kib(mermaid.stat().st_size)}, loaded only where a diagram is drawn")
    without = kib(total - mermaid.stat().st_size)
    print(f"total site size     : {kib(total)} in {len(files)} files ({without} without mermaid)")


class Quiet(SimpleHTTPRequestHandler):
    """A static host as deployed: gzip for text, quiet logs."""

    COMPRESS = (".html", ".js", ".css", ".json", ".svg", ".xml", ".csv")

    def log_message(self, format: str, *args: object) -> None:
        pass

    def send_head(self):  # type: ignore[override]
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if (
            "gzip" not in self.headers.get("Accept-Encoding", "")
            or path.suffix not in self.COMPRESS
            or not path.is_file()
        ):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


CLICK = """async () => {
  const out = document.getElementById("generated-roadmap");
  const done = new Promise((resolve) => out.addEventListener("pr:rendered", resolve, { once: true }));
  const t0 = performance.now();
  document.querySelector(".pr-generator__submit").click();
  await done;
  return performance.now() - t0;
}"""


LIGHTHOUSE_PAGES = {
    "home": "",
    "catalog": "patterns/",
    "pattern": "patterns/circuit-breaker/",
    "generator": "roadmaps/generator/",
    "roadmap": "roadmaps/startup-to-scale/",
}


def lighthouse(site: Path, port: int) -> None:
    """Lighthouse (mobile preset) on five page types, against a gzip-serving static host."""
    binary = ROOT / "node_modules" / ".bin" / "lighthouse"
    if not binary.exists():
        print("lighthouse          : not installed (npm ci installs it)")
        return
    server = ThreadingHTTPServer(("127.0.0.1", port), functools.partial(Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    flags = "--headless=new " + " ".join(CHROMIUM_ARGS)
    print("lighthouse          : page        perf  a11y  best  seo   LCP      TBT      CLS    bytes")
    try:
        with tempfile.TemporaryDirectory() as tmp:
            for name, path in LIGHTHOUSE_PAGES.items():
                report = Path(tmp) / f"{name}.json"
                subprocess.run(
                    [
                        str(binary),
                        f"http://127.0.0.1:{port}/{path}",
                        "--quiet",
                        f"--chrome-flags={flags}",
                        "--output=json",
                        f"--output-path={report}",
                    ],
                    env={**os.environ, "CHROME_PATH": "/usr/bin/chromium"},
                    check=False,
                    timeout=300,
                )
                if not report.exists():
                    print(f"                      {name:<10}  failed")
                    continue
                data = json.loads(report.read_text(encoding="utf-8"))
                score = {k: round((v["score"] or 0) * 100) for k, v in data["categories"].items()}
                audits = data["audits"]
                print(
                    f"                      {name:<10}  {score['performance']:>4}  {score['accessibility']:>4}  "
                    f"{score['best-practices']:>4}  {score['seo']:>4}  "
                    f"{audits['largest-contentful-paint']['displayValue']:>7}  "
                    f"{audits['total-blocking-time']['displayValue']:>7}  "
                    f"{audits['cumulative-layout-shift']['displayValue']:>5}  "
                    f"{kib(audits['total-byte-weight']['numericValue'])}"
                )
    finally:
        server.shutdown()
        server.server_close()


def click_to_render(site: Path, port: int, samples: int = 100) -> list[float]:
    from catalog import load_catalog
    from generator_rules import load_generator
    from playwright.sync_api import sync_playwright

    generator = load_generator(load_catalog())
    handler = functools.partial(Quiet, directory=str(site))
    server = ThreadingHTTPServer(("127.0.0.1", port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    rng = random.Random(7)
    timings = []
    try:
        with sync_playwright() as p:
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
    finally:
        server.shutdown()
        server.server_close()
    return timings


def sensitivity() -> dict[str, float]:
    from catalog import load_catalog
    from engine import Planner
    from generator_rules import load_generator
    from roadmap_checks import check_all

    catalog = load_catalog()
    planner = Planner(catalog, load_generator(catalog))
    start = time.perf_counter()
    report = check_all(planner)
    print(f"engine              : {report.plans:,} plans planned and checked in {time.perf_counter() - start:.1f} s")
    return report.sensitivity(planner)


def main() -> None:
    port = free_port()
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        times = [build(site, f"http://127.0.0.1:{port}/") for _ in range(RUNS)]
        site_figures(site, times)
        timings = sorted(click_to_render(site, port))
        p95 = timings[int(len(timings) * 0.95) - 1]
        print(
            f"click to render     : p50 {statistics.median(timings):.1f} ms, p95 {p95:.1f} ms, "
            f"max {timings[-1]:.1f} ms over {len(timings)} random combinations (headless Chromium)"
        )
        lighthouse(site, port)
    shares = sensitivity()
    print(
        "field sensitivity   : "
        + ", ".join(f"{k} {v:.1%}" for k, v in shares.items())
        + " (share of single-field changes that change the schedule)"
    )


if __name__ == "__main__":
    main()
