"""Chandra banners for other agencies' web sites, drawn with Pillow in the shipped
Sarabun font, and the QR code that leads to Chandra (segno)."""

from __future__ import annotations

import functools
import io
from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext_lazy as _

NAVY = (42, 31, 92)
GOLD = (212, 175, 55)
WHITE = (255, 255, 255)
FONT_DIR = settings.PROJECT_DIR / "static" / "fonts"


@dataclass(frozen=True)
class BannerSize:
    slug: str
    width: int
    height: int
    label: object


# The IAB standard sizes most Thai government sites have a slot for.
SIZES = [
    BannerSize("728x90", 728, 90, _("Leaderboard")),
    BannerSize("468x60", 468, 60, _("Full banner")),
    BannerSize("300x250", 300, 250, _("Medium rectangle")),
    BannerSize("320x100", 320, 100, _("Large mobile banner")),
    BannerSize("160x600", 160, 600, _("Wide skyscraper")),
]
SIZES_BY_SLUG = {size.slug: size for size in SIZES}
TEXT = {
    "th": ("จันทรา", "แอปวุฒิสภา เพื่อประชาชน"),
    "en": ("Chandra", "The Senate's app for citizens"),
}


def _font(size: int, weight: int, script: str):
    """Sarabun as shipped (Fontsource's WOFF2 files, one per script; FreeType reads WOFF2)."""
    from PIL import ImageFont

    path = FONT_DIR / f"sarabun-{script}-{weight}-normal.woff2"
    return ImageFont.truetype(str(path), size, layout_engine=ImageFont.Layout.RAQM)


def _fit(draw, text: str, width: int, size: int, weight: int, script: str):
    while size > 8:
        font = _font(size, weight, script)
        if draw.textlength(text, font=font) <= width:
            return font
        size -= 1
    return _font(size, weight, script)


@functools.lru_cache(maxsize=32)
def banner_png(slug: str, language: str) -> bytes:
    """The banner of this size and language as PNG bytes."""
    from PIL import Image, ImageDraw

    size = SIZES_BY_SLUG[slug]
    language = language if language in TEXT else "th"
    title, tagline = TEXT[language]
    script = "thai" if language == "th" else "latin"
    image = Image.new("RGB", (size.width, size.height), NAVY)
    draw = ImageDraw.Draw(image)
    tall = size.height > size.width * 0.6  # rectangles and skyscrapers: moon above the words
    pad = max(8, int(min(size.width, size.height) * 0.1))
    if tall:
        text_width = size.width - 2 * pad
        lines = tagline.split(" ") if size.width < 200 else [tagline]
        moon = min(size.width * 0.45, size.height * 0.3)
        title_font = _fit(draw, title, text_width, int(min(size.width * 0.28, size.height * 0.16)), 700, script)
        tag_font = _fit(draw, max(lines, key=len), text_width, int(min(size.width * 0.14, size.height * 0.08)), 400, script)
        spacing = tag_font.size // 2
        block = moon + pad + title_font.size * 1.4 + len(lines) * (tag_font.size + spacing)
        top = (size.height - block) / 2
        cx, cy = size.width / 2, top + moon / 2
        _moon(draw, cx, cy, moon)
        text_top = top + moon + pad
        draw.text((size.width / 2, text_top), title, font=title_font, fill=WHITE, anchor="mt")
        draw.multiline_text(
            (size.width / 2, text_top + title_font.size * 1.4), "\n".join(lines), font=tag_font, fill=GOLD,
            anchor="ma", align="center", spacing=spacing,
        )
    else:
        moon = size.height * 0.6
        cx, cy = pad + moon / 2, size.height / 2
        _moon(draw, cx, cy, moon)
        left = int(cx + moon / 2 + pad)
        text_width = size.width - left - pad
        title_font = _fit(draw, title, text_width, int(size.height * 0.42), 700, script)
        tag_font = _fit(draw, tagline, text_width, int(size.height * 0.2), 400, script)
        block = title_font.size * 1.2 + tag_font.size * 1.3
        top = (size.height - block) / 2
        draw.text((left, top), title, font=title_font, fill=WHITE, anchor="lt")
        draw.text((left, top + title_font.size * 1.2), tagline, font=tag_font, fill=GOLD, anchor="lt")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def _moon(draw, cx: float, cy: float, size: float) -> None:
    """The crescent of Chandra's logo: a gold disc with a navy disc over it."""
    half = size / 2
    draw.ellipse([cx - half, cy - half, cx + half, cy + half], fill=GOLD)
    shift_x, shift_y = size * 0.28, size * 0.08
    draw.ellipse([cx - half + shift_x, cy - half - shift_y, cx + half + shift_x, cy + half - shift_y], fill=NAVY)


def qr_svg(url: str) -> bytes:
    import segno

    buffer = io.BytesIO()
    segno.make(url, error="m").save(buffer, kind="svg", scale=6, border=2, dark="#2a1f5c", xmldecl=False)
    return buffer.getvalue()


def qr_png(url: str) -> bytes:
    import segno

    buffer = io.BytesIO()
    segno.make(url, error="m").save(buffer, kind="png", scale=10, border=2, dark="#2a1f5c")
    return buffer.getvalue()
