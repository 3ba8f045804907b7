"""Spreadsheet templates for the pre-built roadmaps: an .xlsx (XlsxWriter) and a CSV twin of its task sheet.

Output is reproducible: the workbook's dates come from
SOURCE_DATE_EPOCH when it is set, or from a fixed date otherwise.
"""

from __future__ import annotations

import csv
import io
import os
from datetime import UTC, datetime

import xlsxwriter
from xlsxwriter.utility import xl_col_to_name

from pattern_roadmap.domain.catalog import Catalog
from pattern_roadmap.domain.roadmaps import roadmap_slots
from pattern_roadmap.schema.roadmaps import Roadmap

STATUSES = ["Not started", "In progress", "Done", "Blocked"]
TASK_COLUMNS = ["Phase", "Pattern", "Link", "Start week", "End week", "Effort (weeks)", "Owner", "Status"]
FIRST_WEEK_COLUMN = len(TASK_COLUMNS)


def tasks(roadmap: Roadmap, catalog: Catalog, site_url: str) -> list[list]:
    """The task rows shared by the .xlsx and the .csv, in roadmap order."""
    rows = []
    slots = iter(roadmap_slots(roadmap, catalog))
    for number, phase in enumerate(roadmap.phases, start=1):
        for _ in phase.steps:
            slot = next(slots)
            rows.append(
                [
                    f"{number}. {phase.name}",
                    catalog.get(slot.pattern).name,
                    f"{site_url.rstrip('/')}/patterns/{slot.pattern}/",
                    slot.start,
                    slot.end,
                    slot.end - slot.start + 1,
                    "",
                    STATUSES[0],
                ]
            )
    return rows


def build_csv(roadmap: Roadmap, catalog: Catalog, site_url: str) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([c.lower().replace(" (weeks)", "_weeks").replace(" ", "_") for c in TASK_COLUMNS])
    writer.writerows(tasks(roadmap, catalog, site_url))
    return out.getvalue()


def _created() -> datetime:
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    return datetime.fromtimestamp(int(epoch), UTC).replace(tzinfo=None) if epoch else datetime(2026, 1, 1)


def build_xlsx(roadmap: Roadmap, catalog: Catalog, site_url: str) -> bytes:
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_urls": False})
    book.set_properties(
        {"title": roadmap.name, "subject": roadmap.summary, "author": "Pattern Roadmap", "created": _created()}
    )
    bold = book.add_format({"bold": True, "bg_color": "#E8EAF6", "border": 1})
    week_head = book.add_format({"bold": True, "align": "center", "bg_color": "#E8EAF6", "border": 1})
    busy = book.add_format({"bg_color": "#3F51B5"})
    wrap = book.add_format({"text_wrap": True, "valign": "top"})
    link = book.add_format({"font_color": "#1A237E", "underline": 1})

    sheet = book.add_worksheet("Tasks")
    rows = tasks(roadmap, catalog, site_url)
    sheet.write_row(0, 0, TASK_COLUMNS, bold)
    for week in range(1, roadmap.weeks + 1):
        sheet.write_number(0, FIRST_WEEK_COLUMN + week - 1, week, week_head)
    for r, row in enumerate(rows, start=1):
        phase, name, url, start, end, effort, _owner, status = row
        sheet.write_string(r, 0, phase)
        sheet.write_string(r, 1, name)
        sheet.write_url(r, 2, url, link, string="Open pattern")
        sheet.write_number(r, 3, start)
        sheet.write_number(r, 4, end)
        sheet.write_number(r, 5, effort)
        sheet.write_blank(r, 6, None)
        sheet.write_string(r, 7, status)
    last = len(rows)
    sheet.data_validation(1, 7, last, 7, {"validate": "list", "source": STATUSES})
    first_week, last_week = FIRST_WEEK_COLUMN, FIRST_WEEK_COLUMN + roadmap.weeks - 1
    # Shade a week's cell when the week falls between the row's start and end weeks.
    week_col = xl_col_to_name(first_week)
    sheet.conditional_format(
        1,
        first_week,
        last,
        last_week,
        {"type": "formula", "criteria": f"=AND({week_col}$1>=$D2,{week_col}$1<=$E2)", "format": busy},
    )
    sheet.set_column(0, 0, 26)
    sheet.set_column(1, 1, 34)
    sheet.set_column(2, 2, 14)
    sheet.set_column(3, 5, 11)
    sheet.set_column(6, 7, 14)
    sheet.set_column(first_week, last_week, 3.6)
    sheet.freeze_panes(1, 2)
    sheet.autofilter(0, 0, last, len(TASK_COLUMNS) - 1)

    milestones = book.add_worksheet("Milestones")
    milestones.write_row(0, 0, ["Phase", "Milestone", "Week", "Target", "Met?"], bold)
    r = 0
    for number, phase in enumerate(roadmap.phases, start=1):
        for m in phase.milestones:
            r += 1
            milestones.write_row(r, 0, [f"{number}. {phase.name}", m.name, m.week, m.target, ""])
            milestones.write(r, 3, m.target, wrap)
    milestones.data_validation(1, 4, max(r, 1), 4, {"validate": "list", "source": ["Yes", "No"]})
    milestones.set_column(0, 0, 26)
    milestones.set_column(1, 1, 28)
    milestones.set_column(2, 2, 8)
    milestones.set_column(3, 3, 70)
    milestones.set_column(4, 4, 8)
    milestones.freeze_panes(1, 0)

    about = book.add_worksheet("About")
    facts = [
        ("Roadmap", roadmap.name),
        ("Summary", roadmap.summary),
        ("Audience", roadmap.audience),
        ("Length", f"{roadmap.weeks} weeks"),
        ("Online", f"{site_url.rstrip('/')}/roadmaps/{roadmap.id}/"),
        ("How to use", "Fill in Owner and Status on the Tasks sheet; the week columns shade from Start and End week."),
    ]
    for r, (key, value) in enumerate(facts):
        about.write_string(r, 0, key, bold)
        about.write_string(r, 1, value, wrap)
    about.set_column(0, 0, 14)
    about.set_column(1, 1, 90)
    book.close()
    return buffer.getvalue()
