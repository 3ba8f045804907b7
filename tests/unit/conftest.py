"""Unit-test fixtures."""

from __future__ import annotations

from pathlib import Path

import pytest

from support.datadir import DataDir


@pytest.fixture
def data_dir(tmp_path: Path) -> DataDir:
    return DataDir(tmp_path)


@pytest.fixture
def valid_pair(data_dir: DataDir) -> DataDir:
    data_dir.write("alpha", related=["beta"])
    data_dir.write("beta", name="Beta Pattern", prerequisites=["alpha"])
    return data_dir
