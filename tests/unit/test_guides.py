"""The guides' data: it loads, agrees with the catalog and the generator's rules, and bad data is
rejected with the file, the field and what was expected."""

from __future__ import annotations

import itertools
import re
import shutil
from pathlib import Path

import pytest
import yaml

from pattern_roadmap.data.files import DATA_ROOT
from pattern_roadmap.data.problems import DataError
from pattern_roadmap.domain import guides
from pattern_roadmap.domain.catalog import load_catalog
from pattern_roadmap.domain.generator import load_generator
from pattern_roadmap.engine.plan import Answers, ExclusionKind
from pattern_roadmap.engine.planner import Planner
from pattern_roadmap.render import diagrams, markers, pages
from support.dataset import lazy

CATALOG = lazy(load_catalog)
GENERATOR = lazy(load_generator, CATALOG)
GUIDES = lazy(guides.load_guides, CATALOG, GENERATOR)
PLANNER = lazy(Planner, CATALOG, GENERATOR)


def all_ids(node) -> list[str]:
    """Every value under a key that names a pattern, anywhere in a parsed YAML document."""
    found: list[str] = []
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "after" and "before" not in node:  # a track's `after` names a path
                continue
            if key in ("pattern", "before", "after") and isinstance(value, str):
                found.append(value)
            elif key in ("patterns", "long_term", "immediate_patterns", "instead"):
                found.extend(value)
            else:
                found.extend(all_ids(value))
    elif isinstance(node, list):
        for item in node:
            found.extend(all_ids(item))
    return found


@pytest.mark.parametrize("name", sorted(guides.FILES))
def test_every_pattern_a_guide_names_exists(name: str) -> None:
    data = yaml.safe_load((DATA_ROOT / "guides" / f"{name}.yml").read_text(encoding="utf-8"))
    ids = all_ids(data)
    assert len(ids) > 20
    missing = [pid for pid in ids if pid not in CATALOG.patterns]
    assert missing == []


def test_wizard_has_the_four_domains_each_with_its_question() -> None:
    domains = {d.id: d.question.id for d in GUIDES.wizard.domains}
    assert domains == {"streaming": "scale", "payments": "concern", "messaging": "real-time", "e-commerce": "peak"}
    tree = diagrams.wizard_tree(GUIDES.wizard, CATALOG)
    answers = sum(len(d.question.answers) for d in GUIDES.wizard.domains)
    assert tree.count("-->|") == answers and tree.count("start -->") == 4


def test_the_five_groups_respect_every_prerequisite_and_draw_each_dependency() -> None:
    learning = GUIDES.learning
    assert [g.id for g in learning.groups] == [
        "foundations",
        "resilience",
        "distributed-data",
        "deployment",
        "modern-infrastructure",
    ]
    order = [pid for g in learning.groups for pid in g.patterns]
    for index, pid in enumerate(order):
        for q in CATALOG.get(pid).prerequisites:
            assert q not in order[index + 1 :], f"{q} must come before {pid}"
    required = {
        ("dead-letter-queue", "saga"),
        ("event-sourcing", "cqrs"),
        ("feature-flags", "canary-release"),
        ("circuit-breaker", "service-mesh"),
        ("change-data-capture", "strangler-fig"),
    }
    assert required <= {(d.before, d.after) for d in learning.dependencies}
    graph = diagrams.learning_graph(learning, CATALOG)
    assert graph.count("==>") + graph.count("-.->") == len(learning.dependencies)
    assert graph.count("subgraph") == 5


def test_the_quiz_answer_cannot_be_guessed_by_its_length() -> None:
    questions = [q for group in GUIDES.learning.groups for q in group.quiz]
    longest = [q for q in questions if max(range(len(q.choices)), key=lambda i: len(q.choices[i])) == q.answer]
    assert len(questions) == 15
    assert len(longest) * 3 <= len(questions), [q.question for q in longest]


def test_growth_stages_are_the_generator_baselines() -> None:
    stages = guides.growth_stages(GENERATOR)
    for scale, new, kept in stages:
        assert sorted(new + kept) == sorted(GENERATOR.rules.baselines.scales[scale])
    assert stages[0][2] == []  # nothing carried into the first stage


def profiles(when) -> list[tuple[str, str, str, str]]:
    """Every (system, scale, team, goal) the rule's `when` matches."""
    pick = lambda field, param: [v.value for v in getattr(when, field)] or GENERATOR.values(param)  # noqa: E731
    return list(
        itertools.product(pick("system", "system"), pick("scale", "scale"), pick("team", "team"), pick("goal", "goal"))
    )


def test_each_constraint_on_the_page_is_a_rule_the_engine_applies() -> None:
    for rule in GENERATOR.rules.avoid:
        assert rule.instead, f"{rule.pattern}: every constraint names what to use instead"
        matching = profiles(rule.when)
        ticked = tuple(c.value for c in rule.when.challenge)  # a rule on challenges applies when they are ticked
        answers = [Answers(system, scale, team, ticked, goal, "") for system, scale, team, goal in matching]
        for each in answers:
            kind, rule_index = PLANNER._blocked_uncached(each)[rule.pattern]
            assert kind == ExclusionKind.rule, each
            assert GENERATOR.rules.avoid[rule_index].pattern == rule.pattern
    for pid in rule.instead:  # the alternative can be planned somewhere the constraint applies
        assert any(pid not in PLANNER._blocked_uncached(each) for each in answers), pid


