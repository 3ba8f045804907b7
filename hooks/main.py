"""MkDocs hooks: the only hook module in mkdocs.yml, and the only module that imports MkDocs.

Thin glue. on_config loads and checks roadmap_data/ (pattern_roadmap.domain) and starts the
workers that write the generator's plans (postbuild.generator_data); the page events hand each page
to the renderers (pattern_roadmap.render: a pattern's metadata around its prose, and every
`<!-- generated: name -->` marker); on_post_build writes what the built site needs besides its pages:
mermaid, the plans, the search index and the security headers (pattern_roadmap.postbuild), and the
catalog filter's text and llms.txt (rendered from the data by pattern_pages and llms). Every data
problem stops the build with one line per problem (file, field, what was expected), no traceback.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemBytecodeCache
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink, get_toc

from pattern_roadmap.data.files import ROOT
from pattern_roadmap.data.problems import DataError
from pattern_roadmap.postbuild import a11y, assets, search, security
from pattern_roadmap.postbuild.generator_data import DataWriter
from pattern_roadmap.render import llms, markers, pages, pattern_pages, roadmap_pages
from pattern_roadmap.render.context import Site, load_site
from pattern_roadmap.render.page_cache import PageCache, stable

# What converts Markdown: a new version of any of these may convert differently (page_cache.py).
CONVERTERS = ("mkdocs", "mkdocs-material", "markdown", "pymdown-extensions", "pygments", "mkdocs-mermaid2-plugin")
TEMPLATES = FileSystemBytecodeCache(str(ROOT / ".cache" / "jinja"))  # compiled templates, keyed by their source


@dataclass
class Build:
    """One build's context: the checked data and its renderers (Site), the workers writing the
    generator's data, and the reuse of converted pages. Made in on_config, so a `mkdocs serve`
    rebuild never sees the last one's."""

    site: Site
    writer: DataWriter | None
    pages: PageCache | None = None  # made in on_files, once every file's address is known


_build: Build | None = None  # the build in progress (MkDocs hooks are module functions)


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _build
    if _build is not None and _build.writer is not None:
        _build.writer.close()  # a rebuild started before the last one finished
    _build = None
    try:
        site = load_site(_cached(config.theme.get_env()))
    except DataError as exc:
        raise PluginError("roadmap_data is invalid:\n" + str(exc)) from None
    # The generator's plans are written by worker processes while MkDocs renders the pages.
    _build = Build(site, DataWriter(site.planner))
    _build.writer.start()  # type: ignore[union-attr]
    return config


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    for path, content in roadmap_pages.generated_files(_current(), config.site_url or "/"):
        files.append(File.generated(config, path, content=content))
    context = [[f.src_uri, f.url] for f in sorted(files, key=lambda f: f.src_uri)]
    context += [[name, version(name)] for name in CONVERTERS]
    context += [config.markdown_extensions, config.mdx_configs, config.use_directory_urls, dict(config.validation)]
    _build.pages = PageCache(stable(context))  # type: ignore[union-attr]
    return files


