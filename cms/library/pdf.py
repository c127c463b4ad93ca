"""Thai HTML to PDF with the browser the project already uses (Debian's chromium
through Playwright), in the shipped Sarabun font: properly shaped Thai with a real
text layer. The demo builds its documents with it."""

from __future__ import annotations

import base64
import shutil
from concurrent.futures import ThreadPoolExecutor

from django.conf import settings

FONT_DIR = settings.PROJECT_DIR / "static" / "fonts"


class BrowserMissing(RuntimeError):
    """No chromium on this machine (Debian package ``chromium``)."""


def _font_faces() -> str:
    faces = []
    for script, weight in (("thai", 400), ("thai", 700), ("latin", 400), ("latin", 700)):
        data = base64.b64encode((FONT_DIR / f"sarabun-{script}-{weight}-normal.woff2").read_bytes()).decode()
        faces.append(
            f"@font-face{{font-family:Sarabun;font-weight:{weight};"
            f"src:url(data:font/woff2;base64,{data}) format('woff2');}}"
        )
    return "".join(faces)


def page_html(body: str, *, title: str) -> str:
    return (
        "<!doctype html><html lang='th'><head><meta charset='utf-8'><title>" + title + "</title><style>"
        + _font_faces()
        + "body{font-family:Sarabun,sans-serif;font-size:16pt;line-height:1.7;margin:0}"
        "h1{font-size:22pt} .page{page-break-after:always} .page:last-child{page-break-after:auto}"
        ".label{font-size:11pt;color:#555;border-bottom:1px solid #999}</style></head><body>"
        + body + "</body></html>"
    )


def html_to_pdf(html: str) -> bytes:
    """Print ``html`` in a thread of its own: Playwright's sync API refuses to
    start in a thread whose asyncio loop is already running (an ASGI worker,
    or a caller that drives a browser itself)."""
    executable = shutil.which("chromium") or shutil.which("chromium-browser")
    if executable is None:
        raise BrowserMissing("chromium is not installed")
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(_print, html, executable).result()


def _print(html: str, executable: str) -> bytes:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=executable, args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        try:
            page = browser.new_page()
            page.set_content(html, wait_until="load")
            page.evaluate("document.fonts.ready")
            return page.pdf(format="A4", margin={"top": "2cm", "bottom": "2cm", "left": "2.5cm", "right": "2cm"})
        finally:
            browser.close()
