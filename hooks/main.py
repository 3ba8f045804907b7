"""MkDocs hooks: the only hook module in mkdocs.yml. Thin glue that delegates.

Each event loads or hands over the validated data and calls one small renderer per kind of
output: pattern_pages.py (pattern pages, catalog, maps, aliases, navigation), generator_page.py
(the generator's form and its pre-generated plans), roadmap_pages.py (pre-built roadmaps, their
spreadsheets, the roadmaps index, the implementation guide), compare_pages.py (comparisons) and
guide_pages.py (the guides).
Every data problem stops the build with one line per problem (file, field, what was expected)
and no traceback.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import a11y
import compare_pages
import generator_page
import guide_pages
import llms
import markers
import pattern_pages
import roadmap_pages
import security
import site_search
from catalog import DataError, load_catalog
from comparisons import load_comparisons
from engine import Planner
from generator_rules import load_generator
from guides import load_guides
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from roadmaps import load_roadmaps
from site_context import Site, text


@dataclass
class Build:
    """One build's context: the checked data and its renderers (Site), and the workers writing the
    generator's data. Made in on_config, so a `mkdocs serve` rebuild never sees the last one's."""

    site: Site
    writer: generator_page.DataWriter | None


_build: Build | None = None  # the build in progress (MkDocs hooks are module functions)


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _build
    if _build is not None and _build.writer is not None:
        _build.writer.close()  # a rebuild started before the last one finished
    _build = None
    try:
        catalog = load_catalog()
        generator = load_generator(catalog)
        roadmaps = load_roadmaps(catalog, generator)
        comparisons = load_comparisons(catalog)
        guides = load_guides(catalog, generator)
    except DataError as exc:
        raise PluginError("roadmap_data is invalid:\n" + str(exc)) from None
    env = config.theme.get_env()
    env.trim_blocks = env.lstrip_blocks = True
    env.filters["text"] = text
    site = Site(catalog, generator, Planner(catalog, generator), roadmaps, comparisons, guides, env)
    # The generator's plans are written by worker processes while MkDocs renders the pages.
    _build = Build(site, generator_page.DataWriter(site))
    _build.writer.start()  # type: ignore[union-attr]
    return config


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    return roadmap_pages.add_files(_current(), config, files)


def on_nav(nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
    site = _current()
    nav = roadmap_pages.group_nav(site, nav, files)
    nav = pattern_pages.group_nav(site, nav, files)  # last: it rebuilds the page order
    return nav


# Every `<!-- generated: name -->` marker in docs/, and what renders it (markers.py).
MARKERS = markers.registry(
    [pattern_pages.MARKERS, compare_pages.MARKERS, roadmap_pages.MARKERS, generator_page.MARKERS, guide_pages.MARKERS]
)


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    site = _current()
    site_search.take_over(page.meta)  # Pagefind indexes the site after the build
    pattern = pattern_pages.render_pattern(site, markdown, page)  # the metadata around a pattern's prose
    if pattern is not None:
        return pattern
    try:
        return markers.expand(markdown, page.file.src_uri, MARKERS, site, page)
    except markers.MarkerError as exc:
        raise PluginError(str(exc)) from None


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    return a11y.label_task_items(html)


def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
    return site_search.prepare(a11y.name_theme_widgets(output), page.meta)


def on_post_template(output_content: str, *, template_name: str, config: MkDocsConfig) -> str:
    # 404.html is a template, not a page
    return site_search.prepare(a11y.name_theme_widgets(output_content), {site_search.INDEXED: False})


def on_post_build(*, config: MkDocsConfig) -> None:
    indexing = site_search.start_index(config.site_dir)  # runs beside the generator's workers
    try:
        pattern_pages.copy_mermaid(config.site_dir)
        site = _current()
        pattern_pages.write_filter_text(site.catalog, config.site_dir)
        writer = _build.writer if _build is not None else None
        if writer is None:
            raise PluginError("hooks/main.py: expected on_config to have started the generator data")
        writer.finish(config.site_dir)
        _build.writer = None  # type: ignore[union-attr]
        site_dir = Path(config.site_dir)
        llms.write(site.catalog, site.roadmaps, site_dir, config.site_url or "/")
        site_search.finish_index(indexing, site_dir)
    except site_search.SearchIndexError as exc:
        raise PluginError(str(exc)) from None
    finally:
        if indexing.poll() is None:  # the build failed before the index was done
            indexing.kill()
            indexing.wait()
    (site_dir / "_headers").write_text(security.headers_file(site_dir), encoding="utf-8")


def on_build_error(*, error: Exception) -> None:
    if _build is not None and _build.writer is not None:  # stop the workers of a failed build
        _build.writer.close()
        _build.writer = None


def _current() -> Site:
    if _build is None:
        raise PluginError("hooks/main.py: expected on_config to have loaded roadmap_data")
    return _build.site
