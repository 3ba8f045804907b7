"""Broken data or a missing page stops the build with one clear line, no traceback, no half-built site."""

from __future__ import annotations

from pathlib import Path

from support.sitebuild import mkdocs_build


def build(project: Path) -> tuple[int, str, Path]:
    site = project / "out"
    result = mkdocs_build(project / "mkdocs.yml", site, "http://127.0.0.1:8000/", cwd=project)
    return result.returncode, result.stdout + result.stderr, site


def assert_clean_failure(code: int, log: str, site: Path, *expected: str) -> None:
    assert code != 0
    assert "Traceback" not in log
    for words in expected:
        assert words in log, f"{words!r} not in:\n{log}"
    assert not site.exists() or not any(site.rglob("*.html")), "a half-built site was left behind"


def test_broken_yaml_fails_the_build_with_file_and_line(project_copy: Path) -> None:
    path = project_copy / "roadmap_data" / "patterns" / "timeout.yml"
    path.write_text(path.read_text(encoding="utf-8") + "\nname: [unclosed\n", encoding="utf-8")
    assert_clean_failure(*build(project_copy), "roadmap_data/patterns/timeout.yml", "line", "expected valid YAML")


def test_wrong_type_fails_the_build_with_field(project_copy: Path) -> None:
    path = project_copy / "roadmap_data" / "patterns" / "caching.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("\neffort_weeks:", "\neffort_weeks: many\nold_effort_weeks:"), encoding="utf-8")
    assert_clean_failure(
        *build(project_copy), "roadmap_data/patterns/caching.yml", "field 'effort_weeks'", "integer"
    )


def test_dangling_prerequisite_fails_the_build(project_copy: Path) -> None:
    path = project_copy / "roadmap_data" / "patterns" / "saga.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("prerequisites:\n", "prerequisites:\n  - no-such-pattern\n", 1), encoding="utf-8")
    assert_clean_failure(*build(project_copy), "saga.yml", "prerequisites.0", "no-such-pattern")


def test_missing_prose_page_fails_the_build_naming_the_file(project_copy: Path) -> None:
    (project_copy / "docs" / "patterns" / "bulkhead.md").unlink()
    assert_clean_failure(*build(project_copy), "docs/patterns/bulkhead.md", "expected the prose page")


def test_missing_metadata_fails_the_build_naming_the_file(project_copy: Path) -> None:
    (project_copy / "roadmap_data" / "patterns" / "cdn.yml").unlink()
    assert_clean_failure(*build(project_copy), "roadmap_data/patterns/cdn.yml", "expected the metadata file")


def test_a_file_that_cannot_load_is_named_first_and_its_dependents_in_one_line(project_copy: Path) -> None:
    path = project_copy / "roadmap_data" / "patterns" / "saga.yml"
    path.write_text(path.read_text(encoding="utf-8") + "\nid: saga\n", encoding="utf-8")  # a duplicate key
    code, log, site = build(project_copy)
    assert_clean_failure(code, log, site, "duplicate key 'id'")
    lines = [line for line in log.splitlines() if "roadmap_data/" in line]
    assert "saga.yml" in lines[0] and "duplicate key 'id'" in lines[0], lines  # the root cause comes first
    summary = [line for line in lines if "references to 'saga' fail until it loads" in line]
    assert len(summary) == 1 and lines.index(summary[0]) == len(lines) - 1, lines
    assert not any("no 'saga.yml'" in line for line in lines), "dependents are summarised, not listed one by one"
