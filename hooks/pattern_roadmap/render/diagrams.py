"""Mermaid sources generated from the data: a pattern's neighbourhood, a map per category, the
selection wizard as a decision tree and the learning groups' dependencies."""

from __future__ import annotations

from pattern_roadmap.domain.catalog import Catalog
from pattern_roadmap.schema.guides import Learning, Wizard
from pattern_roadmap.schema.vocabulary import CATEGORY_LABELS, Category


def quote(name: str) -> str:
    return '"' + name.replace('"', "#quot;") + '"'


def neighbourhood(catalog: Catalog, pattern_id: str) -> str:
    """Prerequisites -> pattern -> dependents, with related patterns joined by dotted lines."""
    p = catalog.get(pattern_id)
    nodes: dict[str, str] = {pattern_id: "me"}

    def node(pid: str) -> str:
        if pid not in nodes:
            nodes[pid] = f"n{len(nodes)}"
            lines.append(f"    {nodes[pid]}[{quote(catalog.get(pid).name)}]")
        return nodes[pid]

    lines = ["flowchart LR", f"    me[[{quote(p.name)}]]"]
    for q in p.prerequisites:
        lines.append(f"    {node(q)} --> me")
    for d in catalog.dependents(pattern_id):
        lines.append(f"    me --> {node(d)}")
    for r in p.related:
        if r not in nodes:
            lines.append(f"    me -.- {node(r)}")
    return "\n".join(lines)


def category_map(catalog: Catalog, category: Category) -> str:
    """Every pattern of a category, with the prerequisite edges that reach it (from any category)."""
    members = sorted(pid for pid, p in catalog.patterns.items() if p.category is category)
    ids = {pid: f"n{i}" for i, pid in enumerate(members)}
    lines = ["flowchart LR"]
    for pid in members:
        lines.append(f"    {ids[pid]}[{quote(catalog.get(pid).name)}]")
    for pid in members:
        for q in catalog.get(pid).prerequisites:
            if q not in ids:
                ids[q] = f"n{len(ids)}"
                outside = f"{catalog.get(q).name} ({CATEGORY_LABELS[catalog.get(q).category]})"
                lines.append(f"    {ids[q]}([{quote(outside)}])")
            lines.append(f"    {ids[q]} --> {ids[pid]}")
    return "\n".join(lines)


def wizard_tree(wizard: Wizard, catalog: Catalog, per_answer: int = 2) -> str:
    """Domain -> answer -> its first patterns: the wizard as one decision tree."""
    lines = ["flowchart LR", '    start{{"What are you building?"}}']
    for d_index, domain in enumerate(wizard.domains):
        d = f"d{d_index}"
        lines.append(f"    start --> {d}{{{quote(domain.name + ': ' + domain.question.text)}}}")
        for a_index, answer in enumerate(domain.question.answers):
            names = ", ".join(catalog.get(p.pattern).name for p in answer.stack[:per_answer])
            lines.append(f"    {d} -->|{quote(answer.label)}| {d}a{a_index}[{quote(names)}]")
    return "\n".join(lines)


def learning_graph(learning: Learning, catalog: Catalog) -> str:
    """The five groups as columns, in order, holding the patterns that the cross-group dependencies
    join (every other pattern is listed under its group on the page), with those dependencies."""
    linked = {pid for dep in learning.dependencies for pid in (dep.before, dep.after)}
    ids: dict[str, str] = {}
    lines = ["flowchart LR"]
    for g_index, group in enumerate(learning.groups):
        lines.append(f"    subgraph g{g_index}[{quote(f'{g_index + 1}. {group.name}')}]")
        members = [pid for pid in group.patterns if pid in linked]
        for pid in members:
            ids[pid] = f"p{len(ids)}"
            lines.append(f"        {ids[pid]}[{quote(catalog.get(pid).name)}]")
        if not members:
            lines.append(f"        g{g_index}n[{quote(f'{len(group.patterns)} patterns, no links to other groups')}]")
        lines.append("    end")
    for g_index in range(len(learning.groups) - 1):
        lines.append(f"    g{g_index} ~~~ g{g_index + 1}")
    for dep in learning.dependencies:
        arrow = "==>" if dep.kind == "prerequisite" else "-.->"
        lines.append(f"    {ids[dep.before]} {arrow} {ids[dep.after]}")
    return "\n".join(lines)
