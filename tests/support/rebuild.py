"""Edit to rebuilt under `mkdocs serve`: how long an author waits to see an edit (printed by `make bench`).

The server runs on a copy of the project (so an interrupted run never leaves an edit behind), with
the generator data made for the current inputs linked into the copy's .cache/, as a working
tree that has been built once has it. Each edit is timed from the moment the file is written:
- a sentence in a pattern's prose: until the served page shows the new sentence;
- a rule in rules.yml: until the server has rebuilt, the plans with it (the inputs changed).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

from support.sitebuild import copy_project, free_port

BUILT = re.compile(r"Documentation built in ([\d.]+) seconds")


@contextmanager
def project_copy():
    with tempfile.TemporaryDirectory() as tmp:
        yield copy_project(Path(tmp), plans=True)


class Server:
    """`mkdocs serve` on a free port, with its log read line by line."""

    def __init__(self, project: Path):
        self.port = free_port()
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--strict", "-a", f"127.0.0.1:{self.port}"],
            cwd=project, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
        )
        self.builds: list[float] = []  # the monotonic time each build finished
        self.log: list[str] = []
        self.changed = threading.Event()
        self.watching = threading.Event()  # set once the first build is done and edits are watched
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.process.stderr is not None
        for line in self.process.stderr:
            self.log.append(line)
            if "Serving on" in line:
                self.watching.set()
            if BUILT.search(line):
                self.builds.append(time.monotonic())
                self.changed.set()

    def wait_built(self, count: int, timeout: float = 180) -> float:
        deadline = time.monotonic() + timeout
        while len(self.builds) < count:
            if self.process.poll() is not None or time.monotonic() > deadline:
                tail = "".join(line for line in self.log[-40:] if not line.startswith("  - "))
                raise RuntimeError(f"mkdocs serve stopped or timed out (exit code {self.process.poll()}):\n{tail}")
            self.changed.wait(0.5)
            self.changed.clear()
        return self.builds[count - 1]

    def get(self, path: str) -> str:
        with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/{path}", timeout=10) as response:
            return response.read().decode("utf-8")

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=30)


def prose_edit(server: Server, project: Path, token: str) -> float:
    """Until the build holding the edit has finished (then the browser reloads) and the page shows it."""
    page = project / "docs" / "patterns" / "saga.md"
    text = page.read_text(encoding="utf-8")
    builds = len(server.builds)
    start = time.monotonic()
    page.write_text(text + f"\nAn author's edit, {token}.\n", encoding="utf-8")
    while True:
        builds += 1
        done = server.wait_built(builds)
        if token in server.get("patterns/saga/"):
            return done - start


def rules_edit(server: Server, project: Path, token: str) -> float:
    rules = project / "roadmap_data" / "generator" / "rules.yml"
    builds = len(server.builds)
    start = time.monotonic()
    rules.write_text(rules.read_text(encoding="utf-8") + f"# {token}\n", encoding="utf-8")
    return server.wait_built(builds + 1) - start


def edit_to_rebuilt(runs: int = 3) -> dict[str, list[float]]:
    """Seconds from an edit to its rebuilt result, `runs` times for each kind of edit."""
    times: dict[str, list[float]] = {"prose": [], "rules": []}
    with project_copy() as project:
        server = Server(project)
        try:
            server.wait_built(1)
            if not server.watching.wait(60):
                raise RuntimeError("mkdocs serve never started watching for edits")
            for run in range(runs):
                times["prose"].append(prose_edit(server, project, f"bench-{run}-{time.time_ns()}"))
            for run in range(runs):
                times["rules"].append(rules_edit(server, project, f"bench {run}"))
        finally:
            server.stop()
    return times
