"""Claims on the built pages: who runs each pattern, sources cited once, and the index for assistants."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from pattern_roadmap.domain.catalog import Catalog, load_catalog
from support.sitebuild import BuiltSite

LINK = re.compile(r'href="(https?://[^"]+)"')


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog()


def article(path: Path) -> str:
    html = path.read_text(encoding="utf-8")
    return html[html.find("<article") : html.find("</article>")]


def section(html: str, heading_id: str) -> str:
    start = html.find(f'id="{heading_id}"')
    return html[start : html.find("<h2", start + 1)] if start >= 0 else ""


def test_every_cited_url_appears_once_on_its_page(built_site: BuiltSite) -> None:
    repeated = {}
    for path in sorted(built_site.root.rglob("*.html")):
        counts = Counter(url.rstrip("/") for url in LINK.findall(article(path)))
        twice = {url: n for url, n in counts.items() if n > 1}
        if twice:
            repeated[path.relative_to(built_site.root).as_posix()] = twice
    assert repeated == {}


def test_each_pattern_page_names_who_runs_it_or_says_nobody_has_said(
    built_site: BuiltSite, catalog: Catalog
) -> None:
    for p in catalog.patterns.values():
        html = article(built_site.root / "patterns" / p.id / "index.html")
        production = section(html, "in-production")
        operators = [e for e in p.examples if e.kind == "operator"]
        for e in operators:
            assert e.company.replace("&", "&amp;") in production, (p.id, e.company)
        if not operators:
            assert p.no_public_operator and p.no_public_operator[:40] in production, p.id
        readings = [e for e in p.examples if e.kind == "reading"]
        further = section(html, "further-reading")
        assert bool(readings) == bool(further), p.id
        for e in readings:  # a description of the pattern is never shown as a production use
            assert str(e.source.url).rstrip("/") not in production, (p.id, e.source.url)


def test_llms_txt_lists_every_pattern_guide_and_roadmap(built_site: BuiltSite, catalog: Catalog) -> None:
    text = (built_site.root / "llms.txt").read_text(encoding="utf-8")
    lines = text.splitlines()
    assert lines[0] == "# Pattern Roadmap" and lines[2].startswith("> ")  # the llmstxt.org shape
    assert [x for x in lines if x.startswith("## ")] == ["## Patterns", "## Roadmaps", "## Guides"]
    entries = {m[2]: m[3] for m in re.finditer(r"^- \[(.+?)\]\((\S+?)\): (.+)$", text, re.MULTILINE)}
    for p in catalog.patterns.values():
        url = f"{built_site.url}patterns/{p.id}/index.html.md"
        assert entries.get(url) == p.summary, p.id
    for guide in sorted((Path(__file__).parents[2] / "docs" / "guides").glob("*.md")):
        if guide.stem != "index":
            assert f"{built_site.url}guides/{guide.stem}/" in entries, guide.stem
    for target in entries:  # every entry leads to a built file
        path = urlsplit(target).path.lstrip("/")
        assert (built_site.root / path).is_file() or (built_site.root / path / "index.html").is_file(), target


def test_each_pattern_has_its_markdown_for_assistants(built_site: BuiltSite, catalog: Catalog) -> None:
    for p in catalog.patterns.values():
        md = (built_site.root / "patterns" / p.id / "index.html.md").read_text(encoding="utf-8")
        assert md.startswith(f"# {p.name}\n\n> {p.summary}\n")
        assert "## How it works" in md and "```mermaid" in md and "## In production" in md
        for target in re.findall(r"\]\(\.\./([a-z0-9-]+)/index\.html\.md", md):
            assert target in catalog.patterns, (p.id, target)  # links between patterns' Markdown resolve
        assert "<" not in md.split("```")[0].replace("<10K", ""), p.id  # no HTML before the prose
