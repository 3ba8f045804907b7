"""Helpers shared by the build and browser tests: building the site and scanning its HTML."""

from __future__ import annotations

import functools
import gzip
import io
import json
import os
import shutil
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from html.parser import HTMLParser
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

ROOT = Path(__file__).resolve().parents[2]
MKDOCS = [sys.executable, "-m", "mkdocs"]
CHROMIUM = "/usr/bin/chromium"  # Debian's; Playwright never downloads a browser here
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@dataclass(frozen=True)
class BuiltSite:
    root: Path
    port: int
    log: str

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"


class StaticHost(SimpleHTTPRequestHandler):
    """The built site served as a static host would: gzip for text files, the security headers of the
    site's `_headers` file (its Content Security Policy included), 404.html for missing paths, quiet logs."""

    COMPRESS = (".html", ".js", ".mjs", ".css", ".json", ".svg", ".xml", ".csv")

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
            or not self.path.split("?")[0].endswith(("/", path.suffix))
        ):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)

    def end_headers(self) -> None:
        for name, value in site_headers(Path(self.directory)):
            self.send_header(name, value)
        super().end_headers()

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        not_found = Path(self.directory) / "404.html"
        if code != 404 or not not_found.is_file():
            return super().send_error(code, message, explain)
        body = not_found.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@functools.cache
def site_headers(root: Path) -> tuple[tuple[str, str], ...]:
    lines = (root / "_headers").read_text(encoding="utf-8").splitlines()
    return tuple(tuple(line.strip().split(": ", 1)) for line in lines if line.startswith("  "))


@contextmanager
def serve(root: Path, port: int) -> Iterator[None]:
    """Serve a built site on 127.0.0.1:port for the duration of the block."""
    server = ThreadingHTTPServer(("127.0.0.1", port), functools.partial(StaticHost, directory=str(root)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield
    finally:
        server.shutdown()
        server.server_close()


# What a build reads from the project: a copy of these (node_modules linked) builds like the project.
SOURCES = ("mkdocs.yml", "docs", "overrides", "hooks", "roadmap_data")


def copy_project(target: Path, plans: bool = False) -> Path:
    """A copy of the project's sources in `target` that a test may break or edit. With `plans`, the
    generator data made for the current inputs is linked in (.cache/), as a built working tree has it."""
    for name in SOURCES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, target / name)
    (target / "node_modules").symlink_to(ROOT / "node_modules")
    cache = ROOT / ".cache" / "generator-data"
    if plans and cache.is_dir():  # hard links: 1,600 files in milliseconds
        shutil.copytree(cache, target / ".cache" / "generator-data", copy_function=os.link)
    return target


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def mkdocs_build(config: Path, site_dir: Path, site_url: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    env = {**os.environ, "SITE_URL": site_url, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(
        [*MKDOCS, "build", "--strict", "-f", str(config), "-d", str(site_dir)],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )



class Resources(HTMLParser):
    """Collects the URLs a page loads (script, link, img, iframe, source) and all anchor hrefs."""

    LOADS: ClassVar[dict[str, str]] = {
        "script": "src",
        "link": "href",
        "img": "src",
        "iframe": "src",
        "source": "src",
        "video": "src",
    }

    def __init__(self) -> None:
        super().__init__()
        self.loads: list[str] = []
        self.anchors: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag in self.LOADS and values.get(self.LOADS[tag]):
            self.loads.append(values[self.LOADS[tag]] or "")
        if tag == "a" and values.get("href"):
            self.anchors.append(values["href"] or "")


def parse(html: str) -> Resources:
    parser = Resources()
    parser.feed(html)
    return parser


def search_fragments(root: Path) -> dict[str, dict]:
    """Pagefind's record of each indexed page, by URL: its title (meta), text (content) and anchors.
    A fragment file is gzip holding "pagefind_dcd" and then JSON."""
    pages = {}
    for path in (root / "pagefind" / "fragment").iterdir():
        raw = gzip.decompress(path.read_bytes())
        assert raw.startswith(b"pagefind_dcd"), path
        record = json.loads(raw[len(b"pagefind_dcd") :])
        pages[record["url"]] = record
    return pages
