"""Draw the illustrations of the demo news articles (cms/news/demo_images/*.png).

Each is a flat picture of what its article is about, drawn with Pillow from
shapes, so the project owns it outright: CC0 (see cms/news/demo_images/README.md).
Run again after changing a drawing: .venv/bin/python bin/draw_news_images.py"""

import math
import pathlib

from PIL import Image, ImageDraw

OUT = pathlib.Path(__file__).resolve().parent.parent / "cms" / "news" / "demo_images"
W, H = 1200, 675
INDIGO, INDIGO_2, GOLD, CREAM, WHITE, RED, TEAL = (42, 31, 92), (67, 53, 143), (212, 175, 55), (245, 240, 225), (250, 250, 252), (196, 40, 48), (30, 110, 120)


def canvas(background):
    image = Image.new("RGB", (W, H), background)
    draw = ImageDraw.Draw(image)
    for step in range(8):  # a soft floor
        shade = tuple(max(0, c - 6 * step) for c in background)
        draw.rectangle([0, H - 60 - step * 20, W, H], fill=shade)
    return image, draw


def complaints_online(draw):
    draw.rounded_rectangle([470, 110, 730, 600], 36, fill=INDIGO, outline=WHITE, width=10)
    draw.rectangle([495, 160, 705, 540], fill=WHITE)
    draw.rounded_rectangle([515, 190, 690, 260], 18, fill=GOLD)
    draw.rounded_rectangle([515, 290, 660, 340], 14, fill=(210, 210, 225))
    draw.rounded_rectangle([515, 360, 690, 410], 14, fill=(210, 210, 225))
    draw.ellipse([760, 150, 960, 350], fill=TEAL)
    draw.line([(805, 255), (850, 300), (920, 205)], fill=WHITE, width=22, joint="curve")
    draw.rounded_rectangle([230, 230, 440, 360], 30, fill=GOLD)
    draw.polygon([(400, 350), (450, 410), (360, 355)], fill=GOLD)


def constitutions_archive(draw):
    for i, colour in enumerate([RED, TEAL, INDIGO_2, GOLD, RED]):
        draw.rectangle([150 + i * 70, 200 - (i % 2) * 30, 205 + i * 70, 560], fill=colour, outline=INDIGO, width=4)
    draw.polygon([(560, 250), (820, 210), (820, 540), (560, 580)], fill=CREAM, outline=INDIGO)
    draw.polygon([(820, 210), (1080, 250), (1080, 580), (820, 540)], fill=WHITE, outline=INDIGO)
    for row in range(7):
        draw.line([(600, 300 + row * 35), (790, 270 + row * 35)], fill=(150, 150, 170), width=6)
        draw.line([(850, 270 + row * 35), (1040, 300 + row * 35)], fill=(150, 150, 170), width=6)


def sitting_budget_bill(draw):
    cx, cy = W // 2, 600
    for ring, radius in enumerate(range(180, 480, 60)):
        seats = 9 + ring * 4
        for k in range(seats):
            angle = math.pi + math.pi * (k + 0.5) / seats
            x, y = cx + radius * math.cos(angle), cy + radius * math.sin(angle)
            draw.ellipse([x - 17, y - 17, x + 17, y + 17], fill=GOLD if ring % 2 else WHITE)
    draw.rectangle([cx - 90, 480, cx + 90, 600], fill=INDIGO, outline=GOLD, width=6)
    draw.rectangle([cx - 40, 420, cx + 40, 480], fill=GOLD)


def committee_hearing(draw):
    draw.rounded_rectangle([260, 300, 940, 420], 60, fill=(120, 80, 50))
    for k in range(6):
        x = 300 + k * 110
        draw.ellipse([x, 190, x + 70, 260], fill=CREAM)
        draw.rounded_rectangle([x - 10, 255, x + 80, 320], 20, fill=INDIGO_2 if k % 2 else TEAL)
    for k in range(5):
        x = 340 + k * 120
        draw.rectangle([x, 330, x + 60, 360], fill=WHITE)
    draw.rectangle([560, 120, 640, 170], fill=GOLD)


