"""Security headers for static hosts: a Content Security Policy that the built site passes.

The only inline scripts in the site are Material's own few
bootstrap scripts; the policy allows exactly those, by hash, computed from the built HTML, so
it stays right when Material changes them. Everything else must come from the site's origin.
"""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)([^>]*)>(.*?)</script>", re.DOTALL)


def inline_script_hashes(site_dir: Path) -> list[str]:
    hashes = set()
    for page in site_dir.rglob("*.html"):
        for attrs, body in INLINE_SCRIPT.findall(page.read_text(encoding="utf-8")):
            if "application/json" in attrs:
                continue  # data, never executed
            digest = base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode("ascii")
            hashes.add(f"'sha256-{digest}'")
    return sorted(hashes)


def content_security_policy(hashes: list[str]) -> str:
    directives = {
        "default-src": ["'none'"],
        # 'wasm-unsafe-eval' lets the search worker compile Pagefind's WebAssembly; it allows no eval() of JS.
        "script-src": ["'self'", "'wasm-unsafe-eval'", *hashes],
        "style-src": ["'self'", "'unsafe-inline'"],  # Material and mermaid set inline styles
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "worker-src": ["'self'"],
        "manifest-src": ["'self'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "object-src": ["'none'"],
    }
    return "; ".join(f"{name} {' '.join(values)}" for name, values in directives.items())


def headers_file(site_dir: Path) -> str:
    """The `_headers` file read by Netlify and Cloudflare Pages; other hosts copy these values."""
    lines = [
        "/*",
        f"  Content-Security-Policy: {content_security_policy(inline_script_hashes(site_dir))}",
        "  X-Content-Type-Options: nosniff",
        "  Referrer-Policy: strict-origin-when-cross-origin",
        "  Permissions-Policy: camera=(), microphone=(), geolocation=()",
    ]
    return "\n".join(lines) + "\n"
