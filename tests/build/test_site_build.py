"""The real site, built once with `mkdocs build --strict`."""

from __future__ import annotations

import hashlib
import json
import re
from html import escape
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from pattern_roadmap.domain.catalog import load_catalog
from pattern_roadmap.domain.generator import load_generator
from pattern_roadmap.domain.prose import PLACEHOLDERS
from support.dataset import PATTERN_IDS, lazy
from support.sitebuild import ROOT, BuiltSite, parse, search_fragments

CATALOG = lazy(load_catalog)
GENERATOR = lazy(load_generator, CATALOG)


def html_pages(site: BuiltSite) -> list[Path]:
    return sorted(site.root.rglob("*.html"))


def test_build_is_strict_and_has_zero_warnings(built_site: BuiltSite) -> None:
    assert "WARNING" not in built_site.log
    assert "ERROR" not in built_site.log


@pytest.mark.parametrize("pattern_id", PATTERN_IDS)
def test_every_pattern_has_its_page(built_site: BuiltSite, pattern_id: str) -> None:
    page = built_site.root / "patterns" / pattern_id / "index.html"
    assert page.is_file()
    html = page.read_text(encoding="utf-8")
    pattern = CATALOG.get(pattern_id)
    title = re.escape(escape(pattern.name, quote=False))
    assert re.search(rf'<h1 id="[a-z0-9-]+">{title}<a class="headerlink"', html), "no title"
    # The hook rendered the metadata around the prose.
    for heading in ("Problem", "Solution", "When to use it", "How it works", "Trade-offs", "In production"):
        assert re.search(rf"<h2[^>]*>{re.escape(heading)}", html), heading
    for example in pattern.examples:
        assert str(example.source.url) in html
    assert f'<meta name="description" content="{pattern.summary[:40]}' in html.replace("&#39;", "'")


def test_prerequisite_and_dependent_links_are_rendered(built_site: BuiltSite) -> None:
    for pattern in CATALOG.patterns.values():
        html = (built_site.root / "patterns" / pattern.id / "index.html").read_text(encoding="utf-8")
        for prerequisite in pattern.prerequisites:
            assert f'href="../{prerequisite}/"' in html, (pattern.id, prerequisite)
        for dependent in CATALOG.dependents(pattern.id):
            assert f'href="../{dependent}/"' in html, (pattern.id, dependent)


def test_related_patterns_list_each_kind_on_its_own_line_and_each_neighbour_once(built_site: BuiltSite) -> None:
    for pattern in CATALOG.patterns.values():
        html = (built_site.root / "patterns" / pattern.id / "index.html").read_text(encoding="utf-8")
        section = html.split('id="related-patterns"', 1)[1].split("<h2", 1)[0]
        items = re.findall(r"<li>(.*?)</li>", section, re.S)
        kinds = [re.findall(r"<strong>([^<]+)</strong>", item) for item in items]
        assert all(len(found) == 1 for found in kinds), (pattern.id, kinds)  # never run together
        linked = re.findall(r'href="\.\./([a-z0-9-]+)/"', section)
        assert len(linked) == len(set(linked)), (pattern.id, linked)


def test_catalog_index_lists_every_pattern_by_category(built_site: BuiltSite) -> None:
    html = (built_site.root / "patterns" / "index.html").read_text(encoding="utf-8")
    for pattern in CATALOG.patterns.values():
        assert f'href="{pattern.id}/"' in html, pattern.id
    categories = {p.category.value for p in CATALOG.patterns.values()}
    for category in categories:
        assert f'id="{category}"' in html


def test_no_placeholder_text_in_any_page(built_site: BuiltSite) -> None:
    offenders = []
    for page in html_pages(built_site):
        text = re.sub(r"<script.*?</script>", "", page.read_text(encoding="utf-8"), flags=re.DOTALL)
        if match := PLACEHOLDERS.search(text):
            offenders.append(f"{page.relative_to(built_site.root)}: {match.group(0)!r}")
    assert offenders == []


def test_no_page_loads_anything_from_another_host(built_site: BuiltSite) -> None:
    offenders = []
    for page in html_pages(built_site):
        for url in parse(page.read_text(encoding="utf-8")).loads:
            parts = urlsplit(url)
            own = parts.netloc == f"127.0.0.1:{built_site.port}"
            if parts.scheme not in ("", "data", "http") or (parts.netloc and not own):
                offenders.append(f"{page.relative_to(built_site.root)}: {url}")
    assert offenders == []


