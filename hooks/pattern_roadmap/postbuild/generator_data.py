"""Writing the generator's 1,600 data files (engine/encoding.py) while MkDocs renders the pages.

DataWriter.start() (from on_config) starts one worker per core; each loads the data itself from
roadmap_data/ (a third of a second), so nothing depends on state inherited from the parent and the
workers run the same under "fork" and "spawn" (GENERATOR_START; bench.py measures both and threads,
and fork is the default because it is the fastest). They write into a staging folder under .cache/,
since MkDocs has not cleaned the site directory yet; finish() (from on_post_build) waits for them
and puts the files into the site. GENERATOR_WORKERS=1 writes everything in finish(), in this process.

Files made from the same inputs (inputs_key: the YAML and the code the plans come from) are reused
from .cache/generator-data/ instead of planned again, so a rebuild that changed neither takes
seconds; any change to either makes a new key, so a reused file is never stale. GENERATOR_CACHE=0
turns the reuse off (the files are still staged).
"""

from __future__ import annotations

import gc
import hashlib
import multiprocessing
import multiprocessing.pool
import os
import shutil
import sys
from pathlib import Path

from pattern_roadmap.data.files import DATA_ROOT, ROOT
from pattern_roadmap.domain.catalog import load_catalog
from pattern_roadmap.domain.generator import load_generator
from pattern_roadmap.engine.encoding import FORMAT_VERSION, Encoder, compress, file_name, select_keys
from pattern_roadmap.engine.planner import Planner

PACKAGE = Path(__file__).resolve().parents[1]
# The code the plans are made from (render/ and postbuild/ only place them in the site).
PLAN_CODE = ("schema", "data", "domain", "engine")
CACHE = ROOT / ".cache" / "generator-data"
SITE_FOLDER = Path("roadmaps") / "generator" / "data"  # where the files go in the site
STARTS = ("fork", "spawn", "forkserver", "thread")


def inputs_key(data_dir: Path = DATA_ROOT) -> str:
    """A hash of everything the plans are made from: the data, the engine's code, the format."""
    digest = hashlib.sha256(f"format {FORMAT_VERSION}".encode())
    code = [path for folder in PLAN_CODE for path in (PACKAGE / folder).rglob("*.py")]
    for path in sorted([*data_dir.rglob("*.yml"), *code]):
        digest.update(path.relative_to(ROOT).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:20]


class DataWriter:
    """Writes every plan's data file, in workers (start) or in this process (finish)."""

    def __init__(self, planner: Planner, data_dir: Path = DATA_ROOT):
        self.planner, self.data_dir = planner, data_dir
        self.keys = list(select_keys(planner))
        self.workers = int(os.environ.get("GENERATOR_WORKERS", os.cpu_count() or 1))
        self.start_method = os.environ.get("GENERATOR_START", "fork")
        if self.start_method not in STARTS:
            raise ValueError(f"GENERATOR_START: expected one of {', '.join(STARTS)} (got {self.start_method!r})")
        self.pool: multiprocessing.pool.Pool | None = None
        self.pending: multiprocessing.pool.AsyncResult | None = None
        self.cached = CACHE / inputs_key(data_dir) if os.environ.get("GENERATOR_CACHE", "1") != "0" else None
        # Where the workers write: the cache entry being made, or a folder of this process's own.
        self.staging = (
            CACHE / f"{self.cached.name}.partial" if self.cached else CACHE.parent / f"generator-staging-{os.getpid()}"
        )

    def reused(self) -> bool:
        return self.cached is not None and (self.cached / "complete").exists()

    def start(self) -> None:
        if self.reused():
            return  # finish() links the cached files
        shutil.rmtree(self.staging, ignore_errors=True)
        self.staging.mkdir(parents=True)
        if self.workers <= 1:
            return
        if self.start_method == "thread":  # one interpreter: the planner is shared as it is
            _worker.update(encoder=Encoder(self.planner), out=self.staging)
            self.pool = multiprocessing.pool.ThreadPool(self.workers)
        else:
            context = multiprocessing.get_context(self.start_method)
            hooks = str(PACKAGE.parent)  # a spawned worker imports this module from hooks/, which
            sys.path.insert(0, hooks)  # MkDocs takes off sys.path once hooks/main.py has loaded
            try:
                args = (self.data_dir, self.staging)
                self.pool = context.Pool(self.workers, initializer=_start_worker, initargs=args)
            finally:
                sys.path.remove(hooks)
        # 8 files at a time: a multiple of the 4 timelines, which share a profile, and a short tail
        self.pending = self.pool.map_async(_write_one, self.keys, chunksize=8)

    def finish(self, site_dir: str) -> None:
        out = Path(site_dir) / SITE_FOLDER
        if not self.reused():
            self._write_all()
            if self.cached is None:  # nothing to keep: the staged folder becomes the site's
                out.parent.mkdir(parents=True, exist_ok=True)
                shutil.rmtree(out, ignore_errors=True)
                self.staging.rename(out)
                return
            self._keep()
        out.mkdir(parents=True, exist_ok=True)
        for name in (self.cached / "complete").read_text().split():  # type: ignore[operator]
            _link(self.cached / name, out / name)  # type: ignore[operator]

    def _write_all(self) -> None:
        try:
            if self.pending is not None:
                self.pending.get()
            else:
                _worker.update(encoder=Encoder(self.planner), out=self.staging)
                for key in self.keys:
                    _write_one(key)
        except BaseException:
            self.close()
            raise
        finally:
            _worker.clear()
            self.stop()

    def _keep(self) -> None:
        """Make the staged files the cache entry for these inputs, complete or not at all."""
        (self.staging / "complete").write_text("\n".join(sorted(p.name for p in self.staging.iterdir())) + "\n")
        for old in CACHE.iterdir():  # keep only the newest inputs
            if old != self.staging:
                shutil.rmtree(old, ignore_errors=True)
        self.staging.rename(self.cached)  # type: ignore[arg-type]

    def stop(self) -> None:
        if self.pool is not None:
            self.pool.terminate()
            self.pool.join()
            self.pool = None

    def close(self) -> None:
        """Stop the workers and drop what they staged (a failed or abandoned build)."""
        self.stop()
        _worker.clear()
        shutil.rmtree(self.staging, ignore_errors=True)


def _link(source: Path, target: Path) -> None:
    """A hard link where the file system allows it (1,600 files in milliseconds), else a copy."""
    target.unlink(missing_ok=True)
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


# -- in each worker ---------------------------------------------------------------

_worker: dict = {}  # this worker's encoder and output folder, set when it starts


def _start_worker(data_dir: Path, out: Path) -> None:
    """Load the data from the YAML (as the build did) and keep an encoder for this worker's files."""
    gc.disable()  # short-lived workers: the collector would only walk the planner's caches
    catalog = load_catalog(data_dir, prose_dir=None)  # the build has checked the prose
    _worker.update(encoder=Encoder(Planner(catalog, load_generator(catalog, data_dir))), out=out)


def _write_one(selects: tuple[str, ...]) -> None:
    (_worker["out"] / file_name(*selects)).write_bytes(compress(_worker["encoder"].encode(selects)))
