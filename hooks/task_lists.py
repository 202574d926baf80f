"""MkDocs hook: the checkboxes of task lists (pymdownx.tasklist, `- [ ] ...`) named by their item's
text.

pymdownx.tasklist wraps each checkbox in an empty <label> and leaves the item's text after it, so a
screen reader announces "checkbox, not checked" with no name (axe-core's rule "label", WCAG 4.1.2).
The item's text gets an id, and the checkbox `aria-labelledby` it: read once, as its name.
"""

from __future__ import annotations

import re
from typing import Any

# one item: the checkbox in its label, then the item's own text up to its end or a nested list
TASK_ITEM = re.compile(
    r'(<li class="task-list-item">(?:<p>)?<label class="task-list-control">)<input type="checkbox"([^>]*?)/?>'
    r'(.*?</label>)(\s*)(.*?)(?=</li>|</p>|<ul|<ol)',
    re.DOTALL,
)


def label_task_items(html: str, prefix: str = "copc-task") -> str:
    """`html` with every task list checkbox labelled by its item's text."""
    count = 0

    def labelled(match: re.Match[str]) -> str:
        nonlocal count
        start, attrs, label_end, space, text = match.groups()
        if not text.strip() or "aria-label" in attrs:
            return match.group(0)
        count += 1
        name = f"{prefix}-{count}"
        return (f'{start}<input type="checkbox"{attrs} aria-labelledby="{name}"/>{label_end}{space}'
                f'<span id="{name}">{text}</span>')

    return TASK_ITEM.sub(labelled, html)


def on_page_content(html: str, **kwargs: Any) -> str:
    return label_task_items(html) if "task-list-item" in html else html
