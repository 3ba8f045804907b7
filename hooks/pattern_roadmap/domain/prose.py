"""Quality checks for hand-written pattern prose (docs/patterns/<id>.md).

The build tests and authors use the same code (`python hooks/cli.py prose`).
"""

from __future__ import annotations

import ast
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from pattern_roadmap.data.files import rel

MIN_WORDS = 600
REQUIRED_SECTIONS = ("## How it works", "## Worked example", "## Pitfalls")

# Template filler from the seeds and the usual suspects; none of it may reach the site.
PLACEHOLDERS = re.compile(
    r"\[Pattern explanation|Key principle \d|See Implementation Example|Lorem ipsum|"
    r"A\[Input\] --> B\[Process\]|\bTODO\b|\bTBD\b|\bFIXME\b|Component \d\b|coming soon|"
    r"üé|ğŸ|â€|\[\.\.\.\]|\[…\]",
    re.IGNORECASE,
)

FENCE = re.compile(
    r"^(?P<indent>[ \t]*)(?P<fence>```+|~~~+)[ \t]*(?P<lang>[\w+-]*)[^\n]*\n(?P<body>.*?)^(?P=indent)(?P=fence)[ \t]*$",
    re.MULTILINE | re.DOTALL,
)


@dataclass
class Block:
    lang: str
    body: str
    line: int


@dataclass
class Report:
    page: str
    words: int = 0
    diagrams: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def code_blocks(markdown: str) -> list[Block]:
    return [
        Block(m["lang"].lower(), m["body"], markdown.count("\n", 0, m.start()) + 1)
        for m in FENCE.finditer(markdown)
    ]


def prose_only(markdown: str) -> str:
    """The Markdown with fenced blocks, HTML comments and link targets removed."""
    text = FENCE.sub(" ", markdown)
    text = re.sub(r"<!--.*?-->", " ", text, flags=re.DOTALL)
    text = re.sub(r"\]\([^)]*\)", "]", text)
    return text


def word_count(markdown: str) -> int:
    return len(re.findall(r"[A-Za-z0-9][A-Za-z0-9'\u2019-]*", prose_only(markdown)))


def normalise_diagram(body: str) -> str:
    return re.sub(r"\s+", " ", body).strip()


def shingles(markdown: str, size: int = 8) -> set[tuple[str, ...]]:
    words = re.findall(r"[a-z0-9']+", prose_only(markdown).lower())
    return {tuple(words[i : i + size]) for i in range(len(words) - size + 1)}


def check_blocks(blocks: list[Block]) -> list[str]:
    problems = []
    for block in blocks:
        where = f"code block at line {block.line}"
        if block.lang in ("python", "py"):
            try:
                ast.parse(block.body)
            except SyntaxError as exc:
                problems.append(f"{where}: expected Python that parses ({exc.msg}, block line {exc.lineno})")
        elif block.lang in ("yaml", "yml"):
            try:
                list(yaml.safe_load_all(block.body))
            except yaml.YAMLError as exc:
                problems.append(f"{where}: expected YAML that loads ({str(exc).splitlines()[0]})")
        elif block.lang == "mermaid" and (tag := re.search(r"<[A-Za-z/!]", block.body)):
            # The fence emits the source unescaped inside <pre>; a tag-like "<x" would be eaten as HTML.
            problems.append(f"{where}: expected no HTML-like '{tag.group(0)}' in a diagram (write it out in words)")
        elif block.lang == "json":
            try:
                json.loads(block.body)
            except json.JSONDecodeError as exc:
                problems.append(f"{where}: expected JSON that loads ({exc.msg})")
    return problems


def check_page(path: Path) -> Report:
    markdown = path.read_text(encoding="utf-8")
    report = Report(page=rel(path))
    blocks = code_blocks(markdown)
    report.words = word_count(markdown)
    report.diagrams = [normalise_diagram(b.body) for b in blocks if b.lang == "mermaid"]
    if report.words < MIN_WORDS:
        report.problems.append(f"expected at least {MIN_WORDS} words of prose (found {report.words})")
    if not report.diagrams:
        report.problems.append("expected a ```mermaid diagram of this pattern")
    for heading in REQUIRED_SECTIONS:
        if not re.search(rf"^{re.escape(heading)}\s*$", markdown, re.MULTILINE):
            report.problems.append(f"expected a section '{heading}'")
    if re.search(r"^# ", prose_only(markdown), re.MULTILINE):
        report.problems.append("expected no H1: the page title comes from the pattern's YAML name")
    for match in PLACEHOLDERS.finditer(markdown):
        line = markdown.count("\n", 0, match.start()) + 1
        report.problems.append(f"line {line}: placeholder text '{match.group(0)}'")
    report.problems += check_blocks(blocks)
    return report


def overlaps(page: Path, others: list[Path]) -> list[tuple[float, str]]:
    """Share of the smaller page's 8-word shingles found in each other page, highest first."""
    mine = shingles(page.read_text(encoding="utf-8"))
    found = []
    for other in others:
        if other == page:
            continue
        theirs = shingles(other.read_text(encoding="utf-8"))
        found.append((len(mine & theirs) / (min(len(mine), len(theirs)) or 1), other.stem))
    return sorted(found, reverse=True)
