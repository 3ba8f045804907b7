"""With SOURCE_DATE_EPOCH set, two builds of the site are byte-identical, whether they make every
page and plan from scratch or reuse what earlier builds made from the same inputs; and an edit is
never hidden by what was reused."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from support.rebuild import project_copy
from support.sitebuild import ROOT, mkdocs_build


def digests(root: Path) -> dict[str, str]:
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def test_two_builds_are_byte_identical_with_and_without_reuse(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setitem(os.environ, "SOURCE_DATE_EPOCH", "1767225600")
    sites, kept = [], []
    # from scratch; then twice with reuse (the first of them may have to make what it reuses)
    for name, reuse in (("scratch", "0"), ("filled", "1"), ("reused", "1")):
        monkeypatch.setitem(os.environ, "PAGE_CACHE", reuse)
        monkeypatch.setitem(os.environ, "GENERATOR_CACHE", reuse)
        result = mkdocs_build(ROOT / "mkdocs.yml", tmp_path / name, "http://127.0.0.1:8000/")
        assert result.returncode == 0, result.stderr
        sites.append(digests(tmp_path / name))
        kept.append({p.name for p in (ROOT / ".cache" / "pages").glob("*.json")})
    first, second = sites[0], sites[2]
    assert len(first) > 1500
    assert len(kept[1] & kept[2]) > 150  # a build keeps only the entries it used: the last reused them
    assert first.keys() == second.keys()
    assert [f for f in first if first[f] != second[f]] == []


def test_an_edit_shows_up_and_only_its_page_changes(tmp_path: Path) -> None:
    with project_copy() as project:
        config = project / "mkdocs.yml"
        assert mkdocs_build(config, tmp_path / "before", "http://127.0.0.1:8000/", cwd=project).returncode == 0
        made = {p.name for p in (project / ".cache" / "pages").glob("*.json")}
        saga = project / "docs" / "patterns" / "saga.md"
        saga.write_text(saga.read_text(encoding="utf-8") + "\nA sentence the author just wrote.\n", encoding="utf-8")
        result = mkdocs_build(config, tmp_path / "after", "http://127.0.0.1:8000/", cwd=project)
        assert result.returncode == 0, result.stderr
        reused = made & {p.name for p in (project / ".cache" / "pages").glob("*.json")}
    before, after = digests(tmp_path / "before"), digests(tmp_path / "after")
    assert "A sentence the author just wrote." in (tmp_path / "after" / "patterns" / "saga" / "index.html").read_text()
    changed = sorted(f for f in before if before[f] != after.get(f))
    # the page, its Markdown for llms.txt, and the search index (its fragments and their hashes)
    assert "patterns/saga/index.html" in changed and "patterns/saga/index.html.md" in changed
    assert [f for f in changed if not f.startswith(("patterns/saga/", "pagefind/"))] == []
    assert len(made) - len(reused) == 1  # every other page was reused
