"""What the answers rule out, and why: the avoid rules that match, the fit (system type, scale,
team size), and the prerequisites of what is ruled out. Each is computed once per set of inputs
that decides it, since many answers share them.
"""

from __future__ import annotations

from functools import lru_cache

from pattern_roadmap.domain.catalog import Catalog
from pattern_roadmap.domain.generator import Generator
from pattern_roadmap.engine.facts import TEAM_RANK, Facts, matches
from pattern_roadmap.engine.plan import Answers, ExclusionKind


class Exclusions(Facts):
    def __init__(self, catalog: Catalog, generator: Generator):
        super().__init__(catalog, generator)
        self._matched = lru_cache(maxsize=None)(self._matched_uncached)
        self._blocked = lru_cache(maxsize=None)(self._blocked_uncached)
        self._blocked_by = lru_cache(maxsize=None)(self._blocked_by_uncached)
        self._unfit = lru_cache(maxsize=None)(self._unfit_uncached)

    def _matched_uncached(self, a: Answers) -> tuple[int, ...]:
        """The avoid rules that match these answers, by index."""
        return tuple(index for index, rule in enumerate(self.rules.avoid) if matches(rule.when, a))

    def _blocked_uncached(self, a: Answers) -> dict[str, tuple[ExclusionKind, int]]:
        """Every pattern the answers rule out, with the first reason (and the rule's index, or -1)."""
        return self._blocked_by(a.system, a.scale, a.team, self._matched(a))

    def _blocked_by_uncached(
        self, system: str, scale: str, team: str, matched: tuple[int, ...]
    ) -> dict[str, tuple[ExclusionKind, int]]:
        """What the matched avoid rules, the fit and the prerequisites rule out (shared by the many
        answers that match the same rules)."""
        blocked: dict[str, tuple[ExclusionKind, int]] = {}
        for index in matched:
            blocked.setdefault(self.rules.avoid[index].pattern, (ExclusionKind.rule, index))
        for pid, why in self._unfit(system, scale, team).items():
            blocked.setdefault(pid, why)
        # A pattern whose prerequisite is ruled out is ruled out too, unless the platform provides
        # that prerequisite (serverless load balancing under a canary release, for example).
        provided = self.rules.foundation.provided.get(system)  # type: ignore[call-overload]
        missing = blocked.keys() - set(provided.patterns if provided else ())
        for pid in self.ids:
            if pid not in blocked and not missing.isdisjoint(self.closure[pid]):
                blocked[pid] = (ExclusionKind.needs, -1)
        return blocked

    def _unfit_uncached(self, system: str, scale: str, team: str) -> dict[str, tuple[ExclusionKind, int]]:
        """The patterns that do not suit the system type, the scale or the team size."""
        unfit: dict[str, tuple[ExclusionKind, int]] = {}
        rank = TEAM_RANK[team]
        # A team with room for more (rules.yml budget.roomy_from) may adopt what pays off at the next scale up, but
        # not its architecture: users, not engineers, decide when a structural or high-complexity
        # change is due.
        ahead = {scale, self.next_scale.get(scale, scale)} if self.roomy[team] else {scale}
        for pid in self.ids:
            systems, scales = self.fits[pid]
            reach = {scale} if pid in self.structural or pid in self.high else ahead
            if system not in systems:
                unfit[pid] = (ExclusionKind.system, -1)
            elif not reach & scales:
                unfit[pid] = (ExclusionKind.scale, -1)
            elif rank < self.min_team[pid]:
                unfit[pid] = (ExclusionKind.team, -1)
        return unfit
