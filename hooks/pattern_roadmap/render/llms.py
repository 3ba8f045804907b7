"""/llms.txt (the llmstxt.org format) and the Markdown of each pattern page, for AI assistants.

hooks/main.py calls write() after the build. Both come from the
same data as the pages: the catalog's YAML, the hand-written prose in docs/patterns/, the
pre-built roadmaps, and each page's own title and description. A pattern's Markdown lives at its
page's address with index.html.md appended (/patterns/saga/index.html.md), as llmstxt.org proposes.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urljoin

import yaml

from pattern_roadmap.data.files import DOCS_ROOT
from pattern_roadmap.domain.catalog import Catalog
from pattern_roadmap.domain.roadmaps import Roadmaps
from pattern_roadmap.schema.patterns import Pattern

DOCS = DOCS_ROOT
PAGE_LINK = re.compile(r"\]\((?!https?://|#)([a-z0-9-]+)\.md(#[^)]*)?\)")
MARKDOWN = "index.html.md"  # appended to a page's address


def page_meta(path: Path) -> tuple[str, str]:
    """A docs page's title (its H1) and description (its front matter)."""
    text = path.read_text(encoding="utf-8")
    meta = yaml.safe_load(text.split("---", 2)[1]) if text.startswith("---") else {}
    title = re.search(r"^# (.+)$", text, re.MULTILINE)
    return (title[1].strip() if title else path.stem), str((meta or {}).get("description", "")).strip()


def index(catalog: Catalog, roadmaps: Roadmaps, base: str) -> str:
    """/llms.txt: the site in one screen, with a link and a one-line summary for each page."""
    name, summary = page_meta(DOCS / "index.md")
    lines = [f"# {name}", "", f"> {summary}", ""]
    lines += [
        "Each pattern below links to the Markdown of its page: what it solves, how it works (with a",
        "diagram), a worked example, trade-offs, success metrics and who runs it in production, with",
        "sources. Figures in worked examples are illustrations; figures in production examples name",
        "their source and year.",
        "",
        "## Patterns",
        "",
    ]
    for p in sorted(catalog.patterns.values(), key=lambda p: p.name.lower()):
        lines.append(f"- [{p.name}]({urljoin(base, f'patterns/{p.id}/{MARKDOWN}')}): {p.summary}")
    lines += ["", "## Roadmaps", ""]
    for page in ("generator", "how-it-works", "implementation"):
        title, description = page_meta(DOCS / "roadmaps" / f"{page}.md")
        lines.append(f"- [{title}]({urljoin(base, f'roadmaps/{page}/')}): {description}")
    for r in roadmaps.roadmaps.values():
        lines.append(f"- [{r.name}]({urljoin(base, f'roadmaps/{r.id}/')}): {r.summary}")
    lines += ["", "## Guides", ""]
    for path in sorted((DOCS / "guides").glob("*.md")):
        if path.stem != "index":
            title, description = page_meta(path)
            lines.append(f"- [{title}]({urljoin(base, f'guides/{path.stem}/')}): {description}")
    return "\n".join(lines) + "\n"


def pattern_markdown(p: Pattern, prose: str, catalog: Catalog) -> str:
    """One pattern's page as Markdown: its YAML around its prose, links pointing at other patterns' Markdown."""
    names = lambda ids: ", ".join(f"[{catalog.get(q).name}](../{q}/{MARKDOWN})" for q in ids)  # noqa: E731
    out = [f"# {p.name}", "", f"> {p.summary}", ""]
    out += [f"Tier {p.tier.value}, {p.complexity.value} complexity, about {p.effort_weeks} weeks for one team.", ""]
    out += ["## Problem", "", p.problem, "", "## Solution", "", p.solution, ""]
    if p.prerequisites:
        out += [f"Adopt first: {names(p.prerequisites)}.", ""]
    out += ["## Use it when", "", *(f"- {x}" for x in p.when_to_use), ""]
    out += ["## Avoid it when", "", *(f"- {x}" for x in p.when_not_to_use), ""]
    out += [PAGE_LINK.sub(lambda m: f"](../{m[1]}/{MARKDOWN}{m[2] or ''})", prose.strip()), ""]
    out += ["## Trade-offs", "", "| It costs you | It buys you |", "|---|---|"]
    out += [f"| {t.cost} | {t.buys} |" for t in p.trade_offs] + [""]
    out += ["## Success metrics", "", *(f"- {m}" for m in p.metrics), ""]
    if p.related:
        out += ["## Related patterns", "", names(p.related), ""]
    operators = [e for e in p.examples if e.kind == "operator"]
    out += ["## In production", ""]
    out += [f"- {e.company}: {e.what} [{e.source.title}]({e.source.url})" for e in operators]
    if p.no_public_operator:
        out.append(p.no_public_operator)
    reading = [e for e in p.examples if e not in operators]
    if reading:
        out += ["", "## Further reading", ""]
        out += [f"- {e.company}: {e.what} [{e.source.title}]({e.source.url})" for e in reading]
    return "\n".join(out) + "\n"


def write(catalog: Catalog, roadmaps: Roadmaps, site_dir: Path, base: str) -> None:
    (site_dir / "llms.txt").write_text(index(catalog, roadmaps, base), encoding="utf-8")
    for p in catalog.patterns.values():
        prose = (DOCS / "patterns" / f"{p.id}.md").read_text(encoding="utf-8")
        target = site_dir / "patterns" / p.id / MARKDOWN
        target.write_text(pattern_markdown(p, prose, catalog), encoding="utf-8")
