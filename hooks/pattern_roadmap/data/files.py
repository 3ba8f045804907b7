"""Where the project's files are, and reading one YAML file into a validated record.

A YAML syntax error, a key given twice, text that is not UTF-8 and every schema violation become
Problems (file, field, what was expected); nothing here raises a traceback at the reader.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from pattern_roadmap.data.problems import DataError, Problem

ROOT = Path(__file__).resolve().parents[3]  # the project: hooks/pattern_roadmap/data/ is three below
DATA_ROOT = ROOT / "roadmap_data"
DOCS_ROOT = ROOT / "docs"


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
