"""The guides' data (roadmap_data/guides/*.yml): loading, and cross-checks against the catalog and
the generator's rules (render/diagrams.py draws the guides' mermaid sources).

Every check names the file, the field and what was expected.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from pattern_roadmap.data.files import DATA_ROOT, load_records, rel
from pattern_roadmap.data.problems import DataError, Problem, no_such_pattern
from pattern_roadmap.domain.catalog import Catalog
from pattern_roadmap.domain.generator import Generator
from pattern_roadmap.schema.guides import Choosing, Learning, Wizard
from pattern_roadmap.schema.vocabulary import Scale, Tier

FILES = {"wizard": Wizard, "learning": Learning, "choosing": Choosing}
SCALES = list(Scale)


@dataclass(frozen=True)
class Guides:
    wizard: Wizard
    learning: Learning
    choosing: Choosing


def load_guides(catalog: Catalog, generator: Generator, data_dir: Path = DATA_ROOT) -> Guides:
    folder = data_dir / "guides"
    records = load_records(folder, FILES)
    guides = Guides(**records)  # type: ignore[arg-type]
    checks = Checks(catalog)
    checks.wizard(guides.wizard, rel(folder / "wizard.yml"))
    checks.learning(guides.learning, rel(folder / "learning.yml"))
    checks.choosing(guides.choosing, rel(folder / "choosing.yml"))
    if checks.problems:
        raise DataError(checks.problems)
    return guides


class Checks:
    """Cross-checks that a schema cannot express; each appends Problems."""

    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog
        self.problems: list[Problem] = []
        self.file = ""

    def fail(self, field: str, expected: str) -> None:
        self.problems.append(Problem(self.file, field, expected))

    def ids(self, field: str, values: Iterable[str | None]) -> None:
        seen: set[str] = set()
        for index, pid in enumerate(values):
            if pid is None:
                continue
            if pid not in self.catalog.patterns:
                self.problems.append(no_such_pattern(self.file, f"{field}.{index}", pid))
            elif pid in seen:
                self.fail(f"{field}.{index}", f"expected each pattern once (repeated: '{pid}')")
            seen.add(pid)

    def unique(self, field: str, values: list[str]) -> None:
        dupes = sorted({v for v in values if values.count(v) > 1})
        if dupes:
            self.fail(field, f"expected unique ids (repeated: {dupes})")

    def ordered(self, field: str, sequence: list[str]) -> None:
        """Within a sequence, every pattern comes after the prerequisites it shares the sequence with."""
        known = [p for p in sequence if p in self.catalog.patterns]
        for index, pid in enumerate(known):
            late = [q for q in known[index + 1 :] if q in self.catalog.requires(pid)]
            if late:
                self.fail(field, f"expected {late} before '{pid}' (its prerequisites come first)")

    # -- the three files ---------------------------------------------------------------------

    def wizard(self, wizard: Wizard, file: str) -> None:
        self.file = file
        self.unique("domains", [d.id for d in wizard.domains])
        for d_index, domain in enumerate(wizard.domains):
            where = f"domains.{d_index}"
            self.unique(f"{where}.question.answers", [a.id for a in domain.question.answers])
            for a_index, answer in enumerate(domain.question.answers):
                stack = [p.pattern for p in answer.stack]
                self.ids(f"{where}.question.answers.{a_index}.stack", stack)
                self.ordered(f"{where}.question.answers.{a_index}.stack", stack)
            self.ids(f"{where}.avoid", [p.pattern for p in domain.avoid])
            recommended = {p.pattern for a in domain.question.answers for p in a.stack}
            for index, pick in enumerate(domain.avoid):
                if pick.pattern in recommended:
                    self.fail(f"{where}.avoid.{index}", f"expected '{pick.pattern}' not to be recommended too")

    def learning(self, learning: Learning, file: str) -> None:
        self.file = file
        self.unique("groups", [g.id for g in learning.groups])
        self.unique("paths", [p.id for p in learning.paths])
        self.unique("tracks", [t.id for t in learning.tracks])
        group_of: dict[str, int] = {}
        for g_index, group in enumerate(learning.groups):
            self.ids(f"groups.{g_index}.patterns", group.patterns)
            for pid in group.patterns:
                if pid in group_of:
                    self.fail(f"groups.{g_index}.patterns", f"expected '{pid}' in one group only")
                group_of.setdefault(pid, g_index)
            for q_index, question in enumerate(group.quiz):
                self.ids(f"groups.{g_index}.quiz.{q_index}.patterns", question.patterns)
                if question.answer >= len(question.choices):
                    self.fail(f"groups.{g_index}.quiz.{q_index}.answer", f"expected 0-{len(question.choices) - 1}")
        self.ordered("groups", [pid for group in learning.groups for pid in group.patterns])
        for index, dep in enumerate(learning.dependencies):
            where = f"dependencies.{index}"
            self.ids(where, [dep.before, dep.after])
            if dep.before not in group_of or dep.after not in group_of:
                self.fail(where, "expected both patterns to be in a group")
                continue
            if group_of[dep.before] >= group_of[dep.after]:
                self.fail(where, f"expected '{dep.before}' in an earlier group than '{dep.after}'")
            if dep.kind == "prerequisite" and dep.before not in self.catalog.requires(dep.after):
                self.fail(f"{where}.kind", f"expected '{dep.before}' among the prerequisites of '{dep.after}'")
            if dep.kind == "complement" and not self.related(dep.before, dep.after):
                self.fail(f"{where}.kind", f"expected '{dep.before}' and '{dep.after}' to name each other as related")
        paths = {p.id for p in learning.paths}
        for index, path in enumerate(learning.paths):
            self.ids(f"paths.{index}.patterns", path.patterns)
            self.ordered(f"paths.{index}.patterns", path.patterns)
        for index, track in enumerate(learning.tracks):
            self.ids(f"tracks.{index}.patterns", track.patterns)
            self.ordered(f"tracks.{index}.patterns", track.patterns)
            if track.after not in paths:
                self.fail(f"tracks.{index}.after", f"expected one of the paths {sorted(paths)}")

    def related(self, a: str, b: str) -> bool:
        return b in self.catalog.get(a).related or a in self.catalog.get(b).related

    def choosing(self, choosing: Choosing, file: str) -> None:
        self.file = file
        if [n.scale for n in choosing.navigator] != SCALES:
            self.fail("navigator", f"expected the scales in order: {[s.value for s in SCALES]}")
        for s_index, entry in enumerate(choosing.navigator):
            for b_index, branch in enumerate(entry.branches):
                where = f"navigator.{s_index}.branches.{b_index}.patterns"
                self.ids(where, branch.patterns)
                for pid in branch.patterns:
                    if pid in self.catalog.patterns and entry.scale not in self.catalog.get(pid).fits.scales:
                        self.fail(where, f"expected patterns that pay off at {entry.scale.value} scale (not '{pid}')")
        for index, row in enumerate(choosing.emergency):
            self.ids(f"emergency.{index}.immediate_patterns", row.immediate_patterns)
            self.ids(f"emergency.{index}.long_term", row.long_term)
        if [m.id for m in choosing.maturity] != ["essential", "mature", "growing", "emerging"]:
            self.fail("maturity", "expected the stages essential, mature, growing, emerging in that order")
        self.ids("maturity", [pid for m in choosing.maturity for pid in m.patterns])
        for index, stage in enumerate(choosing.maturity):
            for pid in stage.patterns:
                if pid not in self.catalog.patterns:
                    continue
                tier = self.catalog.get(pid).tier
                if tier is Tier.bronze or (stage.id in ("essential", "mature") and tier is not Tier.gold):
                    self.fail(f"maturity.{index}.patterns", f"expected gold patterns at this stage (not '{pid}')")
        for index, combo in enumerate(choosing.combinations):
            self.ids(f"combinations.{index}.patterns", combo.patterns)
            known = [p for p in combo.patterns if p in self.catalog.patterns]
            for pid in known:
                if not any(
                    self.related(pid, o) or pid in self.catalog.requires(o) or o in self.catalog.requires(pid)
                    for o in known
                    if o != pid
                ):
                    self.fail(f"combinations.{index}.patterns", f"expected '{pid}' linked to another pattern here")
        for index, anti in enumerate(choosing.anti_patterns):
            self.ids(f"anti_patterns.{index}.instead", anti.instead)
            self.ids(f"anti_patterns.{index}.pattern", [anti.pattern])


def growth_stages(generator: Generator) -> list[tuple[Scale, list[str], list[str]]]:
    """Per scale: the generator's baseline patterns that are new at this scale, and those carried over."""
    stages, before = [], []
    for scale in SCALES:
        baseline = generator.rules.baselines.scales[scale]
        stages.append((scale, [p for p in baseline if p not in before], [p for p in baseline if p in before]))
        before = baseline
    return stages
