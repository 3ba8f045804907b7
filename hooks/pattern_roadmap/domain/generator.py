"""Load and cross-check the generator's form and rules against the pattern catalog.

Problems are reported like the catalog's: one line each,
naming the file, the field and what was expected.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum
from functools import cached_property
from pathlib import Path

from pattern_roadmap.data.files import DATA_ROOT, load_records, rel
from pattern_roadmap.data.problems import DataError, Problem, no_such_pattern, phases_in_a_row
from pattern_roadmap.domain.catalog import Catalog
from pattern_roadmap.schema.generator import Form, FormField, Rules
from pattern_roadmap.schema.vocabulary import Challenge, Goal, Layer, Scale, SystemType, TeamSize, Tier

# The URL parameter of each form field, and the vocabulary its options must use.
FIELDS: dict[str, type[StrEnum] | None] = {
    "system": SystemType,
    "scale": Scale,
    "team": TeamSize,
    "challenges": Challenge,
    "goal": Goal,
    "timeline": None,  # its values are the keys of rules.yml `timelines`
}
SELECTS = tuple(param for param in FIELDS if param != "challenges")  # the one-choice fields, in form order


@dataclass(frozen=True)
class Generator:
    form: Form
    rules: Rules

    def field(self, param: str) -> FormField:
        return next(f for f in self.form.fields if f.param == param)

    def values(self, param: str) -> list[str]:
        return [o.value for o in self.field(param).options]

    def label(self, param: str, value: str) -> str:
        """An option's label in form.yml: the one wording of every form value a reader sees."""
        return self.labels[param, value]

    @cached_property
    def labels(self) -> dict[tuple[str, str], str]:
        return {(f.param, o.value): o.label for f in self.form.fields for o in f.options}


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


def _incomplete(file: str, field: str, table: object, vocab: type[StrEnum]) -> Problem | None:
    """A table keyed by a vocabulary must have an entry for each of its values."""
    missing = [v.value for v in vocab if v not in table]  # type: ignore[operator]
    return Problem(file, field, f"expected an entry for every value (missing {missing})") if missing else None


def _rules_problems(rules: Rules, catalog: Catalog, path: Path) -> list[Problem]:
    file = rel(path)
    problems: list[Problem] = []

    tables = (
        ("weights.tier", rules.weights.tier, Tier),
        ("team_capacity", rules.team_capacity, TeamSize),
        ("baselines.scales", rules.baselines.scales, Scale),
        ("baselines.system_types", rules.baselines.system_types, SystemType),
    )
    problems += [x for field, table, vocab in tables if (x := _incomplete(file, field, table, vocab))]
    for team, capacity in rules.team_capacity.items():
        if not 1 <= capacity <= 10:
            problems.append(Problem(file, f"team_capacity.{team.value}", "expected 1 to 10 parallel steps"))
    for group, table in (("scales", rules.baselines.scales), ("system_types", rules.baselines.system_types)):
        for key, ids in table.items():
            for index, pid in enumerate(ids):
                if pid not in catalog.patterns:
                    where = f"baselines.{group}.{key.value}.{index}"
                    problems.append(no_such_pattern(file, where, pid))
    for index, rule in enumerate(rules.avoid):
        if rule.pattern not in catalog.patterns:
            problems.append(
                no_such_pattern(file, f"avoid.{index}.pattern", rule.pattern)
            )
        for spot, pid in enumerate(rule.instead):
            if pid not in catalog.patterns or pid == rule.pattern:
                problems.append(
                    Problem(file, f"avoid.{index}.instead.{spot}", f"expected another pattern's existing id ('{pid}')")
                )
    problems += _model_problems(rules, catalog, file)
    for key, timeline in rules.timelines.items():
        found, last = phases_in_a_row(timeline.phases, file, f"timelines.{key}.phases")
        problems += found
        if last != timeline.weeks:
            problems.append(
                Problem(file, f"timelines.{key}.phases", f"expected phases to end at week {timeline.weeks}")
            )
    return problems