def visit_parliament(draw):
    draw.rectangle([200, 540, 1000, 600], fill=CREAM)
    draw.rectangle([240, 500, 960, 540], fill=CREAM)
    draw.rectangle([280, 280, 920, 500], fill=WHITE)
    for k in range(8):
        x = 310 + k * 78
        draw.rectangle([x, 300, x + 28, 500], fill=(225, 220, 235))
    draw.polygon([(260, 280), (940, 280), (600, 150)], fill=GOLD)
    draw.pieslice([520, 60, 680, 220], 180, 360, fill=GOLD)


def live_broadcast(draw):
    draw.rounded_rectangle([250, 130, 950, 520], 24, fill=INDIGO, outline=WHITE, width=12)
    draw.polygon([(540, 240), (540, 420), (690, 330)], fill=WHITE)
    draw.ellipse([820, 160, 900, 240], fill=RED)
    draw.rectangle([560, 520, 640, 580], fill=WHITE)
    draw.rectangle([460, 580, 740, 605], fill=WHITE)


def youth_law_training(draw):
    for k, colour in enumerate([TEAL, RED, INDIGO_2, GOLD]):
        x = 200 + k * 170
        draw.ellipse([x + 20, 240, x + 100, 320], fill=CREAM)
        draw.rounded_rectangle([x, 320, x + 120, 520], 40, fill=colour)
    draw.polygon([(860, 250), (1050, 310), (860, 370), (670, 310)], fill=INDIGO)
    draw.rectangle([800, 330, 920, 400], fill=INDIGO)
    draw.line([(1050, 310), (1050, 420)], fill=GOLD, width=8)
    draw.rectangle([760, 440, 1000, 520], fill=WHITE, outline=INDIGO, width=6)


def constitution_day(draw):
    draw.polygon([(430, 560), (770, 560), (700, 500), (500, 500)], fill=GOLD)
    draw.rectangle([560, 560, 640, 600], fill=GOLD)
    draw.rectangle([450, 610, 750, 640], fill=GOLD)
    draw.polygon([(500, 500), (700, 500), (680, 250), (520, 250)], fill=(205, 165, 45))
    draw.rectangle([530, 280, 670, 470], fill=CREAM, outline=INDIGO, width=6)
    top = 150
    for colour, height in [(RED, 30), (WHITE, 30), (INDIGO_2, 60), (WHITE, 30), (RED, 30)]:  # the Thai flag
        draw.rectangle([170, top, 370, top + height], fill=colour)
        draw.rectangle([830, top, 1030, top + height], fill=colour)
        top += height
    draw.line([(170, 150), (170, 560)], fill=CREAM, width=8)
    draw.line([(1030, 150), (1030, 560)], fill=CREAM, width=8)


def new_year_closure(draw):
    draw.rounded_rectangle([380, 130, 820, 560], 28, fill=WHITE, outline=INDIGO, width=8)
    draw.rectangle([388, 138, 812, 250], fill=RED)
    for k in range(2):
        draw.rounded_rectangle([470 + k * 230, 100, 500 + k * 230, 180], 12, fill=INDIGO)
    for row in range(3):
        for col in range(5):
            x, y = 420 + col * 78, 290 + row * 82
            draw.rectangle([x, y, x + 50, y + 50], fill=GOLD if (row, col) == (2, 4) else (215, 215, 228))


DRAWINGS = {
    "complaints-online": ((232, 236, 246), complaints_online),
    "constitutions-archive": ((240, 232, 214), constitutions_archive),
    "sitting-budget-bill": ((54, 42, 110), sitting_budget_bill),
    "committee-hearing": ((226, 238, 236), committee_hearing),
    "visit-parliament": ((190, 214, 236), visit_parliament),
    "live-broadcast": ((36, 36, 52), live_broadcast),
    "youth-law-training": ((246, 236, 214), youth_law_training),
    "constitution-day": ((80, 46, 110), constitution_day),
    "new-year-closure": ((222, 232, 244), new_year_closure),
}

if __name__ == "__main__":
    OUT.mkdir(parents=True, exist_ok=True)
    for slug, (background, draw_it) in DRAWINGS.items():
        image, draw = canvas(background)
        draw_it(draw)
        image.save(OUT / f"{slug}.png", optimize=True)
        print(OUT / f"{slug}.png")
