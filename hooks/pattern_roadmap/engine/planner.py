"""The roadmap engine: plan(answers) -> Plan, for every combination of the generator's form.

Deterministic, and fast enough to plan all 102,400 combinations
at build time. It follows the maturity model in roadmap_data/generator/rules.yml, in this order:

1. Foundation first: seeing the system, then the recommend rules that match the answers, then
   safe change and safe calls (and from Growth on SLOs, incident response, IaC), minus what the
   platform provides or the scale assumes. Phase 1 lasts until all of them have started.
2. The first move on the primary goal (rules.yml `first_moves`, then the ranking), then the best
   quick fit for each ticked challenge.
3. The rest by relevance, paced to the budget (a share of capacity x weeks, and new patterns per
   quarter), so the plan leaves room for feature work along the whole timeline.
This module holds what many plans share (scores and ranking per profile), on top of what
exclusions.py rules out and what facts.py derives of each pattern; builder.py places one plan's
steps and assembly.py makes the Plan.
Datastore internals are never steps; alternative groups give one pattern each; a pattern that
covers others (a service mesh) replaces them. Every step says, in the pattern's own words, how it
helps, and why it comes now. words.py holds the wording.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from functools import lru_cache
from typing import NamedTuple

from pattern_roadmap.domain.catalog import Catalog
from pattern_roadmap.domain.generator import SELECTS, Generator
from pattern_roadmap.engine import phases as plan_phases
from pattern_roadmap.engine.builder import PlanBuilder
from pattern_roadmap.engine.exclusions import Exclusions
from pattern_roadmap.engine.facts import TEAM_RANK, matches
from pattern_roadmap.engine.plan import Answers, ExclusionKind, Plan
from pattern_roadmap.engine.words import PlanWords


class Profile(NamedTuple):
    """What the plans of one profile (the answers without a timeline) share."""

    ranked: tuple[str, ...]  # the plannable patterns, most relevant first
    fill: frozenset[str]  # the ones that may fill the budget
    fill_ranked: tuple[str, ...]  # those, in ranked order
    quick: tuple[str, ...]  # the ranked ones that are neither structural nor high-complexity
    fits: dict[str, tuple[str, ...]]  # a ticked challenge -> the quick ones that answer it (see best_fits)
    asked: frozenset[str]  # the ranked ones that answer a ticked challenge
    first_moves: tuple[str, ...]  # candidates for the first move on the goal: rules.yml's, then quick ones
    avoid: tuple[str, ...]  # candidates for "avoid for now", most relevant first
    grouped: tuple[str, ...]  # the ranked ones in an alternative group, in ranked order
    waiting: tuple[str, ...]  # baselines that are structural changes no ticked challenge asks for: named as next


class Planner(Exclusions):
    """Plans one combination of answers (plan); holds what the plans of a profile share, cached."""

    def __init__(self, catalog: Catalog, generator: Generator):
        super().__init__(catalog, generator)
        self.words = PlanWords(self)
        self._asked = lru_cache(maxsize=None)(self._asked_uncached)
        self._fill_rules = lru_cache(maxsize=None)(self._fill_rules_uncached)
        self.foundation_moves = lru_cache(maxsize=None)(self._foundation_moves_uncached)
        self._recommended = lru_cache(maxsize=None)(
            lambda a: tuple(index for index, rule in enumerate(self.rules.recommend) if matches(rule.when, a))
        )
        self._candidates = lru_cache(maxsize=None)(self._candidates_uncached)
        self._profile = lru_cache(maxsize=None)(self._profile_uncached)
        # A profile's ruled-out patterns and its structural fill, as one hashable value.
        self.blocked_key = lru_cache(maxsize=None)(
            lambda a: (frozenset(self._blocked(a)), self._profile(a).fill & self.structural)
        )
        # How each pattern helps, per (challenges, goal): filled as plans need it (assembly.py).
        self.hows = lru_cache(maxsize=None)(lambda challenges, goal: {})
        self._base_scores = lru_cache(maxsize=None)(self._base_scores_uncached)
        self.foundation_memo: dict[tuple, tuple] = {}  # PlanBuilder._foundation's results, by their inputs
        self.setting = lru_cache(maxsize=None)(self._setting_uncached)
        self.unusable = lru_cache(maxsize=None)(self._unusable_uncached)
        # A timeline's phases once phase 1 runs to a given week (plan_phases.planned), as plans ask.
        self.phases = lru_cache(maxsize=None)(
            lambda timeline, first_end: tuple(plan_phases.planned(self.rules.timelines[timeline], first_end))
        )

    def all_answers(self) -> Iterator[Answers]:
        """Every combination of the form: each choice of the one-choice fields, with every set of ticks."""
        ticked = [self.ticked(mask) for mask in range(2 ** len(self.challenge_order))]
        for system, scale, team, goal, timeline in itertools.product(*map(self.generator.values, SELECTS)):
            for challenges in ticked:
                yield Answers(system, scale, team, challenges, goal, timeline)

    # -- the setting -----------------------------------------------------------

    def _setting_uncached(self, system: str, scale: str, covers: tuple[str, ...]) -> tuple:
        """(provided, assumed, foundation, covered) for a system type and scale: what the platform
        provides; what a system at this scale already runs (a platform's own list replaces it:
        serverless functions do not bring a connection pool with them); the foundation's patterns;
        and each covered pattern's cover (a foundation step is never covered: it comes before it)."""
        f = self.rules.foundation
        platform = f.provided.get(system)  # type: ignore[call-overload]
        provided = tuple(platform.patterns) if platform else ()
        assumed = () if platform else tuple(f.assumed.get(scale, ()))  # type: ignore[call-overload]
        foundation = frozenset((*f.first, *f.scales[scale], *f.extended[scale], *f.system_types.get(system, ())))  # type: ignore[index, call-overload]
        covered = {x: pid for pid in covers for x in self.cover_of[pid].covers if x not in foundation}
        return provided, assumed, foundation, covered

    def _unusable_uncached(self, key: Answers, covers: tuple[str, ...]) -> frozenset[str]:
        """Never a step: ruled out, a datastore internal, provided, assumed, or covered by another step."""
        provided, assumed, _, covered = self.setting(key.system, key.scale, covers)
        return frozenset((*self._blocked(key), *self.internal, *provided, *assumed, *covered))

    # -- scoring ---------------------------------------------------------------

    def asked(self, a: Answers) -> dict[str, int]:
        """How many of the ticked challenges each pattern answers (bitmasks, computed once per ticking)."""
        return self._asked(a.challenges)

    def _asked_uncached(self, challenges: tuple[str, ...]) -> dict[str, int]:
        ticked = self.mask(challenges)
        return {pid: (mask & ticked).bit_count() for pid, mask in self.challenge_mask.items()}

    def _base_scores_uncached(self, goal: str, scale: str, system: str) -> dict[str, int]:
        """Each pattern's score before the ticked challenges: the goal and the baselines. A pattern
        scores weights.challenge more for each ticked challenge it answers, and its tier's bonus
        on top when anything scored at all."""
        w = self.rules.weights
        return {
            pid: w.goal * (goal in self.goals[pid])
            + w.scale_baseline * (pid in self.scale_base[scale])
            + w.system_baseline * (pid in self.system_base[system])
            for pid in self.ids
        }

    def _profile_uncached(self, a: Answers) -> Profile:
        """For answers without a timeline: the plannable patterns by relevance, the ones that may fill
        the budget (a ticked challenge or a baseline, not the goal alone), and the avoid candidates."""
        asked = self.asked(a)
        base, tier, weight = self._base_scores(a.goal, a.scale, a.system), self.tier_bonus, self.rules.weights.challenge
        plannable, shown = self._candidates(a.system, a.scale, a.team, self._matched(a))
        scores = {}
        for pid in plannable:
            total = base[pid] + weight * asked[pid]
            scores[pid] = total + tier[pid] if total else 0
        ahead = self.next_base.get(a.scale, ()) if self.roomy[a.team] else ()
        # Most relevant first; ties by complexity, effort and id (their order, per scale, in self.order).
        order = self.order[a.scale]
        ranked = tuple(
            sorted(
                (pid for pid in plannable if scores[pid] > 0 or pid in ahead),
                key=lambda pid: order[pid] - scores[pid] * len(order),
            )
        )
        never, always, one_signal = self._fill_rules(a.goal, a.scale, a.system, a.team)
        goals, structural, high = self.goals, self.structural, self.high
        fill_ranked, quick, answering = [], [], set()
        for pid in ranked:
            n = asked[pid]
            if n:
                answering.add(pid)
            if (n or pid not in never) and (
                pid in always or n + (a.goal in goals[pid]) >= (1 if pid in one_signal else 2)
            ):
                fill_ranked.append(pid)
            if pid not in structural and pid not in high:
                quick.append(pid)
        avoid = [
            pid
            for pid, kind in shown
            if (
                asked[pid] > 0 or a.goal in goals[pid]  # the answers touch what a ruled-out pattern promises
                if kind == ExclusionKind.rule
                else self._considered(pid, a, asked[pid])
            )
        ]
        avoid.sort(key=lambda pid: (-base[pid] - weight * asked[pid] - tier[pid], pid))
        fits: dict[str, tuple[str, ...]] = {}  # filled by best_fits() as plans ask
        preferred = [pid for pid in self.rules.first_moves.get(a.goal, ()) if a.goal in goals[pid]]  # type: ignore[call-overload]
        moves = tuple(dict.fromkeys([*preferred, *(pid for pid in quick if a.goal in goals[pid])]))
        fill = frozenset(fill_ranked)
        return Profile(
            ranked, fill, tuple(fill_ranked), tuple(quick), fits, frozenset(answering), moves, tuple(avoid),
            tuple(pid for pid in ranked if pid in self.grouped),
            tuple(pid for pid in ranked if pid in always and pid in self.structural and pid not in fill),
        )

    def _candidates_uncached(
        self, system: str, scale: str, team: str, matched: tuple[int, ...]
    ) -> tuple[tuple[str, ...], tuple[tuple[str, ExclusionKind], ...]]:
        """What these ruled-out patterns leave: the plannable patterns (not ruled out, not a datastore
        internal, not situational), and the ruled-out ones a reader might still weigh (shown by a
        rule, the team or the scale, suiting the system, and at most one step out of reach; a
        situational pattern only by a rule, whose reason was written for it)."""
        blocked = self._blocked_by(system, scale, team, matched)
        plannable = tuple(pid for pid in self.ids if pid not in blocked and pid not in self.unranked)
        near = Answers(system, scale, team, (), "", "")
        kinds = (ExclusionKind.rule, ExclusionKind.team, ExclusionKind.scale)
        shown = tuple(
            (pid, kind)
            for pid, (kind, _) in blocked.items()
            if kind in kinds
            and pid not in self.internal
            and (kind is ExclusionKind.rule or pid not in self.situational)
            and system in self.fits[pid][0]
            and self._near(pid, near)
        )
        return plannable, shown

    def best_fits(self, profile: Profile, challenge: str) -> tuple[str, ...]:
        """The quick patterns that answer a ticked challenge: rules.yml's best fits first, in their
        order, then the others by relevance."""
        found = profile.fits.get(challenge)
        if found is None:
            quick = [p for p in profile.quick if challenge in self.challenges[p]]
            preferred = [p for p in self.rules.best_fits.get(challenge, ()) if p in quick]  # type: ignore[call-overload]
            found = profile.fits[challenge] = tuple(dict.fromkeys([*preferred, *quick]))
        return found

    def recommended(self, a: Answers) -> tuple[int, ...]:
        """The recommend rules that match these answers (without a timeline), by index."""
        return self._recommended(a._replace(timeline=""))

    def _foundation_moves_uncached(self, a: Answers) -> tuple[tuple, tuple, tuple]:
        """For answers without a timeline, the foundation's (pattern, why now) moves: the first ones
        (recommends placed before the foundation, seeing the system, the other recommends), the rest
        of the core (those the answers ask for first), and the extended foundation of the scale."""
        rules, words, f = self.rules, self.words, self.rules.foundation
        matched = [(i, rules.recommend[i]) for i in self.recommended(a)]
        recommends = [(r, (r.pattern, words.recommend(i))) for i, r in matched]
        core = [(pid, words.foundation_scale(a, pid)) for pid in f.scales[a.scale]]  # type: ignore[index]
        core += [(pid, words.foundation_system(a)) for pid in f.system_types.get(a.system, ())]  # type: ignore[call-overload]
        asked = [m for m in core if a.goal in self.goals[m[0]] or any(c in self.challenges[m[0]] for c in a.challenges)]
        if any(r.pattern in rules.simplifying for r, _ in recommends):
            # A plan that simplifies the system (consolidates services) does not first build the
            # machinery of the system type it is leaving, unless the answers ask for it.
            system = set(f.system_types.get(a.system, ()))  # type: ignore[call-overload]
            core = [m for m in core if m[0] not in system or m in asked]
        first = [m for r, m in recommends if r.before_foundation]
        first += [(pid, words.foundation_first(pid, a)) for pid in f.first]
        first += [m for r, m in recommends if not r.before_foundation]
        rest = asked + [m for m in core if m not in asked]
        extended = [(pid, words.foundation_scale(a)) for pid in f.extended[a.scale]]  # type: ignore[index]
        return tuple(first), tuple(rest), tuple(extended)

    def _fill_rules_uncached(self, goal: str, scale: str, system: str, team: str) -> tuple[set, set, set]:
        """Which ranked patterns may fill the budget: (never without a ticked challenge, always, with one
        signal). A baseline always may; a gold pattern with a ticked challenge or the goal; any other with
        two signals (two ticked challenges, or one and the goal), or one for a team with capacity for
        more, which also prepares for the next scale's baseline. A structural change needs a ticked
        challenge, and so, on a cost goal, does what adds cost."""
        never = self.structural | (self.adds_cost if goal == "cost" else set())
        roomy = self.roomy[team]
        ahead = self.next_base.get(scale, set()) if roomy else set()
        always = self.scale_base[scale] | self.system_base[system] | ahead
        one_signal = set(self.ids) if roomy else {pid for pid in self.ids if self.tier_bonus[pid] > 0}
        return never, always, one_signal

    def _near(self, pid: str, a: Answers) -> bool:
        """Is it at most one step out of reach: it fits this scale or the next, and this team size or the next?"""
        scales = self.fits[pid][1]
        return self.min_team[pid] <= TEAM_RANK[a.team] + 1 and (
            a.scale in scales or self.next_scale.get(a.scale) in scales
        )

    def _considered(self, pid: str, a: Answers, asked: int) -> bool:
        """Would a reader with these answers consider it? A ticked challenge, a baseline, or gold for the goal."""
        return (
            asked > 0
            or pid in self.scale_base[a.scale]
            or pid in self.system_base[a.system]
            or (a.goal in self.goals[pid] and self.tier_bonus[pid] > 0)
        )

    # -- planning --------------------------------------------------------------

    def plan(self, a: Answers) -> Plan:
        """Plan without covers first (most plans place no covering pattern); when the plan places one
        (a service mesh, a saga) beside the duties it covers, plan again with it covering them, and
        keep that plan if the covering pattern still fits."""
        key = a._replace(timeline="")  # what many plans share: the answers without a timeline
        blocked = self._blocked(key)
        plan = PlanBuilder(self, a, key, blocked, ()).place_all()
        planned = plan.slots
        covers = tuple(c for c in self.rules.covers if c.pattern in planned and not planned.keys().isdisjoint(c.covers))
        if covers:
            covered = PlanBuilder(self, a, key, blocked, covers).place_all()
            if all(c.pattern in covered.slots for c in covers):
                return covered.assemble()
        return plan.assemble()
