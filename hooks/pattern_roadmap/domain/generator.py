"""Load and cross-check the generator's form and rules against the pattern catalog.

Problems are reported like the catalog's: one line each,
naming the file, the field and what was expected.
"""

from __future__ import annotations

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
        (Scale, f.scales, "scales"),
        (Scale, f.extended, "extended"),
        (SystemType, f.system_types, "system_types"),
    )
    for vocab, table, name in tables:
        missing = [v.value for v in vocab if v not in table]  # type: ignore[operator]
        if missing:
            expected = f"expected an entry for every value (missing {missing})"
            problems.append(Problem(file, f"foundation.{name}", expected))
    for index, pid in enumerate(f.first):
        plannable(f"foundation.first.{index}", pid)
    if sorted(f.why_first) != sorted(f.first):
        expected = f"expected one sentence for each of foundation.first ({', '.join(f.first)}), and no other"
        problems.append(Problem(file, "foundation.why_first", expected))
    for scale, ids in f.scales.items():
        for index, pid in enumerate(ids):
            plannable(f"foundation.scales.{scale.value}.{index}", pid, scale=scale)
    for scale, ids in f.extended.items():
        for index, pid in enumerate(ids):
            plannable(f"foundation.extended.{scale.value}.{index}", pid, scale=scale)
    for scale, ids in f.assumed.items():
        for index, pid in enumerate(ids):
            plannable(f"foundation.assumed.{scale.value}.{index}", pid)
    for scale, ids in f.checks.items():
        for index, pid in enumerate(ids):
            plannable(f"foundation.checks.{scale.value}.{index}", pid, scale=scale)
    for system, ids in f.system_types.items():
        for index, pid in enumerate(ids):
            plannable(f"foundation.system_types.{system.value}.{index}", pid, system=system)
    for system, provided in f.provided.items():
        for index, pid in enumerate(provided.patterns):
            plannable(f"foundation.provided.{system.value}.patterns.{index}", pid)
    for index, rule in enumerate(rules.recommend):
        plannable(f"recommend.{index}.pattern", rule.pattern)
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
    for goal, ids in rules.first_moves.items():
        for index, pid in enumerate(ids):
            plannable(f"first_moves.{goal.value}.{index}", pid)
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
    for index, pid in enumerate(rules.adds_cost):
        plannable(f"adds_cost.{index}", pid)
    for index, pid in enumerate(rules.simplifying):
        plannable(f"simplifying.{index}", pid)
    for index, pid in enumerate(rules.recommend_only):
        plannable(f"recommend_only.{index}", pid)
        if pid not in {r.pattern for r in rules.recommend}:
            expected = f"expected a pattern that a recommend rule names (got '{pid}')"
            problems.append(Problem(file, f"recommend_only.{index}", expected))
    for first, then in rules.companions.items():
        plannable(f"companions.{first}", first)
        for index, pid in enumerate(then):
            plannable(f"companions.{first}.{index}", pid)
    for index, cover in enumerate(rules.covers):
        plannable(f"covers.{index}.pattern", cover.pattern)
        for spot, pid in enumerate(cover.covers):
            plannable(f"covers.{index}.covers.{spot}", pid)
    b = rules.budget
    for name, table in (("structural_in_flight", b.structural_in_flight), ("new_per_quarter", b.new_per_quarter)):
        missing = [t.value for t in TeamSize if t not in table]
        if missing:
            problems.append(Problem(file, f"budget.{name}", f"expected an entry for every value (missing {missing})"))
    for name, table in (("scale_factor", b.scale_factor), ("structural_factor", b.structural_factor)):
        missing = [v.value for v in Scale if v not in table]
        if missing:
            problems.append(Problem(file, f"budget.{name}", f"expected an entry for every value (missing {missing})"))
        for scale, factor in table.items():
            if not 0.1 <= factor <= 5:
                problems.append(Problem(file, f"budget.{name}.{scale.value}", "expected a factor from 0.1 to 5"))
    for index, pid in enumerate(b.structural):
        plannable(f"budget.structural.{index}", pid)
    for index, pid in enumerate(b.structural_after):
        plannable(f"budget.structural_after.{index}", pid)
    for tester, nets in b.tests_nets.items():
        plannable(f"budget.tests_nets.{tester}", tester)
        for index, pid in enumerate(nets):
            plannable(f"budget.tests_nets.{tester}.{index}", pid)
    for index, pid in enumerate(b.splitting):
        if pid not in b.structural:
            problems.append(Problem(file, f"budget.splitting.{index}", f"expected a structural pattern (got '{pid}')"))
    return problems


def load_generator(catalog: Catalog, data_dir: Path = DATA_ROOT) -> Generator:
    folder = data_dir / "generator"
    records = load_records(folder, {"form": Form, "rules": Rules})
    form, rules = records["form"], records["rules"]
    assert isinstance(form, Form) and isinstance(rules, Rules)
    problems = _rules_problems(rules, catalog, folder / "rules.yml") + _form_problems(form, rules, folder / "form.yml")
    if problems:
        raise DataError(problems)
    return Generator(form=form, rules=rules)
