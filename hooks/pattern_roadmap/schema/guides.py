"""Typed records for the guides: roadmap_data/guides/{wizard,learning,choosing}.yml.

Pydantic models only. Like every schema here, every model forbids unknown keys. Tiers, names,
effort and metrics are never restated here: the pages read them from each pattern's own record.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, StringConstraints

from pattern_roadmap.schema.patterns import Example
from pattern_roadmap.schema.vocabulary import Line, Scale, Slug, Strict, Text

Label = Annotated[str, StringConstraints(strip_whitespace=True, min_length=2, max_length=80)]

# ---------------------------------------------------------------------------
# Selection wizard: roadmap_data/guides/wizard.yml
# ---------------------------------------------------------------------------


class Pick(Strict):
    pattern: Slug = Field(description="An existing pattern id.")
    why: Line = Field(description="Why this pattern, for this answer (or why to avoid it).")


class WizardAnswer(Strict):
    id: Slug = Field(description="URL value of this answer, unique within its domain.")
    label: Label = Field(description="The answer as the reader picks it.")
    summary: Line = Field(description="Who picks this answer, in one sentence.")
    stack: list[Pick] = Field(min_length=3, max_length=8, description="Recommended patterns, most important first.")


class WizardQuestion(Strict):
    id: Slug = Field(description="URL parameter of the question, e.g. scale, concern, real-time, peak.")
    text: Line = Field(description="The question as asked.")
    answers: list[WizardAnswer] = Field(min_length=2, max_length=5)


class Domain(Strict):
    id: Slug = Field(description="URL value of the domain.")
    name: Label
    summary: Line = Field(description="What systems belong to this domain.")
    examples: list[Example] = Field(min_length=1, max_length=3, description="Public, sourced examples.")
    question: WizardQuestion
    avoid: list[Pick] = Field(min_length=1, max_length=5, description="Legacy or risky patterns to avoid here.")


class Wizard(Strict):
    domains: list[Domain] = Field(min_length=4, max_length=4)


# ---------------------------------------------------------------------------
# Learning paths: roadmap_data/guides/learning.yml
# ---------------------------------------------------------------------------


class QuizQuestion(Strict):
    scenario: Text = Field(description="The situation, in a few sentences.")
    question: Line
    choices: list[Line] = Field(min_length=2, max_length=4)
    answer: int = Field(ge=0, description="Index (from 0) of the right choice.")
    reasoning: Text = Field(description="Why that choice is right and the others are not.")
    patterns: list[Slug] = Field(min_length=1, max_length=4, description="Patterns the question is about.")


class LearningGroup(Strict):
    id: Slug
    name: Label
    summary: Text
    patterns: list[Slug] = Field(min_length=3, max_length=8, description="In learning order.")
    quiz: list[QuizQuestion] = Field(min_length=2, max_length=4)


class CrossDependency(Strict):
    before: Slug = Field(description="Pattern to learn first.")
    after: Slug = Field(description="Pattern that builds on it, in a later group.")
    kind: Literal["prerequisite", "complement"] = Field(
        description="prerequisite: `before` is among `after`'s prerequisites (directly or not); "
        "complement: the two name each other as related."
    )
    why: Line


class LearningPath(Strict):
    id: Slug
    name: Label
    audience: Line = Field(description="Who this path is for.")
    outcome: Line = Field(description="What the reader can do at the end.")
    patterns: list[Slug] = Field(min_length=4, max_length=14, description="In order; prerequisites first.")


class Track(Strict):
    id: Slug
    name: Label
    audience: Line
    after: Slug = Field(description="The path to finish first.")
    patterns: list[Slug] = Field(min_length=3, max_length=8, description="In order; prerequisites first.")


class Learning(Strict):
    groups: list[LearningGroup] = Field(min_length=5, max_length=5)
    dependencies: list[CrossDependency] = Field(min_length=5)
    paths: list[LearningPath] = Field(min_length=3, max_length=3)
    tracks: list[Track] = Field(min_length=2, max_length=6)


# ---------------------------------------------------------------------------
# Choosing and adopting patterns: roadmap_data/guides/choosing.yml
# ---------------------------------------------------------------------------


class NavigatorBranch(Strict):
    issue: Label = Field(description="The kind of problem, e.g. Performance.")
    patterns: list[Slug] = Field(min_length=1, max_length=4)


class NavigatorScale(Strict):
    scale: Scale
    branches: list[NavigatorBranch] = Field(min_length=2, max_length=4)


class Emergency(Strict):
    problem: Label
    symptoms: Line
    immediate: Line = Field(description="What to do today.")
    immediate_patterns: list[Slug] = Field(default_factory=list, max_length=2)
    long_term: list[Slug] = Field(min_length=1, max_length=3)
    why: Line


class MaturityStage(Strict):
    id: Literal["essential", "mature", "growing", "emerging"]
    name: Label
    summary: Line
    patterns: list[Slug] = Field(min_length=3, max_length=10)


class Combination(Strict):
    name: Label
    patterns: list[Slug] = Field(min_length=2, max_length=5, description="In adoption order.")
    why: Text


class AntiPattern(Strict):
    name: Label
    red_flags: list[Line] = Field(min_length=1, max_length=3)
    cost: Line = Field(description="What it costs, in words; no unsourced figures.")
    instead: list[Slug] = Field(min_length=1, max_length=3)
    pattern: Slug | None = Field(default=None, description="The catalog page that describes it, if any.")


class ChecklistStep(Strict):
    question: Line
    action: Line
    mistake: Line


class Choosing(Strict):
    navigator: list[NavigatorScale] = Field(min_length=4, max_length=4)
    emergency: list[Emergency] = Field(min_length=5, max_length=10)
    maturity: list[MaturityStage] = Field(min_length=4, max_length=4)
    combinations: list[Combination] = Field(min_length=4, max_length=8)
    anti_patterns: list[AntiPattern] = Field(min_length=4, max_length=8)
    checklist: list[ChecklistStep] = Field(min_length=5, max_length=10)
