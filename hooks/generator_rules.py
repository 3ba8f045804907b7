"""Load and cross-check the generator's form and rules against the pattern catalog.

Pure Python (no mkdocs import). Problems are reported like catalog.py's: one line each,
naming the file, the field and what was expected.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from catalog import DATA_DIR, Catalog, DataError, Problem, load_records, rel
from generator_models import Form, FormField, Rules
from models import Challenge, Goal, Scale, SystemType, TeamSize, Tier

# The URL parameter of each form field, and the vocabulary its options must use.
FIELDS: dict[str, type[StrEnum] | None] = {
    "system": SystemType,
    "scale": Scale,
    "team": TeamSize,
    "challenges": Challenge,
    "goal": Goal,
    "timeline": None,  # its values are the keys of rules.yml `timelines`
}


@dataclass(frozen=True)
class Generator:
    form: Form
    rules: Rules

    def field(self, param: str) -> FormField:
        return next(f for f in self.form.fields if f.param == param)

    def values(self, param: str) -> list[str]:
        return [o.value for o in self.field(param).options]

    def label(self, param: str, value: str) -> str:
        return next(o.label for o in self.field(param).options if o.value == value)


def _form_problems(form: Form, rules: Rules, path: Path) -> list[Problem]:
    file = rel(path)
    problems: list[Problem] = []
    params = [f.param for f in form.fields]
    if sorted(params) != sorted(FIELDS):
        problems.append(Problem(file, "fields", f"expected exactly the params {sorted(FIELDS)} (got {params})"))
    for index, field in enumerate(form.fields):
        where = f"fields.{index}"
        values = [o.value for o in field.options]
        vocab = FIELDS.get(field.param)
        expected = [v.value for v in vocab] if vocab else list(rules.timelines)
        if vocab is not None and sorted(values) != sorted(expected):
            problems.append(Problem(file, f"{where}.options", f"expected the values {expected} (got {values})"))
        if vocab is None and field.param == "timeline" and values != expected:
            problems.append(
                Problem(file, f"{where}.options", f"expected the timelines of rules.yml in order: {expected}")
            )
        if field.multiple != (field.param == "challenges"):
            problems.append(Problem(file, f"{where}.multiple", "expected checkboxes only for 'challenges'"))
        if not field.multiple and field.default not in values:
            problems.append(Problem(file, f"{where}.default", f"expected one of {values}"))
        if len(set(values)) != len(values):
            problems.append(Problem(file, f"{where}.options", "expected each value once"))
    return problems


def _rules_problems(rules: Rules, catalog: Catalog, path: Path) -> list[Problem]:
    file = rel(path)
    problems: list[Problem] = []

    def need_all(field: str, keys: object, vocab: type[StrEnum]) -> None:
        missing = [v.value for v in vocab if v not in keys]  # type: ignore[operator]
        if missing:
            problems.append(Problem(file, field, f"expected an entry for every value (missing {missing})"))

    need_all("weights.tier", rules.weights.tier, Tier)
    need_all("team_capacity", rules.team_capacity, TeamSize)
    need_all("baselines.scales", rules.baselines.scales, Scale)
    need_all("baselines.system_types", rules.baselines.system_types, SystemType)
    for team, capacity in rules.team_capacity.items():
        if not 1 <= capacity <= 10:
            problems.append(Problem(file, f"team_capacity.{team.value}", "expected 1 to 10 parallel steps"))
    for group, table in (("scales", rules.baselines.scales), ("system_types", rules.baselines.system_types)):
        for key, ids in table.items():
            for index, pid in enumerate(ids):
                if pid not in catalog.patterns:
                    where = f"baselines.{group}.{key.value}.{index}"
                    problems.append(Problem(file, where, f"expected an existing pattern id (no '{pid}.yml')"))
    for index, rule in enumerate(rules.avoid):
        if rule.pattern not in catalog.patterns:
            problems.append(
                Problem(file, f"avoid.{index}.pattern", f"expected an existing pattern id (no '{rule.pattern}.yml')")
            )
        for spot, pid in enumerate(rule.instead):
            if pid not in catalog.patterns or pid == rule.pattern:
                problems.append(
                    Problem(file, f"avoid.{index}.instead.{spot}", f"expected another pattern's existing id ('{pid}')")
                )
    for key, timeline in rules.timelines.items():
        week = 1
        for index, phase in enumerate(timeline.phases):
            if phase.start != week or phase.end < phase.start:
                problems.append(
                    Problem(
                        file,
                        f"timelines.{key}.phases.{index}",
                        f"expected weeks {week}-N, right after the previous phase (got {phase.start}-{phase.end})",
                    )
                )
            week = phase.end + 1
        if week - 1 != timeline.weeks:
            problems.append(
                Problem(file, f"timelines.{key}.phases", f"expected phases to end at week {timeline.weeks}")
            )
    return problems


def load_generator(catalog: Catalog, data_dir: Path = DATA_DIR) -> Generator:
    folder = data_dir / "generator"
    records = load_records(folder, {"form": Form, "rules": Rules})
    form, rules = records["form"], records["rules"]
    assert isinstance(form, Form) and isinstance(rules, Rules)
    problems = _rules_problems(rules, catalog, folder / "rules.yml") + _form_problems(form, rules, folder / "form.yml")
    if problems:
        raise DataError(problems)
    return Generator(form=form, rules=rules)