def _model_problems(rules: Rules, catalog: Catalog, file: str) -> list[Problem]:
    """The maturity model: foundation, recommend rules, groups, covers and the budget."""
    problems: list[Problem] = []
    patterns = catalog.patterns

    def plannable(where: str, pid: str, system: SystemType | None = None, scale: Scale | None = None) -> None:
        p = patterns.get(pid)
        if p is None:
            problems.append(no_such_pattern(file, where, pid))
        elif p.layer == Layer.datastore:
            problems.append(Problem(file, where, f"expected a pattern a team adopts ('{pid}' is a datastore internal)"))
        elif system is not None and system not in p.fits.system_types:
            problems.append(Problem(file, where, f"expected a pattern that fits {system.value} systems ('{pid}')"))
        elif scale is not None and scale not in p.fits.scales:
            problems.append(Problem(file, where, f"expected a pattern that fits the {scale.value} scale ('{pid}')"))

    f = rules.foundation
    tables = (
        ("foundation.scales", f.scales, Scale),
        ("foundation.extended", f.extended, Scale),
        ("foundation.system_types", f.system_types, SystemType),
    )
    problems += [x for field, table, vocab in tables if (x := _incomplete(file, field, table, vocab))]
    if sorted(f.why_first) != sorted(f.first):
        expected = f"expected one sentence for each of foundation.first ({', '.join(f.first)}), and no other"
        problems.append(Problem(file, "foundation.why_first", expected))
    for where, pid, fit in _planned_ids(rules):
        plannable(where, pid, **fit)
    seen: dict[str, str] = {}
    for index, group in enumerate(rules.groups):
        if group.id in {g.id for g in rules.groups[:index]}:
            problems.append(Problem(file, f"groups.{index}.id", f"expected a unique group id ('{group.id}' repeats)"))
        for spot, pid in enumerate(group.patterns):
            plannable(f"groups.{index}.patterns.{spot}", pid)
            if pid in seen:
                where = f"groups.{index}.patterns.{spot}"
                expected = f"expected each pattern in one group ('{pid}' is in '{seen[pid]}')"
                problems.append(Problem(file, where, expected))
            seen.setdefault(pid, group.id)
    for challenge, ids in rules.best_fits.items():
        for index, pid in enumerate(ids):
            where = f"best_fits.{challenge.value}.{index}"
            plannable(where, pid)
            if pid in patterns and challenge not in patterns[pid].answers.challenges:
                expected = f"expected a pattern that answers '{challenge.value}' ('{pid}' has no sentence for it)"
                problems.append(Problem(file, where, expected))
    for index, pid in enumerate(rules.situational):
        if pid not in patterns:
            problems.append(no_such_pattern(file, f"situational.{index}", pid))
    for challenge, ids in rules.stores.items():
        for index, pid in enumerate(ids):
            if patterns.get(pid) is None or patterns[pid].layer != Layer.datastore:
                where = f"stores.{challenge.value}.{index}"
                problems.append(Problem(file, where, f"expected a datastore internal's id ('{pid}')"))
    for index, pid in enumerate(rules.recommend_only):
        plannable(f"recommend_only.{index}", pid)
        if pid not in {r.pattern for r in rules.recommend}:
            expected = f"expected a pattern that a recommend rule names (got '{pid}')"
            problems.append(Problem(file, f"recommend_only.{index}", expected))
    b = rules.budget
    tables = (
        ("budget.structural_in_flight", b.structural_in_flight, TeamSize),
        ("budget.new_per_quarter", b.new_per_quarter, TeamSize),
        ("budget.scale_factor", b.scale_factor, Scale),
        ("budget.structural_factor", b.structural_factor, Scale),
    )
    problems += [x for field, table, vocab in tables if (x := _incomplete(file, field, table, vocab))]
    for name, table in (("scale_factor", b.scale_factor), ("structural_factor", b.structural_factor)):
        for scale, factor in table.items():
            if not 0.1 <= factor <= 5:
                problems.append(Problem(file, f"budget.{name}.{scale.value}", "expected a factor from 0.1 to 5"))
    for index, pid in enumerate(b.splitting):
        if pid not in b.structural:
            problems.append(Problem(file, f"budget.splitting.{index}", f"expected a structural pattern (got '{pid}')"))
    return problems


def _planned_ids(rules: Rules) -> Iterator[tuple[str, str, dict]]:
    """Every pattern id in rules.yml that the engine may plan: (its field, the id, the fit it must
    have there). Each must name a pattern a team adopts, that fits where it is listed."""
    f, b = rules.foundation, rules.budget

    def each(field: str, ids: list[str], **fit: object) -> Iterator[tuple[str, str, dict]]:
        return ((f"{field}.{index}", pid, fit) for index, pid in enumerate(ids))

    yield from each("foundation.first", f.first)
    for k, ids in f.scales.items():
        yield from each(f"foundation.scales.{k.value}", ids, scale=k)
    for k, ids in f.extended.items():
        yield from each(f"foundation.extended.{k.value}", ids, scale=k)
    for k, ids in f.assumed.items():
        yield from each(f"foundation.assumed.{k.value}", ids)
    for k, ids in f.checks.items():
        yield from each(f"foundation.checks.{k.value}", ids, scale=k)
    for k, ids in f.system_types.items():
        yield from each(f"foundation.system_types.{k.value}", ids, system=k)
    for k, provided in f.provided.items():
        yield from each(f"foundation.provided.{k.value}.patterns", provided.patterns)
    yield from ((f"recommend.{index}.pattern", rule.pattern, {}) for index, rule in enumerate(rules.recommend))
    for goal, ids in rules.first_moves.items():
        yield from each(f"first_moves.{goal.value}", ids)
    yield from each("adds_cost", rules.adds_cost)
    yield from each("simplifying", rules.simplifying)
    for first, then in rules.companions.items():
        yield f"companions.{first}", first, {}
        yield from each(f"companions.{first}", then)
    for index, cover in enumerate(rules.covers):
        yield f"covers.{index}.pattern", cover.pattern, {}
        yield from each(f"covers.{index}.covers", cover.covers)
    yield from each("budget.structural", b.structural)
    yield from each("budget.structural_after", b.structural_after)
    for tester, nets in b.tests_nets.items():
        yield f"budget.tests_nets.{tester}", tester, {}
        yield from each(f"budget.tests_nets.{tester}", nets)


def load_generator(catalog: Catalog, data_dir: Path = DATA_ROOT) -> Generator:
    folder = data_dir / "generator"
    records = load_records(folder, {"form": Form, "rules": Rules})
    form, rules = records["form"], records["rules"]
    assert isinstance(form, Form) and isinstance(rules, Rules)
    problems = _rules_problems(rules, catalog, folder / "rules.yml") + _form_problems(form, rules, folder / "form.yml")
    if problems:
        raise DataError(problems)
    return Generator(form=form, rules=rules)
