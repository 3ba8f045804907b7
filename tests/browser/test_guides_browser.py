"""The guides in Chromium: the wizard narrows and keeps its state in the address, the quiz reveals
its answers, and the progress tracker survives reloads, exports, imports and broken storage."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from pattern_roadmap.domain.catalog import load_catalog
from pattern_roadmap.domain.generator import load_generator
from pattern_roadmap.domain.guides import load_guides
from support.dataset import lazy
from support.sitebuild import BuiltSite

pytestmark = pytest.mark.browser
CATALOG = lazy(load_catalog)
GUIDES = lazy(load_guides, CATALOG, lazy(load_generator, CATALOG))
KEY = "pattern-roadmap.progress"
TRACKER = "guides/progress/"


def visible_answers(page: Page) -> list[str]:
    return page.locator("[data-pr-answer]:visible").evaluate_all("els => els.map(e => e.dataset.prAnswer)")


def test_wizard_choices_narrow_the_view_and_go_into_the_address(page: Page, site: BuiltSite, offsite: list) -> None:
    page.goto(site.url + "guides/selection-wizard/")
    form = page.locator("[data-pr-wizard]")
    expect(form).to_be_visible()
    first = GUIDES.wizard.domains[0]
    assert visible_answers(page) == [a.id for a in first.question.answers]
    payments = next(d for d in GUIDES.wizard.domains if d.id == "payments")
    page.select_option("#pr-wizard-domain", "payments")
    expect(page.locator("label[for=pr-wizard-answer]")).to_have_text(payments.question.text)
    assert visible_answers(page) == [a.id for a in payments.question.answers]  # its tab is now the open one
    answer = payments.question.answers[1]
    page.select_option("#pr-wizard-answer", answer.id)
    assert visible_answers(page) == [answer.id]
    expect(page).to_have_url(re.compile(rf"\?domain=payments&answer={answer.id}$"))
    shown = page.locator(f"#payments-{answer.id} td:first-child a").all_inner_texts()
    assert shown == [CATALOG.get(p.pattern).name for p in answer.stack]
    # The address alone restores the view, and clicking another tab moves the form with it.
    page.goto(site.url + f"guides/selection-wizard/?domain=payments&answer={answer.id}")
    assert visible_answers(page) == [answer.id]
    page.locator(".tabbed-labels label", has_text=GUIDES.wizard.domains[3].name).click()
    expect(page.locator("#pr-wizard-domain")).to_have_value(GUIDES.wizard.domains[3].id)
    assert offsite == []


def test_wizard_reports_unknown_address_values_and_shows_the_defaults(page: Page, site: BuiltSite) -> None:
    page.goto(site.url + "guides/selection-wizard/?domain=<img src=x onerror=alert(1)>&answer=zzz&colour=red")
    message = page.locator("[data-pr-wizard] [role=alert]")
    expect(message).to_be_visible()
    expect(message).to_contain_text('Unknown parameter "colour" was ignored.')
    expect(message).to_contain_text('Parameter "domain" has an unknown value')
    expect(page.locator("#pr-wizard-domain")).to_have_value(GUIDES.wizard.domains[0].id)
    assert visible_answers(page) == [a.id for a in GUIDES.wizard.domains[0].question.answers]
    assert page.locator("[data-pr-wizard] img").count() == 0


def test_wizard_works_without_javascript(browser, site: BuiltSite) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site.url + "guides/selection-wizard/")
    expect(page.locator("[data-pr-wizard]")).to_be_hidden()
    page.locator(".tabbed-labels label", has_text=GUIDES.wizard.domains[2].name).click()  # a plain label
    expect(page.locator(f"[data-pr-domain={GUIDES.wizard.domains[2].id}]")).to_be_visible()
    context.close()


def test_quiz_answer_is_hidden_until_opened(page: Page, site: BuiltSite) -> None:
    page.goto(site.url + "guides/learning-paths/")
    q = GUIDES.learning.groups[0].quiz[0]
    block = page.locator(".pr-quiz").first
    answer = block.locator("details")
    expect(answer.get_by_text(q.reasoning[:40])).to_be_hidden()
    answer.locator("summary").click()
    expect(answer.get_by_text(q.reasoning[:40])).to_be_visible()
    expect(answer).to_contain_text(q.choices[q.answer])


# ---------------------------------------------------------------------------
# Progress tracker
# ---------------------------------------------------------------------------


def stored(page: Page) -> dict:
    return json.loads(page.evaluate(f"localStorage.getItem('{KEY}')") or "null")


def test_tracker_keeps_status_across_reloads_pattern_pages_and_the_catalog(page: Page, site: BuiltSite) -> None:
    page.goto(site.url + TRACKER)
    expect(page.locator("[data-pr-progress-tools]")).to_be_visible()
    page.get_by_label("Status of Circuit Breaker").select_option("piloting")
    page.get_by_label("Status of Timeout").select_option("verified")
    expect(page.locator("[data-pr-progress-tools] [role=status]")).to_contain_text(
        f"2 of {len(CATALOG.patterns)} patterns tracked: 1 piloting, 1 verified."
    )
    page.reload()
    expect(page.get_by_label("Status of Circuit Breaker")).to_have_value("piloting")
    data = stored(page)
    assert data["format"] == "pattern-roadmap-progress" and set(data["patterns"]) == {"circuit-breaker", "timeout"}
    # The pattern page shows the same status and can change it.
    page.goto(site.url + "patterns/circuit-breaker/")
    control = page.get_by_label("Your progress")
    expect(control).to_have_value("piloting")
    control.select_option("production")
    page.goto(site.url + "patterns/")
    row = page.locator("[data-pr-catalog] tr", has=page.locator("a[href$='/circuit-breaker/']"))
    expect(row.locator(".pr-progress-badge")).to_have_text("In production")
    page.goto(site.url + TRACKER)
    expect(page.get_by_label("Status of Circuit Breaker")).to_have_value("production")


def test_tracker_exports_and_imports_a_json_file(page: Page, site: BuiltSite, tmp_path: Path) -> None:
    page.goto(site.url + TRACKER)
    page.get_by_label("Status of Saga").select_option("planned")
    with page.expect_download() as download:
        page.get_by_role("button", name="Export as JSON").click()
    exported = json.loads(Path(download.value.path()).read_text(encoding="utf-8"))
    assert exported["patterns"]["saga"]["status"] == "planned"
    page.on("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Clear all progress").click()
    expect(page.get_by_label("Status of Saga")).to_have_value("")
    assert stored(page)["patterns"] == {}
    exported["patterns"]["bulkhead"] = {"status": "verified", "updated": "2026-01-02"}
    file = tmp_path / "progress.json"
    file.write_text(json.dumps(exported), encoding="utf-8")
    page.locator("[data-pr-progress-import]").set_input_files(str(file))
    expect(page.locator("[data-pr-progress-tools] [role=alert]")).to_have_text("Imported 2 patterns.")
    expect(page.get_by_label("Status of Saga")).to_have_value("planned")
    expect(page.get_by_label("Status of Bulkhead")).to_have_value("verified")
    assert set(stored(page)["patterns"]) == {"saga", "bulkhead"}


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("{not json", "not valid JSON"),
        ('{"patterns": {"saga": {"status": "planned"}}}', "not a progress export"),
        ("[1, 2, 3]", "not a progress export"),
    ],
)
def test_a_bad_import_file_is_reported_and_changes_nothing(
    page: Page, site: BuiltSite, tmp_path: Path, content: str, expected: str
) -> None:
    page.goto(site.url + TRACKER)
    page.get_by_label("Status of Timeout").select_option("piloting")
    before = stored(page)
    file = tmp_path / "bad.json"
    file.write_text(content, encoding="utf-8")
    page.locator("[data-pr-progress-import]").set_input_files(str(file))
    message = page.locator("[data-pr-progress-tools] [role=alert]")
    expect(message).to_contain_text(expected)
    expect(message).to_contain_text("Nothing changed.")
    assert stored(page) == before


def test_a_hostile_import_keeps_only_valid_entries_and_renders_nothing_as_html(
    page: Page, site: BuiltSite, tmp_path: Path
) -> None:
    page.goto(site.url + TRACKER)
    hostile = {
        "format": "pattern-roadmap-progress",
        "version": 1,
        "patterns": {
            "<img src=x onerror=alert(1)>": {"status": "planned"},
            "saga": {"status": "<script>alert(1)</script>"},
            "__proto__": {"status": "planned"},
            "no-such-pattern": {"status": "planned"},
            "timeout": {"status": "verified", "updated": "<b>today</b>"},
        },
    }
    file = tmp_path / "hostile.json"
    file.write_text(json.dumps(hostile), encoding="utf-8")
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.locator("[data-pr-progress-import]").set_input_files(str(file))
    message = page.locator("[data-pr-progress-tools] [role=alert]")
    expect(message).to_contain_text("Imported 1 pattern.")
    expect(message).to_contain_text("4 entries not understood or not in this catalog were skipped.")
    assert stored(page)["patterns"] == {"timeout": {"status": "verified", "updated": ""}}
    assert page.locator("main img[src=x], main b").count() == 0 and dialogs == []


@pytest.mark.parametrize(
    ("value", "expected", "kept"),
    [
        ("{not json at all", "unreadable", set()),
        ('{"foreign": "app data"}', "unreadable", set()),
        (
            '{"format": "pattern-roadmap-progress", "version": 1, "patterns": '
            '{"saga": {"status": "planned"}, "timeout": {"status": 42}}}',
            "1 saved entry was not understood",
            {"saga"},
        ),
    ],
)
def test_corrupted_storage_is_set_aside_reported_and_recovered(
    page: Page, site: BuiltSite, value: str, expected: str, kept: set
) -> None:
    page.goto(site.url + TRACKER)
    page.evaluate("([key, value]) => localStorage.setItem(key, value)", [KEY, value])
    page.goto(site.url + "patterns/saga/")
    expect(page.locator(".pr-progress-widget [role=alert]")).to_contain_text(expected)
    expect(page.get_by_label("Your progress")).to_have_value("planned" if kept else "")
    assert page.evaluate(f"localStorage.getItem('{KEY}.unreadable')") == value  # nothing is lost
    assert set(stored(page)["patterns"]) == kept
    page.goto(site.url + TRACKER)  # reported once; the tracker works on
    expect(page.locator("[data-pr-progress-tools] [role=alert]")).to_be_hidden()
    page.get_by_label("Status of Bulkhead").select_option("planned")
    assert set(stored(page)["patterns"]) == kept | {"bulkhead"}
