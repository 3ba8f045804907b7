"""Reusing a page's converted HTML when nothing it is made from has changed (so `mkdocs serve`
rebuilds in seconds after an author's edit).

An entry is keyed by a hash of everything the conversion reads: the page's Markdown (after the
hooks have filled its markers), its path and address, and the build's context, which hooks/main.py
makes from every file's path and address (links are checked against them), the Markdown
extensions and their settings, and the versions of the packages that convert. Change any of these
and the key changes, so an entry is never stale. What is stored is plain JSON: the HTML, the
table of contents, the title, the anchors the page holds and its links to other pages' anchors
(so the build still checks those). Entries live in .cache/pages/; each build keeps only the
entries it used. PAGE_CACHE=0 turns the reuse off.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from pattern_roadmap.data.files import ROOT

FOLDER = ROOT / ".cache" / "pages"
# A page that includes other files (pymdownx.snippets) depends on more than its own text: never reused.
INCLUDES = "--8<--"


def stable(value: Any) -> str:
    """A text that is the same for equal settings in every process (no memory addresses)."""
    if isinstance(value, Mapping):
        items = sorted(value.items(), key=lambda kv: str(kv[0]))
        return "{" + ",".join(f"{stable(k)}:{stable(v)}" for k, v in items) + "}"
    if isinstance(value, (list, tuple)):
        return "[" + ",".join(stable(v) for v in value) + "]"
    if isinstance(value, Callable):  # type: ignore[arg-type]
        return f"{getattr(value, '__module__', '')}.{getattr(value, '__qualname__', type(value).__qualname__)}"
    return repr(value)


class PageCache:
    def __init__(self, context: str, folder: Path = FOLDER):
        self.context = hashlib.sha256(context.encode("utf-8")).hexdigest()
        self.folder = folder
        self.used: set[str] = set()
        self.enabled = os.environ.get("PAGE_CACHE", "1") != "0"

    def key(self, markdown: str, src: str, url: str) -> str | None:
        if not self.enabled or INCLUDES in markdown:
            return None
        digest = hashlib.sha256(f"{self.context}\0{src}\0{url}\0".encode())
        digest.update(markdown.encode("utf-8"))
        return digest.hexdigest()[:32]

    def get(self, key: str) -> dict[str, Any] | None:
        path = self.folder / f"{key}.json"
        try:
            entry = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):  # missing, or left half-written by a build that was stopped
            return None
        self.used.add(path.name)
        return entry

    def put(self, key: str, entry: dict[str, Any]) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        part = self.folder / f"{key}.json.{os.getpid()}.part"
        part.write_text(json.dumps(entry, ensure_ascii=False), encoding="utf-8")
        part.replace(self.folder / f"{key}.json")  # whole or not at all
        self.used.add(f"{key}.json")

    def prune(self) -> None:
        """Keep only the entries this build used or made."""
        if not self.enabled or not self.folder.is_dir():
            return
        for path in self.folder.iterdir():
            if path.name not in self.used:
                if path.is_dir():
                    shutil.rmtree(path, ignore_errors=True)
                else:
                    path.unlink(missing_ok=True)
