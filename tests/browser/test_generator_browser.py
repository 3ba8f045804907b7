"""The roadmap generator in Chromium: the form, shared links, hostile links, keyboard use, failures."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import ConsoleMessage, Page, expect

from support.sitebuild import BuiltSite

pytestmark = pytest.mark.browser

GEN = "roadmaps/generator/"
STEPS = "#generated-roadmap [data-pattern].pr-step"


@pytest.fixture
def errors(page: Page) -> list[str]:
    found: list[str] = []

    def console(message: ConsoleMessage) -> None:
        if message.type == "error":
            found.append(message.text)

    page.on("console", console)
    page.on("pageerror", lambda error: found.append(str(error)))
    return found


def rendered(page: Page) -> None:
    expect(page.locator(STEPS).first).to_be_visible()


def test_fill_the_form_and_generate(page: Page, site: BuiltSite, offsite: list, errors: list) -> None:
    fetched: list[str] = []
    page.on("request", lambda r: fetched.append(r.url))
    page.goto(site.url + GEN)
    page.select_option("#system-type", "complex-microservices")
    page.select_option("#current-scale", "enterprise")
    page.select_option("#team-size", "large")
    page.check("input[name=challenge][value=reliability]")
    page.check("input[name=challenge][value=complexity]")
    page.select_option("#primary-goal", "reliability")
    page.select_option("#timeline", "12months")
    page.get_by_role("button", name="Generate My Roadmap").click()
    rendered(page)
    query = parse_qs(urlsplit(page.url).query)
    assert query == {
        "system": ["complex-microservices"], "scale": ["enterprise"], "team": ["large"],
        "challenges": ["reliability,complexity"], "goal": ["reliability"], "timeline": ["12months"],
    }
    steps = page.locator(STEPS)
    assert steps.count() >= 3
    first = steps.first
    pattern = first.get_attribute("data-pattern")
    expect(first.locator("a")).to_have_attribute("href", re.compile(rf"/patterns/{pattern}/$"))
    expect(first.locator(".pr-step__reasons li").first).to_be_visible()
    expect(page.locator(".pr-phase__title").first).to_contain_text("Phase 1")
    expect(first.locator(".pr-step__now")).to_contain_text("Why now:")
    # The timeline is the pre-built roadmaps' table of bars: one row per step, no diagram library.
    rows = page.locator(".pr-roadmap__chart table.pr-gantt tbody tr:not(.pr-gantt__phase)")
    expect(rows).to_have_count(steps.count())
    expect(rows.first.locator(".pr-gantt__bar")).to_be_visible()
    assert [url for url in fetched if "/vendor/mermaid/" in url] == []
    assert offsite == [] and errors == []


def test_a_shared_link_renders_that_roadmap_straight_away(page: Page, site: BuiltSite, errors: list) -> None:
    page.goto(site.url + GEN + "?system=serverless&scale=growth&team=medium&challenges=consistency"
              "&goal=cost&timeline=6months")
    rendered(page)
    expect(page.locator("#system-type")).to_have_value("serverless")
    expect(page.locator("#timeline")).to_have_value("6months")
    expect(page.locator("input[name=challenge][value=consistency]")).to_be_checked()
    expect(page.locator("input[name=challenge][value=reliability]")).not_to_be_checked()
    assert page.locator(f"{STEPS}[data-pattern=idempotency]").count() == 1  # the golden plan's answer
    expect(page.locator("[data-pr-message]")).to_be_hidden()
    assert errors == []


HOSTILE = {
    "unknown value": ("?system=mainframe&scale=growth", "system", {"#system-type": "monolith"}),
    "unknown parameter": ("?colour=blue&team=large", "colour", {"#team-size": "large"}),
    "repeated key": ("?team=small&team=large", "team", {"#team-size": "small"}),
    "script payload": ("?goal=%3Cscript%3Ealert(1)%3C/script%3E", "goal", {"#primary-goal": "reliability"}),
    "attribute payload": ('?scale=%22%3E%3Cimg%20src=x%20onerror=alert(1)%3E', "scale", {"#current-scale": "startup"}),
    "huge value": ("?timeline=" + "9" * 5000, "timeline", {"#timeline": "6months"}),
    "bad challenge": ("?challenges=reliability,%3Cb%3Ebold%3C/b%3E", "challenges", {}),
}


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_bad_links_show_a_message_and_fall_back_to_defaults(
    page: Page, site: BuiltSite, errors: list, case: str
) -> None:
    query, param, expected = HOSTILE[case]
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(site.url + GEN + query)
    message = page.locator("[data-pr-message]")
    expect(message).to_be_visible()
    expect(message).to_contain_text(f'"{param}"')
    for selector, value in expected.items():
        expect(page.locator(selector)).to_have_value(value)
    # Nothing from the address became markup: no injected elements, no alerts.
    assert page.locator("#generated-roadmap img, #generated-roadmap script, [data-pr-message] img").count() == 0
    assert page.locator("[data-pr-message] b, [data-pr-message] script").count() == 0
    page.wait_for_load_state("networkidle")  # the plan's data has come and been rendered, or not
    assert dialogs == [] and errors == []


@pytest.mark.parametrize(
    ("query", "ticked", "named"),
    [
        ("?challenges=reliability&challenges=deployment", ["reliability", "deployment"], None),
        ("?challenges=reliability,bogus", ["reliability"], '"bogus"'),
        ("?challenges=performance&challenges=nope,consistency", ["performance", "consistency"], '"nope"'),
    ],
)
def test_a_shared_link_keeps_its_valid_challenges_and_names_the_bad_ones(
    page: Page, site: BuiltSite, errors: list, query: str, ticked: list[str], named: str | None
) -> None:
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(site.url + GEN + query)
    rendered(page)
    boxes = page.locator('input[name="challenge"]:checked')
    assert sorted(boxes.evaluate_all("(xs) => xs.map((x) => x.value)")) == sorted(ticked)
    message = page.locator("[data-pr-message]")
    if named is None:
        expect(message).to_be_hidden()
    else:
        expect(message).to_contain_text(named)
        box = message.bounding_box()
        assert box is not None and box["y"] + box["height"] <= 900, "the message is seen without scrolling"
        assert message.get_attribute("role") == "alert"  # announced to screen readers
    assert errors == []


def test_changing_only_checkboxes_makes_no_new_request(page: Page, site: BuiltSite) -> None:
    data_requests: list[str] = []
    page.on("request", lambda r: data_requests.append(r.url) if "/generator/data/" in r.url else None)
    page.goto(site.url + GEN)
    page.get_by_role("button", name="Generate My Roadmap").click()
    rendered(page)
    before = page.locator(STEPS).all_inner_texts()
    page.check("input[name=challenge][value=consistency]")
    page.check("input[name=challenge][value=performance]")
    page.get_by_role("button", name="Generate My Roadmap").click()
    expect(page).to_have_url(re.compile("challenges=performance,consistency"))
    assert page.locator(STEPS).all_inner_texts() != before
    assert len(data_requests) == 1
    assert urlsplit(data_requests[0]).path.endswith("/monolith.startup.small.reliability.6months.json.gz")


def test_keyboard_only(page: Page, site: BuiltSite) -> None:
    page.goto(site.url + GEN)
    page.locator("#system-type").focus()
    page.keyboard.press("ArrowDown")  # Basic Microservices
    for _ in range(3):  # to the scale, the team, then the first checkbox
        page.keyboard.press("Tab")
    expect(page.locator("input[name=challenge][value=reliability]")).to_be_focused()
    page.keyboard.press("Space")
    expect(page.locator("input[name=challenge][value=reliability]")).to_be_checked()
    page.get_by_role("button", name="Generate My Roadmap").focus()
    page.keyboard.press("Enter")
    rendered(page)
    expect(page.locator(".pr-roadmap__title")).to_be_focused()
    expect(page).to_have_url(re.compile("system=basic-microservices.*challenges=reliability"))


def test_data_failure_shows_a_message_and_retry_recovers(page: Page, site: BuiltSite, errors: list) -> None:
    page.route("**/generator/data/**", lambda route: route.abort())
    page.goto(site.url + GEN)
    page.get_by_role("button", name="Generate My Roadmap").click()
    message = page.locator("[data-pr-message]")
    expect(message).to_contain_text("could not be loaded")
    page.unroute("**/generator/data/**")
    message.get_by_role("button", name="Try again").click()
    rendered(page)
    expect(message).to_be_hidden()
    assert all("Failed to load resource" in e or "ERR_FAILED" in e for e in errors)


def test_every_link_in_a_roadmap_resolves(page: Page, site: BuiltSite) -> None:
    page.goto(site.url + GEN + "?system=hybrid&scale=scale&team=enterprise&challenges=reliability,performance,"
              "scalability,consistency,complexity,deployment&goal=scale&timeline=18months")
    rendered(page)
    hrefs = page.locator("#generated-roadmap a[href]").evaluate_all("links => links.map(a => a.href)")
    assert len(hrefs) > 10
    for href in set(hrefs):
        path = urlsplit(href).path
        assert (site.root / path.lstrip("/") / "index.html").is_file(), href


def test_downloads_match_the_rendered_plan(page: Page, site: BuiltSite) -> None:
    page.goto(site.url + GEN + "?system=monolith&scale=startup&team=small&challenges=reliability,deployment"
              "&goal=reliability&timeline=3months")
    rendered(page)
    names = page.locator(f"{STEPS} .pr-step__name").all_inner_texts()
    with page.expect_download() as info:
        page.get_by_role("button", name="Download CSV").click()
    rows = list(csv.DictReader(io.StringIO(Path(info.value.path()).read_text(encoding="utf-8"))))
    assert [r["pattern"] for r in rows] == names
    assert rows[0]["link"].startswith(site.url + "patterns/")
    with page.expect_download() as info:
        page.get_by_role("button", name="Download Markdown").click()
    text = Path(info.value.path()).read_text(encoding="utf-8")
    assert text.startswith("# Pattern roadmap") and all(f"[{name}]" in text for name in names)
