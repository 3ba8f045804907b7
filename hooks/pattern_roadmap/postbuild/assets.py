"""Vendored assets: mermaid is served from the site's own origin, copied from its npm package."""

from __future__ import annotations

import shutil
from pathlib import Path

from pattern_roadmap.data.files import ROOT

# Mermaid's ES module build: a small entry that imports only the chunks a diagram type needs.
MERMAID_DIST = ROOT / "node_modules" / "mermaid" / "dist"
MERMAID_ENTRY = "mermaid.esm.min.mjs"
MERMAID_CHUNKS = "chunks/mermaid.esm.min"
MERMAID_TARGET = Path("assets") / "vendor" / "mermaid"


class AssetError(Exception):
    """A vendored asset is missing: one line saying which and how to get it."""


def copy_mermaid(site_dir: str) -> None:
    """Copy the npm-installed ES module build of mermaid into the site (no source maps)."""
    entry = MERMAID_DIST / MERMAID_ENTRY
    if not entry.is_file():
        raise AssetError(f"{entry.relative_to(ROOT)}: expected mermaid installed by `npm ci`")
    target = Path(site_dir) / MERMAID_TARGET
    (target / MERMAID_CHUNKS).mkdir(parents=True, exist_ok=True)
    shutil.copyfile(entry, target / MERMAID_ENTRY)
    for chunk in sorted((MERMAID_DIST / MERMAID_CHUNKS).glob("*.mjs")):
        shutil.copyfile(chunk, target / MERMAID_CHUNKS / chunk.name)
