"""With SOURCE_DATE_EPOCH set, two builds of the site are byte-identical."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from support.sitebuild import ROOT, mkdocs_build


def digests(root: Path) -> dict[str, str]:
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def test_two_builds_are_byte_identical(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setitem(os.environ, "SOURCE_DATE_EPOCH", "1767225600")
    sites = []
    for name in ("first", "second"):
        result = mkdocs_build(ROOT / "mkdocs.yml", tmp_path / name, "http://127.0.0.1:8000/")
        assert result.returncode == 0, result.stderr
        sites.append(digests(tmp_path / name))
    first, second = sites
    assert len(first) > 1500
    assert first.keys() == second.keys()
    assert [f for f in first if first[f] != second[f]] == []