def on_env(env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
    return _cached(env)


def on_nav(nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
    site = _current()
    roadmaps = _section(files, "roadmaps/index.md", "Roadmaps")
    for path in roadmap_pages.nav_pages(site):  # after the section's own pages
        _adopt(roadmaps, files, path)
    patterns = _section(files, "patterns/index.md", "Patterns")
    for title, paths in pattern_pages.nav_sections(site):  # one section per category
        category = Section(title, [])
        category.parent = patterns
        patterns.children.append(category)
        for path in paths:
            _adopt(category, files, path)
    nav.pages = _pages(nav.items)  # the order of previous/next links follows the new sections
    for before, after in zip(nav.pages, nav.pages[1:], strict=False):
        before.next_page, after.previous_page = after, before
    return nav


def on_pre_page(page: Page, *, config: MkDocsConfig, files: Files) -> Page:
    """Convert the page's Markdown only when what it is made from changed (render/page_cache.py)."""
    convert, cache = page.render, _build.pages if _build is not None else None
    if cache is not None:
        page.render = lambda config, files: _render(page, convert, cache, config, files)  # type: ignore[method-assign]
    return page


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    site = _current()
    search.take_over(page.meta)  # Pagefind indexes the site after the build
    pattern = pattern_pages.render_pattern(site, markdown, page)  # the metadata around a pattern's prose
    if pattern is not None:
        return pattern
    try:
        return markers.expand(markdown, page.file.src_uri, pages.MARKERS, site, page)
    except markers.MarkerError as exc:
        raise PluginError(str(exc)) from None


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    return a11y.label_task_items(html)


def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
    return search.prepare(a11y.name_theme_widgets(output), page.meta)


def on_post_template(output_content: str, *, template_name: str, config: MkDocsConfig) -> str:
    # 404.html is a template, not a page
    return search.prepare(a11y.name_theme_widgets(output_content), {search.INDEXED: False})


def on_post_build(*, config: MkDocsConfig) -> None:
    site_dir = Path(config.site_dir)
    indexing = search.start_index(config.site_dir)  # runs beside the generator's workers
    try:
        assets.copy_mermaid(config.site_dir)
        site = _current()
        pattern_pages.write_filter_text(site.catalog, config.site_dir)
        if _build is None or _build.writer is None:
            raise PluginError("hooks/main.py: expected on_config to have started the generator data")
        _build.writer.finish(config.site_dir)
        _build.writer = None
        if _build.pages is not None:
            _build.pages.prune()
        llms.write(site.catalog, site.roadmaps, site_dir, config.site_url or "/")
        search.finish_index(indexing, site_dir)
    except (search.SearchIndexError, assets.AssetError) as exc:
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


def _cached(env: Environment) -> Environment:
    Path(TEMPLATES.directory).mkdir(parents=True, exist_ok=True)
    env.bytecode_cache = TEMPLATES
    return env


def _render(page: Page, convert: Any, cache: PageCache, config: MkDocsConfig, files: Files) -> None:
    """What Page.render sets (MkDocs 1.6): reused from the cache, or converted and kept when the
    conversion logged nothing (a page that warned converts again, so its warnings are never lost)."""
    key = cache.key(page.markdown or "", page.file.src_uri, page.url)
    entry = cache.get(key) if key else None
    if entry is not None:
        page.content, page.toc = entry["content"], get_toc(entry["toc"])
        page._title_from_render = entry["title"]
        page.present_anchor_ids = set(entry["anchors"])
        links = entry["links"]
        page.links_to_anchors = None if links is None else {files.get_file_from_path(k): v for k, v in links.items()}
        return
    logged = _Logged()
    for logger in (logging.getLogger(), logging.getLogger("mkdocs")):
        logger.addHandler(logged)
    try:
        convert(config, files)
    finally:
        for logger in (logging.getLogger(), logging.getLogger("mkdocs")):
            logger.removeHandler(logged)
    if key is not None and not logged.any:
        links = page.links_to_anchors
        cache.put(key, {
            "content": page.content, "toc": [_token(a) for a in page.toc], "title": page._title_from_render,
            "anchors": sorted(page.present_anchor_ids or ()),
            "links": None if links is None else {f.src_uri: v for f, v in links.items()},
        })


def _token(link: AnchorLink) -> dict:
    return {"level": link.level, "id": link.id, "name": link.title, "children": [_token(c) for c in link.children]}


class _Logged(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.any = False

    def emit(self, record: logging.LogRecord) -> None:
        self.any = True


def _section(files: Files, index: str, title: str) -> Section:
    """The nav section that holds a given page (mkdocs.yml's nav must have it)."""
    file = files.get_file_from_path(index)
    section = file.page.parent if file and file.page else None
    if not isinstance(section, Section):
        raise PluginError(f"mkdocs.yml: field 'nav': expected a '{title}' section holding {index}")
    return section


def _adopt(section: Section, files: Files, path: str) -> None:
    file = files.get_file_from_path(path)
    assert file is not None and file.page is not None  # the loaders checked that each page exists
    file.page.parent = section
    section.children.append(file.page)


def _pages(items: list) -> list[Page]:
    found: list[Page] = []
    for item in items:
        if isinstance(item, Page):
            found.append(item)
        elif isinstance(item, Section):
            found.extend(_pages(item.children))
    return found
