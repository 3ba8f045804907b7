"""What the engine knows of every pattern, derived once from the catalog and rules.yml: its
prerequisites, what it answers, its fit, its effort at each scale, its group, and the ranking's
tie-break order. Plain dictionaries and sets, so the planner's hot loops only look things up.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable

from pattern_roadmap.domain.catalog import Catalog
from pattern_roadmap.domain.generator import Generator
from pattern_roadmap.engine.plan import Answers
from pattern_roadmap.schema.vocabulary import Complexity, Layer, TeamSize, Tier

TEAM_RANK = {team.value: rank for rank, team in enumerate(TeamSize)}


def matches(when, a: Answers) -> bool:
    """Does a rule's `when` match these answers? Empty fields match everything."""
    return (
        (not when.system or a.system in when.system)
        and (not when.scale or a.scale in when.scale)
        and (not when.team or a.team in when.team)
        and (not when.goal or a.goal in when.goal)
        and (not when.challenge or any(c in when.challenge for c in a.challenges))
    )


class Facts:
    def __init__(self, catalog: Catalog, generator: Generator):
        self.catalog, self.generator, self.rules = catalog, generator, generator.rules
        patterns, rules = catalog.patterns, generator.rules
        self.ids = sorted(patterns)
        self.prereqs = {i: tuple(patterns[i].prerequisites) for i in self.ids}
        self.closure = {i: catalog.requires(i) for i in self.ids}
        self.challenges = {i: {c.value: w for c, w in patterns[i].answers.challenges.items()} for i in self.ids}
        self.goals = {i: {g.value: w for g, w in patterns[i].answers.goals.items()} for i in self.ids}
        self.internal = {i for i in self.ids if patterns[i].layer == Layer.datastore}
        self.high = {i for i in self.ids if patterns[i].complexity == Complexity.high}
        self.tier_bonus = {i: rules.weights.tier[patterns[i].tier] for i in self.ids}
        self.scale_base = {k.value: set(v) for k, v in rules.baselines.scales.items()}
        self.system_base = {k.value: set(v) for k, v in rules.baselines.system_types.items()}
        scales = generator.values("scale")
        self.next_scale = dict(itertools.pairwise(scales))
        self.next_base = {s: self.scale_base[n] for s, n in self.next_scale.items()}
        self.capacity = {t.value: n for t, n in rules.team_capacity.items()}
        self.roomy = {team: n >= rules.budget.roomy_from for team, n in self.capacity.items()}
        self.group_of = {pid: g for g in rules.groups for pid in g.patterns}
        self.grouped = frozenset(self.group_of)
        self.situational = set(rules.situational)
        # Bronze marks legacy or risky approaches the catalog documents so readers can recognise them.
        self.bronze = {i for i in self.ids if patterns[i].tier == Tier.bronze}
        # never placed by relevance (nor as a best fit)
        self.unranked = self.internal | self.situational | set(rules.recommend_only) | self.bronze
        self.structural = set(rules.budget.structural)
        # The safety nets a paced step waits for: a splitting change, the structural ones; a test of
        # resilience (chaos experiments), the mechanisms it exercises.
        self.nets = {pid: tuple(rules.budget.structural_after) for pid in rules.budget.splitting}
        self.nets.update({pid: tuple(nets) for pid, nets in rules.budget.tests_nets.items()})
        self.adds_cost = set(rules.adds_cost)
        self.complexity_rank = {i: list(Complexity).index(patterns[i].complexity) for i in self.ids}
        self.layer = {i: patterns[i].layer.value for i in self.ids}
        self.criterion = {i: (i, patterns[i].metrics[0]) for i in self.ids}  # a step's exit criterion
        self.fits = {
            i: ({t.value for t in patterns[i].fits.system_types}, {t.value for t in patterns[i].fits.scales})
            for i in self.ids
        }
        self.min_team = {i: TEAM_RANK[patterns[i].min_team.value] for i in self.ids}
        self.challenge_order = generator.values("challenges")
        self.challenge_bit = {c: bit for bit, c in enumerate(self.challenge_order)}
        self.challenge_mask = {i: self.mask(self.challenges[i]) for i in self.ids}  # what each one answers
        budget, structural = rules.budget, set(rules.budget.structural)
        self.effort = {
            scale.value: {
                i: max(1, round(patterns[i].effort_weeks * factors[scale]))
                for i in self.ids
                for factors in [budget.structural_factor if i in structural else budget.scale_factor]
            }
            for scale in budget.scale_factor
        }
        for scale, ids in rules.foundation.checks.items():  # a one-week check of what such a system has
            self.effort[scale.value].update(dict.fromkeys(ids, 1))
        # Per scale, each pattern's place by (complexity, effort, id): how the ranking breaks ties.
        rank = self.complexity_rank
        self.order = {
            scale: {pid: n for n, pid in enumerate(sorted(self.ids, key=lambda i: (rank[i], effort[i], i)))}
            for scale, effort in self.effort.items()
        }
        self.companions = dict(rules.companions)
        self.cover_of = {c.pattern: c for c in rules.covers}

    # -- challenges as bits: bit i is the form's i-th checkbox ----------------------

    def ticked(self, mask: int) -> tuple[str, ...]:
        """The challenges a mask ticks, in form order."""
        return tuple(c for bit, c in enumerate(self.challenge_order) if mask >> bit & 1)

    def mask(self, challenges: Iterable[str]) -> int:
        return sum(1 << self.challenge_bit[c] for c in challenges)

    def answered(self, pids: Iterable[str]) -> int:
        """The challenges these patterns answer between them."""
        found = 0
        for pid in pids:
            found |= self.challenge_mask[pid]
        return found

    def has(self, mask: int, challenge: str) -> bool:
        return bool(mask >> self.challenge_bit[challenge] & 1)
