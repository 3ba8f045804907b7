"""Generated content in docs/: `<!-- generated: name -->` markers.

Each page family (pattern_pages, compare_pages, roadmap_pages, generator_page, guide_pages) lists
the markers it renders in its MARKERS: which pages hold each one and what it renders there.
pages.py joins them into one registry. On every page, each marker is replaced with what its
renderer makes; a marker the registry does not know, one on a page it does not belong to, one
given twice, and one missing from a page that must hold it stop the build, naming the file.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Protocol

MARKER = re.compile(r"^<!-- generated: ([a-z0-9-]+) -->$", re.MULTILINE)


class MarkerError(ValueError):
    pass


class PageFile(Protocol):
    src_uri: str  # the page's path under docs/
    name: str  # its file name without the extension


class Page(Protocol):
    """What a renderer reads of a page (MkDocs' Page has these), so no renderer imports MkDocs."""

    file: PageFile
    meta: dict[str, Any]
    url: str


@dataclass(frozen=True)
class Generated:
    pages: Callable[[str], bool]  # does the page (its path under docs/) hold this marker?
    render: Callable[[Any, Any], str]  # (site, page) -> the Markdown or HTML that replaces it


def on(*pages: str) -> Callable[[str], bool]:
    """The marker belongs on exactly these pages."""
    return frozenset(pages).__contains__


def one_block(html: str) -> str:
    """Raw HTML for Markdown: no blank lines inside, so Python-Markdown keeps it as one block."""
    return "\n".join(line for line in html.splitlines() if line.strip())


def registry(families: Iterable[Mapping[str, Generated]]) -> dict[str, Generated]:
    """One registry from the page families' MARKERS; a name may belong to one family only."""
    joined: dict[str, Generated] = {}
    for family in families:
        for name, generated in family.items():
            if name in joined:
                raise MarkerError(f"the marker '{name}' is registered twice")
            joined[name] = generated
    return joined


def expand(markdown: str, src: str, known: Mapping[str, Generated], site: Any, page: Any) -> str:
    found = MARKER.findall(markdown)
    for name in dict.fromkeys(found):
        marker = f"'<!-- generated: {name} -->'"
        if name not in known:
            raise MarkerError(f"docs/{src}: unknown marker {marker} (known: {', '.join(sorted(known))})")
        if not known[name].pages(src):
            raise MarkerError(f"docs/{src}: the marker {marker} does not belong on this page")
        if found.count(name) > 1:
            raise MarkerError(f"docs/{src}: expected the marker {marker} once, not {found.count(name)} times")
    missing = [name for name, generated in known.items() if generated.pages(src) and name not in found]
    if missing:
        listed = ", ".join(f"'<!-- generated: {name} -->'" for name in missing)
        raise MarkerError(f"docs/{src}: expected the marker {listed}")
    return MARKER.sub(lambda match: known[match.group(1)].render(site, page), markdown)
