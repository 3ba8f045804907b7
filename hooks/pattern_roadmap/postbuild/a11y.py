"""Accessibility fixes applied to rendered HTML (pure string functions).

Material's search dialog and loading bar have no accessible name, and task-list checkboxes
have their text outside their label. These add the missing names without copying any of
Material's templates.
"""

from __future__ import annotations

import html
import re

NAMES = {
    'class="md-search" data-md-component="search" role="dialog">': (
        'class="md-search" data-md-component="search" role="dialog" aria-label="Search">'
    ),
    'class="md-progress" data-md-component="progress" role="progressbar">': (
        'class="md-progress" data-md-component="progress" role="progressbar" aria-label="Loading the page">'
    ),
}

TASK = re.compile(
    r'(<li class="task-list-item"><label class="task-list-control"><input type="checkbox")([^>]*>)'
    r"(.*?</label>)(.*?)(?=<ul|<ol|</li>)",
    re.DOTALL,
)


def name_theme_widgets(page_html: str) -> str:
    for before, after in NAMES.items():
        page_html = page_html.replace(before, after)
    return page_html


def label_task_items(content_html: str) -> str:
    """Give every task-list checkbox its item's text as its accessible name."""

    def named(match: re.Match) -> str:
        text = html.unescape(re.sub(r"<[^>]+>", "", match[4])).strip()
        label = html.escape(" ".join(text.split()), quote=True)
        return f'{match[1]} aria-label="{label}"{match[2]}{match[3]}{match[4]}'

    return TASK.sub(named, content_html)
