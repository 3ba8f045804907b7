"""Renderers for the roadmap generator: the form and pieces on its page, and every plan as data.

Called by hooks/main.py. The engine plans all combinations at build time; the plans are
encoded by generator_data.py into one small file per choice of the five selects, written in
parallel (one worker per core; GENERATOR_WORKERS=1 to turn that off).
"""

from __future__ import annotations

import gc
import hashlib
import multiprocessing
import os
import shutil
from pathlib import Path
from typing import Any

from generator_data import FORMAT_VERSION, Encoder, compress, file_name, select_keys
from markers import Generated, on
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url
from site_context import Site, Words

ROOT = Path(__file__).resolve().parent.parent
DATA_ROOT, HOOKS = ROOT / "roadmap_data", ROOT / "hooks"
CACHE = ROOT / ".cache" / "generator-data"
DATA_DIR = Path("roadmaps") / "generator" / "data"


def generator_form(site: Site, page: Page) -> str:
    """/roadmaps/generator/: the form and the templates the script fills in."""
    ctx = FormContext(site, get_relative_url("patterns/", page.url or "roadmaps/generator/"))
    macros = site.macros("generator")
    # One outer element, so that Python-Markdown keeps the whole block (templates included) as raw HTML.
    return _one_block('<div class="pr-generator">' + macros.form(ctx) + macros.output(ctx) + "</div>")


def how_it_works(site: Site, page: Page) -> str:
    """/roadmaps/how-it-works/: the generator's rules, rendered from rules.yml and the catalog."""
    return site.macros("generator").how_it_works(FormContext(site, "../../patterns/"))


MARKERS = {
    "generator": Generated(on("roadmaps/generator.md"), generator_form),
    "how-it-works": Generated(on("roadmaps/how-it-works.md"), how_it_works),
}


def inputs_key() -> str:
    """A hash of everything the plans are made from: the data, the engine's code, the format."""
    digest = hashlib.sha256(f"format {FORMAT_VERSION}".encode())
    for path in sorted([*DATA_ROOT.rglob("*.yml"), *HOOKS.glob("*.py")]):
        digest.update(path.relative_to(ROOT).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:20]


class DataWriter:
    """Writes the 1,600 data files in worker processes, while MkDocs renders the pages.

    start() forks the workers as soon as the data has loaded (on_config); they write into a
    staging folder under .cache/, since MkDocs has not yet cleaned the site directory. finish()
    waits for them in on_post_build and puts the files into the site. GENERATOR_WORKERS=1 writes
    everything in finish(), in this process. Files made from the same inputs (inputs_key) are
    reused from .cache/generator-data/ instead of planned again, so a rebuild that changed no data
    and no engine code takes seconds; any change to the YAML or the code makes a new key, so a
    reused file is never stale. GENERATOR_CACHE=0 turns the reuse off (the files are still staged).
    """

    def __init__(self, site: Site):
        self.keys = list(select_keys(site.planner))
        self.encoder = Encoder(site.planner)
        self.workers = int(os.environ.get("GENERATOR_WORKERS", os.cpu_count() or 1))
        self.pool = None
        self.pending = None
        self.cached = CACHE / inputs_key() if os.environ.get("GENERATOR_CACHE", "1") != "0" else None
        # Where the workers write: the cache entry being made, or a folder of this process's own.
        self.staging = (
            CACHE / f"{self.cached.name}.partial" if self.cached else CACHE.parent / f"generator-staging-{os.getpid()}"
        )

    def start(self) -> None:
        global _encoder
        if self.cached is not None and (self.cached / "complete").exists():
            return  # finish() links the cached files
        shutil.rmtree(self.staging, ignore_errors=True)
        self.staging.mkdir(parents=True)
        _encoder, _out_dir[0] = self.encoder, self.staging
        if self.workers > 1:
            self.pool = multiprocessing.get_context("fork").Pool(self.workers, initializer=gc.disable)
            # 8 files at a time: a multiple of the 4 timelines, which share a profile, and a short tail
            self.pending = self.pool.map_async(_write_one, self.keys, chunksize=8)

    def finish(self, site_dir: str) -> None:
        global _encoder
        out = Path(site_dir) / DATA_DIR
        if self.cached is None or not (self.cached / "complete").exists():
            try:
                if self.pending is not None:
                    self.pending.get()
                else:
                    for key in self.keys:
                        _write_one(key)
            except BaseException:
                self.close()
                raise
            finally:
                _encoder = None
                self.stop()
            if self.cached is None:  # nothing to keep: the staged folder becomes the site's
                out.parent.mkdir(parents=True, exist_ok=True)
                shutil.rmtree(out, ignore_errors=True)
                self.staging.rename(out)
                return
            self._keep()
        out.mkdir(parents=True, exist_ok=True)
        for name in (self.cached / "complete").read_text().split():
            _link(self.cached / name, out / name)

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
        shutil.rmtree(self.staging, ignore_errors=True)


def _link(source: Path, target: Path) -> None:
    """A hard link where the file system allows it (1,600 files in milliseconds), else a copy."""
    target.unlink(missing_ok=True)
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


# -- workers -------------------------------------------------------------------

_encoder: Encoder | None = None  # set by DataWriter.start(); inherited by the forked workers
_out_dir: list[Path] = [Path()]


def _write_one(selects: tuple[str, ...]) -> None:
    assert _encoder is not None
    (_out_dir[0] / file_name(*selects)).write_bytes(compress(_encoder.encode(selects)))


# -- helpers -------------------------------------------------------------------


class FormContext(Words):
    """What the form and output macros need: the words, the form's sections, and the JS spec."""

    def __init__(self, site: Site, patterns_url: str):
        super().__init__(site.catalog, site.generator)
        self.site, self.patterns_url = site, patterns_url

    def internals(self) -> list[str]:
        return sorted(self.site.planner.internal)

    def roadmaps(self) -> list:
        return list(self.site.roadmaps.roadmaps.values())

    def sections(self) -> list[tuple[str, list]]:
        groups: dict[str, list] = {}
        for f in self.generator.form.fields:
            groups.setdefault(f.section, []).append(f)
        return list(groups.items())

    def spec(self) -> dict[str, Any]:
        rules, planner = self.generator.rules, self.site.planner
        return {
            "version": FORMAT_VERSION,
            "data": "data/",
            "patternsUrl": self.patterns_url,
            "fields": [
                {
                    "param": f.param,
                    "id": f.id,
                    "multiple": f.multiple,
                    "default": f.default,
                    "options": [[o.value, o.label] for o in f.options],
                }
                for f in self.generator.form.fields
            ],
            "timelines": {
                key: {"weeks": t.weeks, "phases": [[p.name, p.goal, p.start, p.end] for p in t.phases]}
                for key, t in rules.timelines.items()
            },
            "budgetShare": rules.budget.share,
            # [id, name, first metric, effort in weeks at each scale, in the form's order]
            "patterns": [
                [pid, p.name, p.metrics[0], [planner.effort[scale][pid] for scale in self.generator.values("scale")]]
                for pid, p in ((pid, self.catalog.get(pid)) for pid in planner.ids)
            ],
        }


def _one_block(html: str) -> str:
    """Raw HTML for Markdown: no blank lines inside, so Python-Markdown keeps it as one block."""
    return "\n".join(line for line in html.splitlines() if line.strip())
