"""The words of a plan: how each step helps (the pattern's own sentences) and why it comes now.

The engine calls these while it plans, so the command-line
planner, the pre-generated data and the page all show the same strings. Labels come from
form.yml and names from the catalog; rule reasons from rules.yml.
"""

from __future__ import annotations

from functools import lru_cache
from typing import NamedTuple

from pattern_roadmap.engine import phases as plan_phases
from pattern_roadmap.engine.facts import Facts
from pattern_roadmap.engine.plan import Answers, Avoided, ExclusionKind, PlanPhase, Reason, ReasonKind, Step


class Placed(NamedTuple):
    """What the notes read of one plan as placed."""

    foundation: frozenset[str]  # the foundation's patterns at this scale and system type
    assumed: tuple[str, ...]  # what a system at this scale normally runs already
    missed: tuple[str, ...]  # foundation moves that did not fit
    continues: tuple[str, ...]  # long changes that run past the timeline
    budget: int
    weeks: int


def phase_title(number: int, name: str, start: int, end: int, period: str = "Phase") -> str:
    """'Phase 2: Safe change (weeks 5-12)': a phase's title wherever a plan or roadmap is shown."""
    return f"{period} {number}: {name} (weeks {start}-{end})"


def join(items: list[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


RELEVANCE = Reason(ReasonKind.relevance, "Next by relevance to your answers, paced to leave room for feature work.")


class PlanWords:
    def __init__(self, facts: Facts):
        catalog, generator = facts.catalog, facts.generator
        self.facts, self.catalog, self.generator, self.rules = facts, catalog, generator, generator.rules
        self.scales = generator.values("scale")
        # Texts repeat across plans: make each once.
        cached = ("_how", "prerequisite", "foundation_first", "foundation_scale", "foundation_system", "_stores")
        cached += ("_check",)
        self._checks = {scale.value: set(ids) for scale, ids in generator.rules.foundation.checks.items()}
        for name in (*cached, "_avoided", "companion", "_paced", "_relevance"):
            setattr(self, name, lru_cache(maxsize=None)(getattr(self, name)))

    def label(self, param: str, value: str) -> str:
        return self.generator.label(param, value)

    def names(self, pids) -> str:
        return join([self.catalog.get(p).name for p in pids])

    # -- how a step helps: the pattern's own sentences -----------------------------

    def how(self, pid: str, a: Answers, placed_for: str = "") -> tuple[Reason, ...]:
        return self._how(pid, a.challenges, a.goal, placed_for)

    def _how(self, pid: str, challenges: tuple[str, ...], goal: str, placed_for: str) -> tuple[Reason, ...]:
        """How the step helps this reader, in the pattern's own sentences: for the ticked challenge it
        was placed for (then also for the primary goal), else for the goal, else for the first ticked
        challenge it answers, so a step reads as advice rather than a tag list."""
        p = self.catalog.get(pid)
        said = {c.value: why for c, why in p.answers.challenges.items()}
        goals = {g.value: why for g, why in p.answers.goals.items()}
        reasons = [Reason(ReasonKind.challenge, said[placed_for])] if placed_for in said else []
        if goal in goals:
            reasons.append(Reason(ReasonKind.goal, goals[goal]))
        if not reasons:
            reasons = [Reason(ReasonKind.challenge, said[c]) for c in challenges if c in said][:1]
        if not reasons:  # neither: how it helps in general, in its own words (its first sentence)
            reasons = [Reason(ReasonKind.summary, [*goals.values(), *said.values(), p.summary][0])]
        return tuple(reasons)

    # -- why it comes now ---------------------------------------------------------

    def foundation_first(self, pid: str, a: Answers) -> Reason:
        if pid in self._checks.get(a.scale, ()):
            return self._check(a.scale)
        return Reason(ReasonKind.foundation, self.rules.foundation.why_first[pid])

    def _check(self, scale: str) -> Reason:
        label = self.label("scale", scale)
        return Reason(
            ReasonKind.foundation,
            f"Foundation check: a system at {label} normally has this already, so this is a week to confirm it "
            "covers every part of the system and to close the gaps, before goal-specific work.",
        )

    def safety_net(self, pid: str) -> Reason:
        if pid in self.rules.budget.tests_nets:
            text = f"In place before {self.names([pid])}, whose experiments check that it works."
        else:
            text = f"A safety net to have before {self.names([pid])}, a structural change."
        return Reason(ReasonKind.prerequisite, text)

    def companion(self, pid: str) -> Reason:
        return Reason(ReasonKind.prerequisite, f"Belongs with {self.names([pid])}, so it follows it at once.")

    def foundation_scale(self, a: Answers, pid: str = "") -> Reason:
        if pid in self._checks.get(a.scale, ()):
            return self._check(a.scale)
        scale = self.label("scale", a.scale)
        text = f"Foundation for a system at {scale}: part of the base every later step relies on."
        return Reason(ReasonKind.foundation, text)

    def foundation_system(self, a: Answers) -> Reason:
        system = self.label("system", a.system)
        text = f"Foundation for a {system} system: part of the base every later step relies on."
        return Reason(ReasonKind.foundation, text)

    def recommend(self, index: int) -> Reason:
        return Reason(ReasonKind.recommend, self.rules.recommend[index].reason)

    def first_move(self, a: Answers) -> Reason:
        return Reason(ReasonKind.first_move, f"The first move on your primary goal, {self.label('goal', a.goal)}.")

    def best_fit(self, challenge: str) -> Reason:
        label = self.label("challenges", challenge)
        return Reason(ReasonKind.best_fit, f'The best fit in the catalog for "{label}", which you ticked.')

    def relevance(self, pid: str, a: Answers) -> Reason:
        """Why a step placed by relevance comes now: the strongest signal that put it in this plan
        (a ticked challenge it answers, the goal, a baseline of the scale or system type), and the pace."""
        return self._relevance(pid, a.challenges, a.goal, a.scale, a.system)

    def _relevance(self, pid: str, challenges: tuple[str, ...], goal: str, scale: str, system: str) -> Reason:
        p, baselines = self.catalog.get(pid), self.rules.baselines
        ticked = next((c for c in challenges if c in p.answers.challenges), None)
        if ticked is not None:
            signal = f'it also answers "{self.label("challenges", ticked)}", which you ticked'
        elif goal in p.answers.goals:
            signal = f"it serves your goal, {self.label('goal', goal)}"
        elif pid in baselines.scales.get(scale, ()) or pid in baselines.system_types.get(system, ()):  # type: ignore[call-overload]
            signal = "a baseline for systems like yours"
        else:
            return RELEVANCE
        return self._paced(signal)

    def _paced(self, signal: str) -> Reason:
        return Reason(ReasonKind.relevance, f"Next, paced to leave room for feature work: {signal}.")

    def prerequisite(self, needed_by: list[str] | tuple[str, ...]) -> Reason:
        return Reason(ReasonKind.prerequisite, f"Needed first by {self.names(needed_by)}, later in this plan.")

    # -- what is left out ---------------------------------------------------------

    def avoided(self, pid: str, exclusion: tuple[ExclusionKind, int], a: Answers) -> str:
        return self._avoided(pid, exclusion, a.scale, a.team)

    def _avoided(self, pid: str, exclusion: tuple[ExclusionKind, int], scale: str, team: str) -> str:
        kind, index = exclusion
        p = self.catalog.get(pid)
        if kind == ExclusionKind.rule:
            return self.rules.avoid[index].reason
        if kind == ExclusionKind.team:
            minimum, yours = self.label("team", p.min_team.value), self.label("team", team)
            return f"It needs at least a {minimum} team to run well; yours is {yours}."
        scales = join([self.label("scale", s.value) for s in p.fits.scales])
        return f"It pays off at {scales}; you are at {self.label('scale', scale)}."

    def stores(self, a: Answers) -> list[str]:
        """Datastore internals to look for, for the ticked challenges that touch them (at most four)."""
        return self._stores(a.challenges, a.system, a.scale)

    def _stores(self, challenges: tuple[str, ...], system: str, scale: str) -> list[str]:
        found: list[str] = []
        for challenge, ids in self.rules.stores.items():
            if challenge.value in challenges:
                for pid in ids:
                    fits = self.catalog.get(pid).fits
                    suits = system in {t.value for t in fits.system_types} and scale in {s.value for s in fits.scales}
                    if suits and pid not in found:
                        found.append(pid)
        return found[:4]

    # -- notes ----------------------------------------------------------------------

    def notes(
        self,
        a: Answers,
        placed: Placed,
        steps: list[Step],
        phases: list[PlanPhase],
        later: list[str],
        avoid: list[Avoided],
        effort: int,
    ) -> list[str]:
        notes = []
        provided = self.rules.foundation.provided.get(a.system)  # type: ignore[call-overload]
        if provided:
            notes.append(provided.reason)
        planned = {s.pattern for s in steps}
        # A cover's note, when it is planned and none of its duties is planned beside it (except a
        # foundation step, which comes before it).
        base = placed.foundation
        notes += [c.reason for c in self.rules.covers if c.pattern in planned and planned & {*c.covers} <= base]
        if placed.assumed:
            scale = self.label("scale", a.scale)
            notes.append(
                f"A system at {scale} normally runs {self.names(placed.assumed)} already, so this plan assumes them; "
                "confirm yours does, and plan them first if not."
            )
        dropped = [pid for pid in placed.missed if pid in placed.foundation]
        if dropped:
            verb = "does" if len(dropped) == 1 else "do"
            when = self.label("timeline", a.timeline)
            notes.append(
                f"{self.names(dropped)}, part of the foundation, {verb} not fit in {when} with your team: "
                "plan them first in the next period, or check that you have them already."
            )
        if placed.continues:
            verb = "continues" if len(placed.continues) == 1 else "continue"
            rest = "after this timeline: plan the rest of the change next."
            notes.append(f"{self.names(placed.continues)} {verb} {rest}")
        avoided = [x.pattern for x in avoid]
        answered = self.facts.answered(planned)  # the challenges some step answers
        for c in a.challenges:
            if not self.facts.has(answered, c):
                serve = [x for x in later if c in self.facts.challenges[x]]
                ruled = [x for x in avoided if c in self.facts.challenges[x]]
                label = self.label("challenges", c)
                notes.append(f'Nothing in this plan answers "{label}". ' + self._missing(a, serve, ruled))
        serving = [s for s in steps if a.goal in self.facts.goals[s.pattern]]
        if serving and all(s.reasons[-1].kind == ReasonKind.foundation for s in serving):
            preferred = self.rules.first_moves.get(a.goal, [])  # type: ignore[call-overload]
            serve = sorted((x for x in later if a.goal in self.facts.goals[x]), key=lambda x: x not in preferred)
            goal = self.label("goal", a.goal)
            if serve:
                notes.append(
                    f"Beyond the foundation, no step works on your goal, {goal}, yet: {self.names(serve[:3])} "
                    f"would, but did not fit in {self.label('timeline', a.timeline)} with your team."
                )
        if not serving:
            serve = [x for x in later if a.goal in self.facts.goals[x]]
            ruled = [x for x in avoided if a.goal in self.facts.goals[x]]
            goal = self.label("goal", a.goal)
            notes.append(f"No step in this plan serves your primary goal, {goal}. " + self._missing(a, serve, ruled))
        last = max((s.end for s in steps), default=0)
        weeks = placed.weeks  # weeks left for feature work, when there are enough of them:
        idle = (last + 1, weeks) if weeks - last >= plan_phases.SHORTEST else None
        if effort > placed.budget:
            notes.append(f"This plan takes {effort} team-weeks, more than its budget of {placed.budget}.")
            notes.append(
                "The foundation and the first moves come first whatever the budget: expect less room for "
                "feature work until they are in place."
            )
        elif effort * 2 < placed.budget or idle:
            notes += self._idle(a, placed, later, idle, effort)
        stores = self.stores(a)
        if stores:
            notes.append(
                "You do not build datastore internals; when you choose or configure a datastore or broker for "
                f"these needs, look for {self.names(stores)} (each has a page on what to ask of a product)."
            )
        return notes

    def _missing(self, a: Answers, serve: list[str], ruled: list[str]) -> str:
        if serve:
            when = self.label("timeline", a.timeline)
            names = self.names(serve[:3])
            return f'{names} would, but did not fit in {when} with your team; see "Next, after this timeline".'
        if ruled:
            verb = "is" if len(ruled[:3]) == 1 else "are"
            return f'{self.names(ruled[:3])} would, but {verb} ruled out here; see "Avoid for now".'
        system, scale = self.label("system", a.system), self.label("scale", a.scale)
        return f"No pattern in the catalog answers it for a {system} system at {scale}."

    def _idle(
        self, a: Answers, placed: Placed, later: list[str], idle: tuple[int, int] | None, effort: int
    ) -> list[str]:
        """Two notes: what is left unplanned (with this plan's numbers), then why (a sentence many
        plans share, so the data files carry it once)."""
        if idle:
            head = f"No adoption work is planned in weeks {idle[0]}-{idle[1]}, which stay for feature work."
        else:
            head = f"This plan fills {effort} of its {placed.budget} budget team-weeks."
        if later and effort * 10 >= placed.budget * 9:
            return [head, f"The budget is used; {self.names(later[:3])} come next."]
        if later:
            limit = self.rules.budget.new_per_quarter[a.team]  # type: ignore[index]
            return [head, (
                f"What remains ({self.names(later[:3])}) does not fit in the weeks left at your team's "
                f"pace of at most {limit} new patterns a quarter beyond the foundation."
            )]
        scale = self.scales.index(a.scale)
        system = self.label("system", a.system)
        if scale + 1 < len(self.scales):
            nxt = self.label("scale", self.scales[scale + 1])
            return [head, (
                f"Nothing else is relevant enough to your answers for a {system} system at your "
                f"scale; revisit at {nxt}, or tick the challenges you face."
            )]
        return [head, f"Nothing else is relevant enough to your answers for a {system} system."]
