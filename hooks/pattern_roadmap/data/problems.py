"""Problems in the data: one line each, naming the file, the field and what was expected; and the
checks that more than one YAML family makes (a pattern id, a record's id, phases in a row).

Every loader collects its problems and raises one DataError, so one run shows every mistake and
nothing is half-built. A problem that exists only because another file could not load is a
consequence: it is listed after the causes.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol


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


def id_matches_file(record_id: str, stem: str, file: str) -> Problem | None:
    """A record's id must be its file's name (the id is its URL)."""
    if record_id == stem:
        return None
    return Problem(file, "id", f"expected '{stem}' to match the file name")


class Span(Protocol):
    start: int
    end: int


def phases_in_a_row(phases: Sequence[Span], file: str, at: str) -> tuple[list[Problem], int]:
    """Each phase starts the week after the last one ends (the first in week 1): the problems, and
    the last week of the last phase."""
    problems, week = [], 1
    for index, phase in enumerate(phases):
        if phase.start != week or phase.end < phase.start:
            expected = f"expected weeks {week}-N, right after the previous phase (got {phase.start}-{phase.end})"
            problems.append(Problem(file, f"{at}.{index}", expected))
        week = phase.end + 1
    return problems, week - 1


class DataError(Exception):
    """One or more problems in the data; str() is one line per problem."""

    def __init__(self, problems: Iterable[Problem]):
        self.problems = sorted(set(problems), key=lambda p: (p.consequence, p.file, p.field, p.expected))
        super().__init__("\n".join(str(p) for p in self.problems))
