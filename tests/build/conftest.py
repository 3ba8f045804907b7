"""Build-test fixtures: throwaway copies of the project to break."""

from __future__ import annotations

from pathlib import Path

import pytest

from support.sitebuild import copy_project


@pytest.fixture
def project_copy(tmp_path: Path) -> Path:
    """A copy of the project's sources (node_modules linked) that a test may break."""
    return copy_project(tmp_path)