# ---------------------------------------------------------------------------
# Bad data
# ---------------------------------------------------------------------------


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    shutil.copytree(DATA_ROOT / "guides", tmp_path / "guides")
    return tmp_path


def rewrite(path: Path, change) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")


def _reversed_stack(d: dict) -> None:
    for answer in d["domains"][0]["question"]["answers"]:
        picks = [("circuit-breaker", "the breaker first"), ("timeout", "then its timeout"), ("caching", "and a cache")]
        answer["stack"] = [{"pattern": pid, "why": why} for pid, why in picks]


def _swap_groups(d: dict) -> None:
    d["groups"][0]["patterns"], d["groups"][4]["patterns"] = d["groups"][4]["patterns"], d["groups"][0]["patterns"]


def _bronze_maturity(d: dict) -> None:
    d["maturity"][0]["patterns"][0] = "two-phase-commit"


def _wrong_kind(d: dict) -> None:
    dep = next(x for x in d["dependencies"] if x["kind"] == "complement")
    dep["kind"] = "prerequisite"


def _backwards(d: dict) -> None:
    dep = d["dependencies"][0]
    dep["before"], dep["after"] = dep["after"], dep["before"]


def _out_of_order_path(d: dict) -> None:
    path = next(p for p in d["paths"] if p["id"] == "foundation")
    path["patterns"].reverse()


@pytest.mark.parametrize(
    ("file", "change", "field", "expected"),
    [
        (
            "wizard",
            lambda d: d["domains"][1]["question"]["answers"][0]["stack"][0].update(pattern="ghost"),
            "domains.1.question.answers.0.stack.0",
            "no 'ghost.yml'",
        ),
        ("wizard", lambda d: d["domains"].pop(), "domains", "at least 4"),
        ("wizard", _reversed_stack, "domains.0.question.answers.", "prerequisites come first"),
        ("wizard", lambda d: d["domains"][0].update(colour="red"), "domains.0.colour", "unknown field"),
        ("learning", _swap_groups, "groups", "before"),
        ("learning", _wrong_kind, "dependencies.", "among the prerequisites"),
        ("learning", _backwards, "dependencies.0", "earlier group"),
        ("learning", _out_of_order_path, "paths.", "prerequisites come first"),
        ("learning", lambda d: d["groups"][2]["quiz"][0].update(answer=7), "groups.2.quiz.0.answer", "expected 0-"),
        ("learning", lambda d: d["tracks"][0].update(after="nowhere"), "tracks.0.after", "one of the paths"),
        ("choosing", _bronze_maturity, "maturity.0.patterns", "gold patterns"),
        (
            "choosing",
            lambda d: d["navigator"][0]["branches"][0].update(patterns=["multi-region"]),
            "navigator.0.branches.0.patterns",
            "pay off at startup scale",
        ),
        ("choosing", lambda d: d["navigator"].reverse(), "navigator", "scales in order"),
        (
            "choosing",
            lambda d: d["combinations"][0].update(patterns=["timeout", "crdt"]),
            "combinations.0.patterns",
            "linked to another pattern",
        ),
        ("choosing", lambda d: d["emergency"][0].update(long_term=[]), "emergency.0.long_term", "at least 1"),
    ],
)
def test_bad_guide_data_is_rejected(copy: Path, file: str, change, field: str, expected: str) -> None:
    rewrite(copy / "guides" / f"{file}.yml", change)
    with pytest.raises(DataError) as info:
        guides.load_guides(CATALOG, GENERATOR, copy)
    assert any(
        p.file.endswith(f"guides/{file}.yml") and p.field.startswith(field) and expected in p.expected
        for p in info.value.problems
    ), str(info.value)
    assert "Traceback" not in str(info.value)


def test_a_missing_guide_file_is_named(copy: Path) -> None:
    (copy / "guides" / "learning.yml").unlink()
    with pytest.raises(DataError, match=r"guides/learning\.yml: file: expected this file"):
        guides.load_guides(CATALOG, GENERATOR, copy)


def test_markers_unknown_misplaced_doubled_or_missing_stop_the_build() -> None:
    """One registry for every page's `<!-- generated: name -->` markers (render/markers.py)."""

    rendered = []
    known = {
        name: markers.Generated(g.pages, lambda site, page, name=name: rendered.append(name) or f"[{name}]")
        for name, g in pages.MARKERS.items()
    }
    source = (DATA_ROOT.parent / "docs" / "guides" / "choosing.md").read_text(encoding="utf-8")
    out = markers.expand(source, "guides/choosing.md", known, None, None)
    assert "[emergency]" in out and "<!-- generated:" not in out and "emergency" in rendered
    bad = {
        "unknown marker '<!-- generated: nonsense -->'": source + "\n<!-- generated: nonsense -->\n",
        "'<!-- generated: catalog -->' does not belong on this page": source + "\n<!-- generated: catalog -->\n",
        "'<!-- generated: quiz -->' does not belong": source + "\n<!-- generated: quiz -->\n",
        "'<!-- generated: emergency -->' once, not 2 times": source + "\n<!-- generated: emergency -->\n",
        "expected the marker '<!-- generated: emergency -->'": source.replace("<!-- generated: emergency -->", ""),
    }
    for message, markdown in bad.items():
        with pytest.raises(markers.MarkerError, match=re.escape(message)):
            markers.expand(markdown, "guides/choosing.md", known, None, None)
    with pytest.raises(markers.MarkerError, match="registered twice"):
        markers.registry([{"a": known["emergency"]}, {"a": known["quiz"]}])
