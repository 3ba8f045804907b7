"""The page families, joined: every `<!-- generated: name -->` marker in docs/ and what renders it.

Each family (pattern_pages, compare_pages, roadmap_pages, generator_page, guide_pages) lists its
markers in its MARKERS; a name may belong to one family only (markers.registry checks it).
"""

from __future__ import annotations

from pattern_roadmap.render import compare_pages, generator_page, guide_pages, markers, pattern_pages, roadmap_pages

MARKERS = markers.registry(
    [pattern_pages.MARKERS, compare_pages.MARKERS, roadmap_pages.MARKERS, generator_page.MARKERS, guide_pages.MARKERS]
)
