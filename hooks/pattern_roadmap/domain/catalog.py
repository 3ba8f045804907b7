"""The catalog: every pattern record, checked, and the graph of their prerequisites.

`load_catalog` reads roadmap_data/patterns/*.yml, checks every reference between patterns (no
missing id, no cycle), that each pattern has its prose page in docs/patterns/ and the reverse, and
the figures its record and worked example state (claims.py); it raises one DataError listing all
problems.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from pattern_roadmap.data.files import DATA_ROOT, DOCS_ROOT, read_yaml, rel, validate
from pattern_roadmap.data.problems import DataError, Problem, id_matches_file, no_such_pattern
from pattern_roadmap.domain import claims
from pattern_roadmap.schema.patterns import Category, Pattern

PROSE_DIR = DOCS_ROOT / "patterns"
# Pages in docs/patterns/ that are about the catalog, not one pattern (so they have no YAML).
CATALOG_PAGES = frozenset({"index", "aliases", "maps"})


@dataclass(frozen=True)
class Catalog:
    patterns: dict[str, Pattern]
    _requires: dict[str, tuple[str, ...]] = field(default_factory=dict, repr=False, compare=False)
    _dependents: dict[str, list[str]] = field(default_factory=dict, repr=False, compare=False)

    def get(self, pattern_id: str) -> Pattern:
        return self.patterns[pattern_id]

    def dependents(self, pattern_id: str) -> list[str]:
        """The patterns that list this one as a prerequisite (indexed once, on first use)."""
        if not self._dependents:
            for p in self.patterns.values():
                for q in p.prerequisites:
                    self._dependents.setdefault(q, []).append(p.id)
        return sorted(self._dependents.get(pattern_id, []))

    def requires(self, pattern_id: str) -> tuple[str, ...]:
        """Every prerequisite of a pattern, directly or not, each listed after its own prerequisites."""
        if pattern_id not in self._requires:
            seen: list[str] = []

            def visit(node: str) -> None:
                for q in self.patterns[node].prerequisites:
                    if q not in seen:
                        visit(q)
                        seen.append(q)

            visit(pattern_id)
            self._requires[pattern_id] = tuple(seen)
        return self._requires[pattern_id]


def _reference_problems(
    patterns: dict[str, Pattern], files: dict[str, Path], broken: dict[str, Path] | None = None
) -> list[Problem]:
    """Problems with the links between patterns. A reference to a pattern whose own file could not
    load (`broken`) is not a problem of its own: one line per such file says how many fail."""
    problems: list[Problem] = []
    waiting: dict[str, int] = {}
    broken = broken or {}
    for pid, pattern in patterns.items():
        for key in ("prerequisites", "related"):
            values: list[str] = getattr(pattern, key)
            for index, ref in enumerate(values):
                where = f"{key}.{index}"
                if ref == pid:
                    problems.append(Problem(rel(files[pid]), where, "expected another pattern's id, not its own"))
                elif ref in broken:
                    waiting[ref] = waiting.get(ref, 0) + 1
                elif ref not in patterns:
                    problems.append(no_such_pattern(rel(files[pid]), where, ref))
            dupes = sorted({v for v in values if values.count(v) > 1})
            if dupes:
                problems.append(Problem(rel(files[pid]), key, f"expected each id once (repeated: {dupes})"))
    for ref, count in sorted(waiting.items()):
        what = f"{count} reference{'s' if count > 1 else ''} to '{ref}' fail{'' if count > 1 else 's'} until it loads"
        problems.append(Problem(rel(broken[ref]), "", what + " (fix the problems above)", consequence=True))
    return problems + _cycle_problems(patterns, files)


def _cycle_problems(patterns: dict[str, Pattern], files: dict[str, Path]) -> list[Problem]:
    """Depth-first search for cycles in the prerequisite graph; one problem per cycle found."""
    state: dict[str, int] = {}  # 1 = on the stack, 2 = done
    problems: list[Problem] = []

    def visit(node: str, stack: list[str]) -> None:
        state[node] = 1
        stack.append(node)
        for nxt in patterns[node].prerequisites:
            if nxt not in patterns or nxt == node:
                continue
            if state.get(nxt) == 1:
                cycle = [*stack[stack.index(nxt) :], nxt]
                problems.append(
                    Problem(
                        rel(files[node]),
                        "prerequisites",
                        "expected no cycle of prerequisites (found " + " -> ".join(cycle) + ")",
                    )
                )
            elif nxt not in state:
                visit(nxt, stack)
        stack.pop()
        state[node] = 2

    for pid in sorted(patterns):
        if pid not in state:
            visit(pid, [])
    return problems


def load_patterns(data_dir: Path) -> tuple[dict[str, Pattern], dict[str, Path], list[Problem]]:
    patterns: dict[str, Pattern] = {}
    files: dict[str, Path] = {}
    problems: list[Problem] = []
    folder = data_dir / "patterns"
    paths = sorted(folder.glob("*.yml")) + sorted(folder.glob("*.yaml"))
    if not paths:
        problems.append(Problem(rel(folder), "", "expected at least one <id>.yml pattern file"))
    for path in paths:
        if path.suffix == ".yaml":
            problems.append(Problem(rel(path), "", "expected the extension .yml"))
            continue
        try:
            raw = read_yaml(path)
        except DataError as exc:
            problems.extend(exc.problems)
            continue
        record, found = validate(Pattern, raw, path)
        problems.extend(found)
        if record is None:
            continue
        assert isinstance(record, Pattern)
        mismatch = id_matches_file(record.id, path.stem, rel(path))
        if mismatch is not None:
            problems.append(mismatch)
            continue
        patterns[record.id] = record
        files[record.id] = path
    return patterns, files, problems


def prose_problems(patterns: Iterable[str], data_dir: Path, prose_dir: Path) -> list[Problem]:
    """Every pattern needs both its YAML and its hand-written Markdown, and vice versa."""
    ids = set(patterns)
    problems = [
        Problem(rel(prose_dir / f"{pid}.md"), "", f"expected the prose page for {rel(data_dir)}/patterns/{pid}.yml")
        for pid in sorted(ids)
        if not (prose_dir / f"{pid}.md").is_file()
    ]
    for md in sorted(prose_dir.glob("*.md")):
        if (
            md.stem not in CATALOG_PAGES
            and md.stem not in ids
            and not (data_dir / "patterns" / f"{md.stem}.yml").exists()
        ):
            problems.append(Problem(rel(md), "", f"expected the metadata file {rel(data_dir)}/patterns/{md.stem}.yml"))
    return problems


def load_catalog(data_dir: Path = DATA_ROOT, prose_dir: Path | None = PROSE_DIR) -> Catalog:
    """Load every record, check references and prose; raise DataError listing all problems."""
    patterns, files, problems = load_patterns(data_dir)
    broken = {path.stem: path for path in sorted((data_dir / "patterns").glob("*.yml")) if path.stem not in patterns}
    problems += _reference_problems(patterns, files, broken)
    if prose_dir is not None:
        problems += prose_problems(patterns, data_dir, prose_dir)
    for pid, pattern in patterns.items():
        page = prose_dir / f"{pid}.md" if prose_dir is not None else None
        markdown = page.read_text(encoding="utf-8") if page is not None and page.is_file() else None
        for where, expected in claims.pattern_problems(pattern, markdown):
            in_prose = where.startswith("## ")  # the worked example, in the prose page
            problems.append(Problem(rel(page) if in_prose and page else rel(files[pid]), where, expected))
    if problems:
        raise DataError(problems)
    return Catalog(patterns=dict(sorted(patterns.items())))


def group_by_category(patterns: Iterable[Pattern]) -> list[tuple[Category, list[Pattern]]]:
    """The patterns per category, in the categories' order, each group sorted by name."""
    groups: dict[Category, list[Pattern]] = defaultdict(list)
    for pattern in patterns:
        groups[pattern.category].append(pattern)
    return [(c, sorted(groups[c], key=lambda p: p.name.lower())) for c in Category if groups[c]]
