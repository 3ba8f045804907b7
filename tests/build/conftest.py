"""Build-test fixtures: throwaway copies of the project to break."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from support.sitebuild import ROOT

COPIED = ("mkdocs.yml", "docs", "overrides", "hooks", "roadmap_data")


@pytest.fixture
def project_copy(tmp_path: Path) -> Path:
    """A copy of the project's sources (node_modules linked) that a test may break."""
    for name in COPIED:
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(src, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(src, tmp_path / name)
    (tmp_path / "node_modules").symlink_to(ROOT / "node_modules")
    return tmp_path
