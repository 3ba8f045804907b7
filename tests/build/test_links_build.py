"""Link integrity over the whole built site: every internal link and anchor resolves; the sitemap is complete."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from support.sitebuild import BuiltSite, parse


@cache
def ids_in(path: Path) -> frozenset[str]:
    html = path.read_text(encoding="utf-8")
    return frozenset(re.findall(r'\sid="([^"]+)"', html)) | frozenset(re.findall(r'\sname="([^"]+)"', html))


def target(site: BuiltSite, page: Path, href: str) -> tuple[Path, str] | None:
    """The file a link points to and its fragment, or None for links that leave the site."""
    parts = urlsplit(href)
    if parts.scheme in ("mailto", "tel", "data", "javascript") or (
        parts.netloc and parts.netloc != f"127.0.0.1:{site.port}"
    ):
        return None
    base = "/" + page.relative_to(site.root).as_posix()
    path = unquote(urlsplit(urljoin(base, parts.path)).path) if parts.path else base
    file = site.root / path.lstrip("/")
    if file.is_dir() or path.endswith("/"):
        file = file / "index.html"
    return file, unquote(parts.fragment)


def test_every_internal_link_and_anchor_resolves(built_site: BuiltSite) -> None:
    broken = []
    pages = sorted(built_site.root.rglob("*.html"))
    assert len(pages) > 40
    for page in pages:
        for href in set(parse(page.read_text(encoding="utf-8")).anchors):
            found = target(built_site, page, href)
            if found is None:
                continue
            file, fragment = found
            where = f"{page.relative_to(built_site.root)} -> {href}"
            if not file.is_file():
                broken.append(f"{where}: no such file")
            elif fragment and file.suffix == ".html" and fragment not in ids_in(file):
                broken.append(f"{where}: no anchor #{fragment}")
    assert broken == []


def test_sitemap_lists_every_page(built_site: BuiltSite) -> None:
    sitemap = (built_site.root / "sitemap.xml").read_text(encoding="utf-8")
    listed = {urlsplit(u).path for u in re.findall(r"<loc>([^<]+)</loc>", sitemap)}
    pages = {
        "/" + p.relative_to(built_site.root).parent.as_posix().strip(".") + "/"
        for p in built_site.root.rglob("index.html")
    }
    pages = {p.replace("//", "/") for p in pages}
    assert pages - listed == set()
