"""The prose checker itself: it must catch what it claims to catch."""

from __future__ import annotations

from pathlib import Path

from pattern_roadmap.domain import prose

GOOD_BODY = " ".join(f"word{i}" for i in range(650))


def page(tmp_path: Path, text: str) -> prose.Report:
    path = tmp_path / "example.md"
    path.write_text(text, encoding="utf-8")
    return prose.check_page(path)


def full_page(extra: str = "") -> str:
    return (
        f"## How it works\n\n{GOOD_BODY}\n\n```mermaid\ngraph LR\n  A --> B\n```\n\n"
        f"## Worked example\n\nText.\n\n## Pitfalls\n\nText.\n{extra}"
    )


def test_a_complete_page_passes(tmp_path: Path) -> None:
    report = page(tmp_path, full_page())
    assert report.problems == []
    assert report.diagrams == ["graph LR A --> B"]


def test_code_does_not_count_as_prose() -> None:
    code = "```python\n" + "x = 1\n" * 700 + "```\n"
    assert prose.word_count("one two three\n\n" + code) == 3


def test_short_page_is_flagged(tmp_path: Path) -> None:
    report = page(tmp_path, "## How it works\n\nToo short.\n")
    assert any("at least 600 words" in p for p in report.problems)
    assert any("mermaid" in p for p in report.problems)
    assert any("Worked example" in p for p in report.problems)


def test_placeholders_are_flagged(tmp_path: Path) -> None:
    for filler in ("Key principle 1", "TODO: write", "Lorem ipsum", "[Pattern explanation here]", "ğŸ“š"):
        report = page(tmp_path, full_page(f"\n{filler}\n"))
        assert any("placeholder" in p for p in report.problems), filler


def test_code_that_does_not_parse_is_flagged(tmp_path: Path) -> None:
    report = page(tmp_path, full_page("\n```python\ndef broken(:\n    pass\n```\n"))
    assert any("Python that parses" in p for p in report.problems)
    report = page(tmp_path, full_page("\n```yaml\nkey: [unclosed\n```\n"))
    assert any("YAML that loads" in p for p in report.problems)


def test_an_h1_in_prose_is_flagged(tmp_path: Path) -> None:
    report = page(tmp_path, "# Title\n\n" + full_page())
    assert any("no H1" in p for p in report.problems)


def test_shingles_are_eight_word_windows() -> None:
    text = "one two three four five six seven eight nine"
    assert prose.shingles(text) == {
        ("one", "two", "three", "four", "five", "six", "seven", "eight"),
        ("two", "three", "four", "five", "six", "seven", "eight", "nine"),
    }


def test_html_in_a_diagram_is_flagged(tmp_path: Path) -> None:
    report = page(tmp_path, full_page("\n```mermaid\ngraph LR\n  A[one<br/>two] --> B\n```\n"))
    assert any("HTML-like" in p for p in report.problems)
