"""Reusing a page's converted HTML (render/page_cache.py): the key covers what the conversion reads."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from pattern_roadmap.render.page_cache import INCLUDES, PageCache, stable


def test_the_context_text_has_no_memory_addresses() -> None:
    """Settings hold functions (the emoji index, the mermaid fence); their text must not change
    between processes, or nothing would ever be reused."""
    code = (
        "import sys; sys.path.insert(0, 'hooks');"
        "from pattern_roadmap.render.page_cache import stable;"
        "from material.extensions.emoji import twemoji;"
        "print(stable({'b': [1, twemoji], 'a': {'x': object}}))"
    )
    runs = {subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
            for _ in range(2)}
    assert len(runs) == 1
    assert "0x" not in runs.pop()
    assert stable({"b": 1, "a": 2}) == stable({"a": 2, "b": 1})


def test_the_key_changes_with_each_input(tmp_path: Path) -> None:
    cache = PageCache("context", tmp_path)
    key = cache.key("# Saga\n\nText.", "patterns/saga.md", "patterns/saga/")
    assert key is not None
    assert key == PageCache("context", tmp_path).key("# Saga\n\nText.", "patterns/saga.md", "patterns/saga/")
    others = {
        cache.key("# Saga\n\nText!", "patterns/saga.md", "patterns/saga/"),  # an edit of the page
        cache.key("# Saga\n\nText.", "patterns/outbox.md", "patterns/saga/"),  # another source
        cache.key("# Saga\n\nText.", "patterns/saga.md", "patterns/saga.html"),  # another address
        PageCache("another page list", tmp_path).key("# Saga\n\nText.", "patterns/saga.md", "patterns/saga/"),
    }
    assert key not in others and len(others) == 4


def test_a_page_that_includes_files_is_never_reused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert PageCache("c", tmp_path).key(f'{INCLUDES} "docs/guides/code/retry.py:loop"', "a.md", "a/") is None
    monkeypatch.setenv("PAGE_CACHE", "0")
    assert PageCache("c", tmp_path).key("plain", "a.md", "a/") is None


def test_entries_round_trip_and_only_used_ones_are_kept(tmp_path: Path) -> None:
    cache = PageCache("c", tmp_path)
    entry = {"content": "<p>é &amp; <b>x</b></p>", "toc": [], "title": None, "anchors": ["a"], "links": None}
    cache.put("k1", entry)
    (tmp_path / "k2.json").write_text("{half-writ", encoding="utf-8")  # a build stopped mid-write
    (tmp_path / "old.json").write_text("{}", encoding="utf-8")
    fresh = PageCache("c", tmp_path)
    assert fresh.get("k1") == entry
    assert fresh.get("k2") is None
    fresh.prune()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["k1.json"]
