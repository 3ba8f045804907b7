"""Fixtures shared by the build and browser tests: one strict build of the real site per session."""

from __future__ import annotations

import pytest

from support.sitebuild import ROOT, BuiltSite, free_port, mkdocs_build


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    """The real site, built once with --strict, for the port the browser tests serve it on."""
    port = free_port()
    site_dir = tmp_path_factory.mktemp("site")
    result = mkdocs_build(ROOT / "mkdocs.yml", site_dir, f"http://127.0.0.1:{port}/")
    log = result.stdout + result.stderr
    if result.returncode != 0:
        pytest.fail(f"mkdocs build --strict failed:\n{log}")
    return BuiltSite(site_dir, port, log)
