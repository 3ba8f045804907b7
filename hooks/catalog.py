"""Load and validate roadmap_data/ into typed records.

Pure Python (no mkdocs import). Every problem becomes one `Problem` line that
names the file, the field and what was expected; `load_catalog` collects all of
them and raises `DataError`, so one run shows every mistake and nothing is
half-built.

    python hooks/catalog.py                 # validate, print one line per problem
    python hooks/catalog.py --export-schema # write roadmap_data/schema/*.schema.json
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import claims
import yaml
from generator_models import Form, Rules
from models import Pattern
from pydantic import BaseModel, ValidationError

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "roadmap_data"
PROSE_DIR = ROOT / "docs" / "patterns"
# Pages in docs/patterns/ that are about the catalog, not one pattern (so they have no YAML).
CATALOG_PAGES = frozenset({"index", "aliases", "maps"})

# ---------------------------------------------------------------------------
# Errors
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Problem:
    file: str
    field: str
    expected: str
    consequence: bool = False  # fails only because another file could not load: listed after the causes

    def __str__(self) -> str:
        where = f"field '{self.field}'" if self.field else "file"
        return f"{self.file}: {where}: {self.expected}"


def no_such_pattern(file: str, field: str, pid: str, consequence: bool = False) -> Problem:
    """The one wording for a reference to a pattern that does not exist."""
    return Problem(file, field, f"expected an existing pattern id (no '{pid}.yml')", consequence)


class DataError(Exception):
    """One or more problems in the data; str() is one line per problem."""

    def __init__(self, problems: Iterable[Problem]):
        self.problems = sorted(set(problems), key=lambda p: (p.consequence, p.file, p.field, p.expected))
        super().__init__("\n".join(str(p) for p in self.problems))


# ---------------------------------------------------------------------------
# YAML reading
# ---------------------------------------------------------------------------


class _UniqueKeyLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # libyaml when present
    """SafeLoader that rejects a mapping key given twice (PyYAML keeps the last)."""


def _construct_mapping(loader: _UniqueKeyLoader, node: yaml.MappingNode, deep: bool = False) -> dict:
    seen: set[Any] = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=deep)
        if key in seen:
            raise yaml.constructor.ConstructorError(None, None, f"duplicate key '{key}'", key_node.start_mark)
        seen.add(key)
    return loader.construct_mapping(node, deep=deep)


_UniqueKeyLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def rel(path: Path) -> str:
    try:
        return path.resolve().relative_to(ROOT).as_posix()
    except ValueError:
        return path.as_posix()


def read_yaml(path: Path) -> Any:
    """Parse one YAML file; syntax errors become a DataError with the line."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise DataError([Problem(rel(path), "", f"expected UTF-8 text ({exc.reason})")]) from None
    try:
        return yaml.load(text, Loader=_UniqueKeyLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = f"line {mark.line + 1}" if mark else "YAML"
        reason = exc.problem or exc.context or "invalid YAML"
        raise DataError([Problem(rel(path), line, f"expected valid YAML ({reason})")]) from None


def _describe(error: dict) -> str:
    kind, msg, value = error["type"], error["msg"], error.get("input")
    if kind == "missing":
        return "expected this required field"
    if kind == "extra_forbidden":
        return "unknown field; expected one of the schema's fields (see roadmap_data/schema/)"
    shown = repr(value) if not isinstance(value, (dict, list)) else type(value).__name__
    if len(shown) > 60:
        shown = shown[:57] + "..."
    return f"expected {msg[0].lower()}{msg[1:]} (got {shown})"


def validate(model: type[BaseModel], data: Any, path: Path) -> tuple[BaseModel | None, list[Problem]]:
    if not isinstance(data, dict):
        return None, [Problem(rel(path), "", f"expected a mapping at the top level (got {type(data).__name__})")]
    try:
        return model.model_validate(data), []
    except ValidationError as exc:
        problems = [
            Problem(rel(path), ".".join(str(p) for p in err["loc"]) or "(root)", _describe(err)) for err in exc.errors()
        ]
        return None, problems


def load_record(model: type[BaseModel], path: Path) -> tuple[BaseModel | None, list[Problem]]:
    """Read and validate one YAML file: the record (or None) and every problem found in it."""
    try:
        return validate(model, read_yaml(path), path)
    except DataError as exc:
        return None, list(exc.problems)


def load_records(folder: Path, models: dict[str, type[BaseModel]]) -> dict[str, BaseModel]:
    """Read and validate `<folder>/<name>.yml` for each named model; raise every problem at once."""
    records: dict[str, BaseModel] = {}
    problems: list[Problem] = []
    for name, model in models.items():
        path = folder / f"{name}.yml"
        if not path.is_file():
            problems.append(Problem(rel(path), "", "expected this file"))
            continue
        record, found = load_record(model, path)
        problems.extend(found)
        if record is not None:
            records[name] = record
    if problems:
        raise DataError(problems)
    return records


# ---------------------------------------------------------------------------
# Catalog
# ---------------------------------------------------------------------------


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
        if record.id != path.stem:
            problems.append(Problem(rel(path), "id", f"expected '{path.stem}' to match the file name"))
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


def load_catalog(data_dir: Path = DATA_DIR, prose_dir: Path | None = PROSE_DIR) -> Catalog:
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


# ---------------------------------------------------------------------------
# Schema export (for editors: yaml-language-server reads these)
# ---------------------------------------------------------------------------


def schemas() -> dict[str, type[BaseModel]]:
    from guide_models import Choosing, Learning, Wizard
    from roadmaps import Priorities, Roadmap  # roadmaps.py imports this module

    return {
        "pattern": Pattern,
        "form": Form,
        "rules": Rules,
        "roadmap": Roadmap,
        "priorities": Priorities,
        "wizard": Wizard,
        "learning": Learning,
        "choosing": Choosing,
    }


def export_schemas(out_dir: Path = DATA_DIR / "schema") -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name, model in schemas().items():
        path = out_dir / f"{name}.schema.json"
        text = json.dumps(model.model_json_schema(), indent=2, sort_keys=True) + "\n"
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


def main(argv: list[str]) -> int:
    if "--export-schema" in argv:
        for path in export_schemas():
            print(f"wrote {rel(path)}")
        return 0
    from generator_rules import load_generator  # imports this module, so only here

    try:
        catalog = load_catalog()
        generator = load_generator(catalog)
    except DataError as exc:
        print(str(exc), file=sys.stderr)
        return 1
    print(f"ok: {len(catalog.patterns)} patterns, {len(generator.form.fields)} form fields, rules")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
