"""Everything under roadmap_data/, loaded and checked in one call: what the build and `cli.py validate`
both need. Each loader raises one DataError listing every problem it found."""

from __future__ import annotations

from dataclasses import dataclass

from pattern_roadmap.domain.catalog import Catalog, load_catalog
from pattern_roadmap.domain.comparisons import load_comparisons
from pattern_roadmap.domain.generator import Generator, load_generator
from pattern_roadmap.domain.guides import Guides, load_guides
from pattern_roadmap.domain.roadmaps import Roadmaps, load_roadmaps
from pattern_roadmap.schema.comparisons import Comparison


@dataclass(frozen=True)
class RoadmapData:
    catalog: Catalog
    generator: Generator
    roadmaps: Roadmaps
    comparisons: dict[str, Comparison]
    guides: Guides


def load_roadmap_data() -> RoadmapData:
    catalog = load_catalog()
    generator = load_generator(catalog)
    roadmaps, comparisons = load_roadmaps(catalog, generator), load_comparisons(catalog)
    return RoadmapData(catalog, generator, roadmaps, comparisons, load_guides(catalog, generator))
