"""Claims on pattern pages: who runs the pattern, and what each figure is.

load_catalog() runs these checks on every pattern, so a broken
claim fails the build with the file and the field, like every other data error.

Who runs it: at least one example is an operator's (`kind: operator`, with a source by that
operator or maintainer), or the pattern says plainly that none is public (`no_public_operator`).

A figure is sourced, an illustration, or a target the reader sets. The markers are words an author
writes anyway (README, "Adding a pattern"):

- a metric (YAML `metrics`) with a number is a target the reader sets: it says "for example"
  ("pick a target, for example under 2 ms"), or it cites its source with a Markdown link;
- a production example (YAML `examples`) is sourced by its `source`; when it gives a number, it
  also gives the year the number is from ("In 2022, ..."), because such numbers date;
- the worked example (docs/patterns/<id>.md, "## Worked example") with numbers says that it is
  an illustration: "illustration", "hypothetical" or "invented" ("An illustration: the numbers
  below are invented.").
"""

from __future__ import annotations

import re
from typing import Any

# A number: digits, or a number word. Years are not figures, and neither are HTTP status codes,
# version numbers or ordinals like "1st".
NUMBER = re.compile(
    r"(?<!HTTP )(?<!status )(?<!version )(?<![\w.])\d[\d,.]*(?:%|\s?(?:ms|s|x|k|m|gb|tb|mb|kb)\b)?(?![\w-])"
    r"|\b(?:hundred|thousand|million|billion|trillion|percent|dozens?)\b",
    re.IGNORECASE,
)
YEAR = re.compile(r"\b(?:19[5-9]\d|20[0-4]\d)\b")
FOR_EXAMPLE = re.compile(r"\bfor example\b|\be\.g\.", re.IGNORECASE)
LINK = re.compile(r"\]\(https?://[^)]+\)")
ILLUSTRATION = re.compile(r"\b(?:illustrat|hypothetical|invented)", re.IGNORECASE)
WORKED = re.compile(r"^## Worked example\s*$(?P<body>.*?)(?=^## |\Z)", re.MULTILINE | re.DOTALL)


def figures(text: str) -> list[str]:
    """The numbers in a text, years left out."""
    return [m.group(0) for m in NUMBER.finditer(YEAR.sub(" ", text))]


def metric_problem(text: str) -> str | None:
    found = figures(text)
    if found and not FOR_EXAMPLE.search(text) and not LINK.search(text):
        return (
            f"expected a figure in a metric to be a target the reader sets ('for example {found[0]}') "
            "or to cite its source as a Markdown link"
        )
    return None


def example_problem(text: str) -> str | None:
    found = figures(text)
    if found and not YEAR.search(text):
        return f"expected the year of the figure '{found[0]}' in the example ('In 2022, ...'): such figures date"
    return None


def worked_example_problem(markdown: str) -> str | None:
    match = WORKED.search(markdown)
    if match is None:
        return None  # prose.py requires the section
    body = re.sub(r"^```.*?^```", " ", match["body"], flags=re.MULTILINE | re.DOTALL)
    if figures(body) and not ILLUSTRATION.search(body):
        return "expected the worked example to say it is an illustration (its numbers are invented)"
    return None


def pattern_problems(pattern: Any, markdown: str | None) -> list[tuple[str, str]]:
    """(field, what was expected) for each broken claim of one pattern and its prose."""
    problems = []
    operators = [e for e in pattern.examples if e.kind == "operator"]
    if not operators and not pattern.no_public_operator:
        problems.append((
            "examples",
            "expected an operator's example (kind: operator, a source by that operator or maintainer), "
            "or no_public_operator saying plainly that none is public",
        ))
    if operators and pattern.no_public_operator:
        problems.append(("no_public_operator", "expected no such sentence when an operator's example is given"))
    for index, metric in enumerate(pattern.metrics):
        if found := metric_problem(metric):
            problems.append((f"metrics.{index}", found))
    for index, example in enumerate(pattern.examples):
        if found := example_problem(example.what):
            problems.append((f"examples.{index}.what", found))
    if markdown is not None and (found := worked_example_problem(markdown)):
        problems.append(("## Worked example", found))
    return problems
