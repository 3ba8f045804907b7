"""MkDocs hooks: render each pattern's YAML around its hand-written prose.

Thin glue. The data comes from catalog.py (pure, validated); the Markdown comes from
the macros in overrides/hooks/pattern.html. Every data problem stops the build with
one line per problem (file, field, what was expected) and no traceback.
"""

from __future__ import annotations

import html
import logging
import shutil
from collections import defaultdict
from pathlib import Path
from typing import Any

from catalog import Catalog, DataError, load_catalog
from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page
from models import ALIAS_CATALOG_LABELS, CATEGORY_LABELS, Category, Pattern, TeamSize, Tier

log = logging.getLogger("mkdocs.hooks.pattern_pages")

ROOT = Path(__file__).resolve().parent.parent
MERMAID_SOURCE = ROOT / "node_modules" / "mermaid" / "dist" / "mermaid.min.js"
MERMAID_TARGET = Path("assets") / "vendor" / "mermaid" / "mermaid.min.js"
CATALOG_MARKER = "<!-- hooks/pattern_pages.py: catalog -->"

LABELS: dict[str, dict[Any, str]] = {
    "category": {c: label for c, label in CATEGORY_LABELS.items()},
    "tier": {Tier.gold: "Gold", Tier.silver: "Silver", Tier.bronze: "Bronze"},
    "team": {
        TeamSize.small: "Small (1-5 engineers)",
        TeamSize.medium: "Medium (6-20 engineers)",
        TeamSize.large: "Large (20-50 engineers)",
        TeamSize.enterprise: "Enterprise (50+ engineers)",
    },
    "alias": dict(ALIAS_CATALOG_LABELS),
}

# Rebuilt in on_config, so `mkdocs serve` never renders with stale data.
_state: dict[str, Any] = {}

# ---------------------------------------------------------------------------
# Hooks
# ---------------------------------------------------------------------------


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    _state.clear()
    try:
        _state["catalog"] = load_catalog()
    except DataError as exc:
        raise PluginError("roadmap_data is invalid:\n" + str(exc)) from None
    env: Environment = config.theme.get_env()
    env.trim_blocks = env.lstrip_blocks = True
    env.filters["text"] = text
    _state["macros"] = env.get_template("hooks/pattern.html").module
    return config


def on_nav(nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
    """Group the pattern pages under the Patterns tab, one section per category."""
    catalog: Catalog = _state["catalog"]
    index = files.get_file_from_path("patterns/index.md")
    parent = index.page.parent if index and index.page else None
    if parent is None:
        raise PluginError("mkdocs.yml: field 'nav': expected a 'Patterns' section holding patterns/index.md")
    for category, patterns in group_by_category(catalog.patterns.values()):
        section = Section(CATEGORY_LABELS[category], [])
        section.parent = parent
        for pattern in patterns:
            file = files.get_file_from_path(f"patterns/{pattern.id}.md")
            assert file is not None and file.page is not None  # load_catalog checked the prose exists
            file.page.parent = section
            section.children.append(file.page)
        parent.children.append(section)
    nav.pages = [p for p in _walk(nav.items)]
    for before, after in zip(nav.pages, nav.pages[1:], strict=False):
        before.next_page, after.previous_page = after, before
    return nav


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    if md := render_pattern(markdown, page):
        return md
    if md := render_catalog(markdown, page):
        return md
    return None


def on_post_build(*, config: MkDocsConfig) -> None:
    """Serve mermaid from our own origin: copy the npm-installed library into the site."""
    if not MERMAID_SOURCE.is_file():
        raise PluginError(f"{MERMAID_SOURCE.relative_to(ROOT)}: expected mermaid installed by `npm ci`")
    target = Path(config.site_dir) / MERMAID_TARGET
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(MERMAID_SOURCE, target)


# ---------------------------------------------------------------------------
# Renderers: each returns None unless the page is its own
# ---------------------------------------------------------------------------


def render_pattern(markdown: str, page: Page) -> str | None:
    src = page.file.src_uri
    if not (src.startswith("patterns/") and src.count("/") == 1 and src != "patterns/index.md"):
        return None
    catalog: Catalog = _state["catalog"]
    pattern = catalog.get(page.file.name)
    page.meta.setdefault("description", pattern.summary)
    page.meta["tags"] = [CATEGORY_LABELS[pattern.category], f"{LABELS['tier'][pattern.tier]} tier"]
    prerequisites = [catalog.get(i) for i in pattern.prerequisites]
    dependents = [catalog.get(i) for i in catalog.dependents(pattern.id)]
    related = [catalog.get(i) for i in pattern.related]
    macros = _state["macros"]
    return "\n".join(
        [
            macros.header(pattern, LABELS, prerequisites=prerequisites),
            markdown,
            macros.footer(pattern, prerequisites, dependents, related, roadmaps=[]),
        ]
    )


def render_catalog(markdown: str, page: Page) -> str | None:
    if page.file.src_uri != "patterns/index.md":
        return None
    if CATALOG_MARKER not in markdown:
        raise PluginError(f"docs/patterns/index.md: expected the marker {CATALOG_MARKER}")
    catalog: Catalog = _state["catalog"]
    listing = _state["macros"].catalog(group_by_category(catalog.patterns.values()), LABELS)
    return markdown.replace(CATALOG_MARKER, listing)


# ---------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------


def text(value: object) -> str:
    """Render a data value as Markdown text: HTML-escaped and safe inside a table cell."""
    return html.escape(str(value), quote=False).replace("|", "&#124;").replace("\n", " ")


def group_by_category(patterns: Any) -> list[tuple[Category, list[Pattern]]]:
    groups: dict[Category, list[Pattern]] = defaultdict(list)
    for pattern in patterns:
        groups[pattern.category].append(pattern)
    return [(c, sorted(groups[c], key=lambda p: p.name.lower())) for c in Category if groups[c]]


def _walk(items: list) -> list[Page]:
    pages: list[Page] = []
    for item in items:
        if isinstance(item, Page):
            pages.append(item)
        elif isinstance(item, Section):
            pages.extend(_walk(item.children))
    return pages
