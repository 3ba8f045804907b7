"""Mermaid sources generated from the catalog: a pattern's neighbourhood and a map per category.

Pure Python (no mkdocs import).
"""

from __future__ import annotations

from catalog import Catalog
from models import CATEGORY_LABELS, Category


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