def test_mermaid_is_served_from_our_origin(built_site: BuiltSite) -> None:
    served = built_site.root / "assets" / "vendor" / "mermaid"
    installed = ROOT / "node_modules" / "mermaid" / "dist"
    chunks = sorted((installed / "chunks" / "mermaid.esm.min").glob("*.mjs"))
    assert len(chunks) > 20
    for source in [installed / "mermaid.esm.min.mjs", *chunks]:
        copy = served / source.relative_to(installed)
        assert hashlib.sha256(copy.read_bytes()).digest() == hashlib.sha256(source.read_bytes()).digest()
    assert not list(served.rglob("*.map"))
    loader = (built_site.root / "assets" / "javascripts" / "mermaid-loader.js").read_text(encoding="utf-8")
    assert "../vendor/mermaid/mermaid.esm.min.mjs" in loader
    assert "https://" not in loader
    page = (built_site.root / "patterns" / "circuit-breaker" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<pre\s+class="mermaid"><code>', page)
    assert "assets/javascripts/mermaid-loader.js" in page


def test_theme_loads_no_web_fonts(built_site: BuiltSite) -> None:
    index = (built_site.root / "index.html").read_text(encoding="utf-8")
    assert "fonts.googleapis" not in index and "fonts.gstatic" not in index


HOSTILE = '<img src=x onerror="alert(1)"> & <script>alert(2)</script> | cell'


def test_data_values_render_as_text_not_html() -> None:
    """Markup in a record's fields reaches the reader as text: the pattern template's macros and
    the site's own Markdown extensions (from mkdocs.yml), on a pattern whose fields hold markup."""
    import markdown
    from mkdocs.config import load_config

    from pattern_roadmap.render.context import labels, text

    config = load_config(str(ROOT / "mkdocs.yml"))
    env = config.theme.get_env()
    env.filters["text"] = text
    env.trim_blocks = env.lstrip_blocks = True
    saga = CATALOG.get("saga")
    alias = saga.aliases[0].model_copy(update={"name": HOSTILE}) if saga.aliases else None
    hostile = saga.model_copy(update={
        "name": HOSTILE, "summary": HOSTILE, "problem": HOSTILE, "solution": HOSTILE,
        "aliases": [alias] if alias else [], "when_to_use": [HOSTILE],
    })
    source = env.get_template("hooks/pattern.html").module.header(hostile, labels(GENERATOR), prerequisites=[])
    page = markdown.markdown(source, extensions=config.markdown_extensions, extension_configs=config.mdx_configs)
    assert "<img" not in page and "<script" not in page
    assert page.count("&lt;img src=x onerror=") >= 5  # title, summary, alias, problem, solution, uses
    assert "&lt;script&gt;alert(2)&lt;/script&gt;" in page


def test_tags_index_lists_categories_and_tiers(built_site: BuiltSite) -> None:
    html = (built_site.root / "tags" / "index.html").read_text(encoding="utf-8")
    assert "Gold tier" in html and "Resilience" in html


def test_search_indexes_every_sentence_of_a_pattern_page_and_no_lists_of_patterns(built_site: BuiltSite) -> None:
    """Pagefind's index holds each page's prose (how it works, worked example and pitfalls too),
    and none of what only repeats other pages: the catalog's table, the tags page, the lists of
    neighbouring patterns, diagram sources."""
    pages = search_fragments(built_site.root)
    saga = " ".join(pages["/patterns/saga/"]["content"].split())
    prose = (ROOT / "docs" / "patterns" / "saga.md").read_text(encoding="utf-8")
    sentences = [" ".join(s.split()) for s in re.findall(r"^[A-Z][^`*\[\]|#(\n]{40,}?\.(?= |$)", prose, re.M)]
    assert len(sentences) >= 5, sentences
    assert [s for s in sentences if s not in saga] == []
    assert "flowchart" not in saga and "Builds on this" not in saga
    assert {f"/patterns/{pid}/" for pid in CATALOG.patterns} <= set(pages)
    assert "/tags/" not in pages  # its front matter leaves it out of search
    catalog = pages["/patterns/"]
    assert catalog["meta"]["title"] == "Pattern catalog"
    named = [p.name for p in CATALOG.patterns.values() if p.name in catalog["content"]]
    assert len(named) <= 3, named  # the table is not indexed; the introduction may name one or two
    material = json.loads((built_site.root / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert material["docs"] == []  # Material's own index is empty: Pagefind answers its search box
    assert not list((built_site.root / "pagefind").glob("pagefind-*ui*"))  # only what the worker loads


def test_every_page_hands_its_search_box_to_our_worker(built_site: BuiltSite) -> None:
    for page in built_site.root.rglob("*.html"):
        config = re.search(r'"search": "([^"]+)"', page.read_text(encoding="utf-8"))
        assert config and config[1].endswith("assets/javascripts/search-worker.js"), page
