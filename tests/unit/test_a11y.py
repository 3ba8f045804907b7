"""The HTML accessibility fixes: names for Material's widgets and for task-list checkboxes."""

from __future__ import annotations

from pattern_roadmap.postbuild import a11y


def test_task_list_checkboxes_get_their_item_text_as_name() -> None:
    html = (
        '<ul class="task-list"><li class="task-list-item"><label class="task-list-control">'
        '<input type="checkbox"/><span class="task-list-indicator"></span></label> Owner is <em>named</em> &amp; '
        "planned</li></ul>"
    )
    fixed = a11y.label_task_items(html)
    assert '<input type="checkbox" aria-label="Owner is named &amp; planned"/>' in fixed
    assert fixed.endswith("planned</li></ul>")


def test_nested_task_lists_take_only_their_own_text() -> None:
    html = (
        '<li class="task-list-item"><label class="task-list-control"><input type="checkbox"/></label> Parent'
        '<ul><li class="task-list-item"><label class="task-list-control"><input type="checkbox"/></label>'
        " Child</li></ul></li>"
    )
    fixed = a11y.label_task_items(html)
    assert 'aria-label="Parent"' in fixed and 'aria-label="Child"' in fixed


def test_search_dialog_and_progress_bar_get_names() -> None:
    page = (
        '<div class="md-search" data-md-component="search" role="dialog">'
        '<div class="md-progress" data-md-component="progress" role="progressbar"></div>'
    )
    fixed = a11y.name_theme_widgets(page)
    assert 'role="dialog" aria-label="Search"' in fixed
    assert 'role="progressbar" aria-label="Loading the page"' in fixed
