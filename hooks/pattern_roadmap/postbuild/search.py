"""Site search: Pagefind's index behind Material's search box.

Material keeps its search box, its shortcuts (/, s, f) and its keyboard use; its search plugin
only writes an empty index, since every page is excluded from it (page meta `search.exclude`).
Material's search worker is swapped for docs/assets/javascripts/search-worker.js, which answers
Material's queries from a Pagefind index. Why Pagefind: with every sentence of every page in
it, Material's index is 2.0 MB (613 KiB gzipped), which a reader downloads whole before the
first result. From Pagefind a reader fetches only the index chunks and page fragments a query
needs: about 190 KiB for the first query (its WebAssembly included) and 50-100 KiB for each
later one, and nothing until they search (`make bench` prints these figures).

What is indexed: each page's article (marked `data-pagefind-body`), minus what is not prose a reader searches for:
`LEFT_OUT` here (what the theme and Markdown make), and what our templates mark
`data-pagefind-ignore` (the catalog's table, whose filter has its own text index; the lists of
neighbouring patterns on a pattern page; the success-metrics tables and the progress tracker,
which repeat every pattern). So the catalog page is found by its title and introduction, and each pattern by
its own page.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

ARTICLE = '<article class="md-content__inner md-typeset">'  # Material's; `prepare` marks it for the index
INDEXED = "pr_search_indexed"  # page meta: does the page's front matter let it into search?
LEFT_OUT = ", ".join(
    [
        "pre.mermaid",  # diagram sources
        ".headerlink",  # the pilcrow after each heading
        "form",  # form controls: labels and options, not prose
        "template",  # the generator's output templates
    ]
)
BUNDLE = "pagefind"
# What the site uses from Pagefind's bundle; its ready-made search interfaces are removed.
UNUSED = re.compile(r"^pagefind-(component-ui|modular-ui|ui|highlight)\.(js|css)$")
MATERIAL_WORKER = re.compile(r'("search": "[^"]*)assets/javascripts/workers/search\.[0-9a-f]+\.min\.js"')
OWN_WORKER = "assets/javascripts/search-worker.js"


class SearchIndexError(RuntimeError):
    pass


def take_over(meta: dict) -> None:
    """Before a page renders: keep it out of Material's own index (its search box stays; Pagefind
    answers it), and remember whether its front matter asked to leave it out of search."""
    search = meta.get("search") or {}
    meta[INDEXED] = not search.get("exclude", False)
    meta["search"] = {**search, "exclude": True}


def prepare(page_html: str, meta: dict) -> str:
    """After a page renders: mark its article for Pagefind (unless it is left out of search) and
    point Material's configuration at our search worker (on the same relative path)."""
    if meta.get(INDEXED, True):
        page_html = page_html.replace(ARTICLE, ARTICLE[:-1] + " data-pagefind-body>", 1)
    return MATERIAL_WORKER.sub(rf'\g<1>{OWN_WORKER}"', page_html, count=1)


def start_index(site_dir: str | Path) -> subprocess.Popen:
    """Start Pagefind on the built pages (it runs while the generator's workers finish)."""
    command = [
        sys.executable, "-m", "pagefind", "--site", str(site_dir), "--output-subdir", BUNDLE,
        "--exclude-selectors", LEFT_OUT, "--silent",
    ]
    return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def finish_index(process: subprocess.Popen, site_dir: str | Path) -> None:
    output, _ = process.communicate()
    if process.returncode != 0:
        raise SearchIndexError(f"Pagefind could not index the site (exit {process.returncode}):\n{output.strip()}")
    bundle = Path(site_dir) / BUNDLE
    for path in bundle.iterdir():
        if UNUSED.match(path.name):
            path.unlink()
    shutil.rmtree(bundle / "playground", ignore_errors=True)
