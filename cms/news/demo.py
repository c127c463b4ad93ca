"""Demo news: categories, the news index in both languages and articles
spread over the year, all but one translated into English."""

import datetime as dt
import pathlib
from zoneinfo import ZoneInfo

from django.contrib.auth.models import Group
from wagtail.models import Locale
from wagtail.rich_text import RichText

from cms.base.demo import _page_permissions, demo_image, ensure_child, ensure_translation
from home.models import HomePage

from .models import NewsCategory, NewsIndexPage, NewsPage

BANGKOK = ZoneInfo("Asia/Bangkok")
# Drawn by the project for each article (bin/draw_news_images.py; CC0).
IMAGES = pathlib.Path(__file__).resolve().parent / "demo_images"
# The English pages' tags: the Thai tags of each article in English.
TAGS_EN = {
    "ร้องเรียน": "complaints", "จันทรา": "Chandra", "รัฐธรรมนูญ": "constitution", "การประชุม": "sittings",
    "งบประมาณ": "budget", "คณะกรรมาธิการ": "committees", "รับฟังความคิดเห็น": "public hearings",
    "เยี่ยมชมรัฐสภา": "visiting Parliament", "ถ่ายทอดสด": "live broadcast", "เยาวชน": "youth",
    "กฎหมาย": "law", "วันรัฐธรรมนูญ": "Constitution Day", "ประกาศ": "announcements",
}

CATEGORIES = [
    ("press", "ข่าวประชาสัมพันธ์", "Press releases"),
    ("sittings", "สรุปการประชุม", "Sitting summaries"),
    ("announcements", "ประกาศ", "Announcements"),
]

# (slug, category, date, tags, Thai (title, summary, paragraphs), English (…) or None)
ARTICLES = [
    ("complaints-online", "announcements", (2026, 11, 2, 9, 0), ["ร้องเรียน", "จันทรา"],
     ("วุฒิสภาเปิดช่องทางร้องเรียนและเสนอแนะผ่านแอปพลิเคชันจันทรา",
      "ประชาชนยื่นเรื่องร้องเรียน ข้อเสนอแนะ และคำขอข้อมูลข่าวสารถึงวุฒิสภาได้ทางออนไลน์ พร้อมติดตามสถานะด้วยรหัสติดตามเรื่อง",
      ["สำนักงานเลขาธิการวุฒิสภาเปิดช่องทางรับเรื่องร้องเรียนและข้อเสนอแนะทางออนไลน์ ผู้ยื่นเรื่องจะได้รับรหัสติดตามเรื่องและรหัส PIN เพื่อตรวจสอบความคืบหน้าได้ตลอดเวลา",
       "ผู้ร้องเรียนเลือกไม่เปิดเผยตัวตนได้ และข้อมูลส่วนบุคคลจะเปิดดูได้เฉพาะเจ้าหน้าที่ที่ได้รับมอบหมายเท่านั้น ทุกขั้นตอนของการพิจารณาถูกบันทึกไว้อย่างครบถ้วน"]),
     ("The Senate opens complaints and suggestions in the Chandra app",
      "Citizens can now send complaints, suggestions and requests for information to the Senate online, and follow them with a tracking code.",
      ["The Secretariat of the Senate now takes complaints and suggestions online. Each filer receives a tracking code and a PIN to follow progress at any time.",
       "Complaints may be anonymous, and personal data is visible only to the officers assigned. Every step of the handling is recorded."])),
    ("constitutions-archive", "press", (2026, 10, 20, 10, 30), ["รัฐธรรมนูญ"],
     ("อ่านรัฐธรรมนูญไทยครบทุกฉบับ ตั้งแต่ พ.ศ. ๒๔๗๕ ถึงฉบับปัจจุบัน",
      "รวบรวมรัฐธรรมนูญและธรรมนูญการปกครองทั้งยี่สิบฉบับไว้ให้อ่านเป็นรายมาตรา ค้นหาและเปรียบเทียบได้",
      ["ประชาชนอ่านรัฐธรรมนูญทุกฉบับได้เป็นรายมาตรา ตั้งแต่พระราชบัญญัติธรรมนูญการปกครองแผ่นดินสยามชั่วคราว พุทธศักราช ๒๔๗๕ จนถึงรัฐธรรมนูญแห่งราชอาณาจักรไทย พุทธศักราช ๒๕๖๐",
       "ผู้อ่านเปรียบเทียบบทบัญญัติเรื่องเดียวกันระหว่างฉบับ เช่น ที่มาของวุฒิสภา และดูถ้อยคำก่อนและหลังการแก้ไขเพิ่มเติมได้"]),
     ("Read every Thai constitution, from 1932 to today",
      "All twenty constitutions and charters, section by section, searchable and comparable.",
      ["Every Thai constitution can now be read section by section, from the temporary charter of 27 June 1932 to the Constitution of 2017.",
       "Readers can compare provisions on the same subject across constitutions, such as how the Senate is composed, and see the wording before and after an amendment."])),
    ("sitting-budget-bill", "sittings", (2026, 9, 14, 13, 30), ["การประชุม", "งบประมาณ"],
     ("สรุปการประชุมวุฒิสภา: พิจารณาร่างพระราชบัญญัติงบประมาณรายจ่ายประจำปี",
      "ที่ประชุมวุฒิสภาพิจารณาร่างพระราชบัญญัติงบประมาณรายจ่ายประจำปีที่สภาผู้แทนราษฎรให้ความเห็นชอบแล้ว",
      ["ที่ประชุมวุฒิสภาพิจารณาร่างพระราชบัญญัติงบประมาณรายจ่ายประจำปีตามกรอบเวลาที่รัฐธรรมนูญกำหนด โดยสมาชิกอภิปรายถึงการจัดสรรงบประมาณด้านการศึกษา สาธารณสุข และการพัฒนาท้องถิ่น",
       "ประชาชนรับชมบันทึกการถ่ายทอดสดการประชุมย้อนหลังได้ทางช่องทางออนไลน์ของวุฒิสภา"]),
     ("Sitting summary: the annual appropriations bill",
      "The Senate considered the annual appropriations bill passed by the House of Representatives.",
      ["The Senate considered the annual appropriations bill within the time the Constitution allows. Senators debated spending on education, public health and local development.",
       "The recorded broadcast of the sitting is available on the Senate's online channels."])),
    ("committee-hearing", "press", (2026, 8, 25, 9, 30), ["คณะกรรมาธิการ", "รับฟังความคิดเห็น"],
     ("คณะกรรมาธิการรับฟังความคิดเห็นประชาชนต่อร่างกฎหมาย",
      "คณะกรรมาธิการของวุฒิสภาเปิดรับฟังความคิดเห็นของประชาชนและผู้มีส่วนได้เสียก่อนพิจารณาร่างกฎหมาย",
      ["คณะกรรมาธิการจัดเวทีรับฟังความคิดเห็นของประชาชน หน่วยงานรัฐ และภาคเอกชน ต่อร่างกฎหมายที่อยู่ระหว่างการพิจารณา ผลการรับฟังจะประกอบการพิจารณาในวาระต่อไป",
       "ผู้สนใจส่งความเห็นเป็นลายลักษณ์อักษรได้ทางช่องทางเสนอแนะของระบบจันทรา"]),
     ("Committee hears the public on a bill",
      "A Senate committee is hearing citizens and stakeholders before it considers a bill.",
      ["The committee held a hearing with citizens, government agencies and businesses on a bill under consideration. What it heard will inform the next reading.",
       "Written comments can be sent through the suggestions channel of Chandra."])),
    ("visit-parliament", "press", (2026, 7, 8, 10, 0), ["เยี่ยมชมรัฐสภา"],
     ("เปิดให้ประชาชนเยี่ยมชมอาคารรัฐสภา",
      "ประชาชน นักเรียน และนักศึกษา ลงทะเบียนเข้าเยี่ยมชมอาคารรัฐสภาและเรียนรู้บทบาทของวุฒิสภาได้",
      ["สำนักงานเลขาธิการวุฒิสภาเปิดให้คณะบุคคลลงทะเบียนเข้าเยี่ยมชมอาคารรัฐสภา พร้อมวิทยากรบรรยายบทบาทหน้าที่ของวุฒิสภาและกระบวนการนิติบัญญัติ",
       "คณะที่ประสงค์จะเข้าเยี่ยมชมควรแจ้งล่วงหน้าอย่างน้อยสิบห้าวันทำการ"]),
     ("Visit Parliament House",
      "Citizens, schools and universities can register to visit Parliament House and learn about the Senate.",
      ["Groups can register to visit Parliament House, with a guide who explains the role of the Senate and how laws are made.",
       "Groups should register at least fifteen working days in advance."])),
    ("live-broadcast", "announcements", (2026, 6, 1, 8, 0), ["ถ่ายทอดสด"],
     ("ติดตามการประชุมวุฒิสภาแบบถ่ายทอดสด",
      "ชมการประชุมวุฒิสภาแบบสดและดูว่าขณะนี้กำลังพิจารณาระเบียบวาระใด",
      ["วุฒิสภาถ่ายทอดสดการประชุมทุกครั้งทางช่องทางออนไลน์ ผู้ชมดูระเบียบวาระการประชุมและเรื่องที่กำลังพิจารณาได้พร้อมกัน"]),
     ("Follow Senate sittings live",
      "Watch Senate sittings live and see which agenda item is being considered.",
      ["Every sitting of the Senate is broadcast live online, with the agenda and the item under consideration shown alongside."])),
    ("youth-law-training", "press", (2026, 5, 12, 9, 0), ["เยาวชน", "กฎหมาย"],
     ("วุฒิสภาจัดอบรมความรู้กฎหมายและรัฐธรรมนูญแก่เยาวชน",
      "โครงการอบรมเยาวชนเรื่องรัฐธรรมนูญ ระบบรัฐสภา และการมีส่วนร่วมทางการเมือง",
      ["สำนักงานเลขาธิการวุฒิสภาจัดอบรมเยาวชนจากทั่วประเทศ ให้ความรู้เรื่องรัฐธรรมนูญ บทบาทของรัฐสภา และสิทธิหน้าที่ของพลเมือง",
       "ผู้เข้าร่วมได้ทดลองจัดประชุมจำลองและพิจารณาร่างกฎหมายตามขั้นตอนจริง"]),
     ("Training on law and the constitution for young people",
      "A programme on the constitution, the parliamentary system and taking part in public life.",
      ["The Secretariat trained young people from across the country on the constitution, the role of Parliament and citizens' rights and duties.",
       "Participants held a mock sitting and took a bill through its stages."])),
    ("constitution-day", "press", (2025, 12, 10, 8, 30), ["รัฐธรรมนูญ", "วันรัฐธรรมนูญ"],
     ("วันรัฐธรรมนูญ ๑๐ ธันวาคม",
      "รำลึกถึงการพระราชทานรัฐธรรมนูญแห่งราชอาณาจักรสยาม เมื่อวันที่ ๑๐ ธันวาคม พุทธศักราช ๒๔๗๕",
      ["วันที่ ๑๐ ธันวาคม เป็นวันรัฐธรรมนูญ ระลึกถึงการพระราชทานรัฐธรรมนูญแห่งราชอาณาจักรสยาม พุทธศักราช ๒๔๗๕ ซึ่งเป็นรัฐธรรมนูญฉบับถาวรฉบับแรกของประเทศไทย"]),
     ("Constitution Day, 10 December",
      "Remembering the granting of the Constitution of the Kingdom of Siam on 10 December 1932.",
      ["10 December is Constitution Day, remembering the Constitution of the Kingdom of Siam of 1932, Thailand's first permanent constitution."])),
    ("new-year-closure", "announcements", (2025, 12, 31, 23, 30), ["ประกาศ"],
     ("ประกาศวันหยุดทำการช่วงเทศกาลปีใหม่",
      "สำนักงานเลขาธิการวุฒิสภาปิดทำการในวันหยุดราชการช่วงเทศกาลปีใหม่ ระบบรับเรื่องร้องเรียนออนไลน์ยังเปิดให้บริการตามปกติ",
      ["ในช่วงวันหยุดเทศกาลปีใหม่ สำนักงานปิดทำการตามประกาศวันหยุดราชการ เรื่องร้องเรียนที่ยื่นในช่วงนี้จะเริ่มนับระยะเวลาพิจารณาในวันทำการถัดไป"]),
     None),  # Thai only: English readers see the Thai original with a notice.
]


def load(*, stdout):
    th, en = Locale.objects.get(language_code="th"), Locale.objects.get(language_code="en")
    home_th = HomePage.objects.get(locale=th)
    categories = {}
    for slug, name_th, name_en in CATEGORIES:
        category = NewsCategory.objects.filter(locale=th, slug=slug).first()
        if category is None:
            category = NewsCategory.objects.create(locale=th, slug=slug, name=name_th)
        if category.get_translation_or_none(en) is None:
            translated = category.copy_for_translation(en)
            translated.name = name_en
            translated.save()
        categories[slug] = category

    index_th = ensure_child(
        home_th, NewsIndexPage, slug="news", title="ข่าวสาร", show_in_menus=True,
        introduction="ข่าวประชาสัมพันธ์ สรุปการประชุม และประกาศของวุฒิสภา",
    )
    index_en = ensure_translation(index_th, en, title="News", introduction="Press releases, sitting summaries and announcements of the Senate.")
    news_team = Group.objects.get(name="News team")
    for index in (index_th, index_en):
        _page_permissions(news_team, index, ["add", "change", "lock"])

    created = 0
    for number, (slug, category_slug, when, tags, thai, english) in enumerate(ARTICLES):
        if index_th.get_children().filter(slug=slug).exists():
            continue
        title, summary, paragraphs = thai
        article = ensure_child(
            index_th, NewsPage, slug=slug, title=title, summary=summary,
            date=dt.datetime(*when, tzinfo=BANGKOK), category=categories[category_slug],
            featured_image=demo_image(f"ภาพประกอบ: {title}", path=IMAGES / f"{slug}.png"),
            body=[("paragraph", RichText("".join(f"<p>{text}</p>" for text in paragraphs)))],
        )
        article.tags.add(*tags)
        article.save_revision().publish()
        if english:
            title_en, summary_en, paragraphs_en = english
            category_en = categories[category_slug].get_translation(en)
            article_en = ensure_translation(
                article, en, title=title_en, summary=summary_en, category=category_en,
                body=[("paragraph", RichText("".join(f"<p>{text}</p>" for text in paragraphs_en)))],
            )
            article_en.tags.set([TAGS_EN[tag] for tag in tags])
            article_en.save_revision().publish()
        created += 1
    stdout.write(f"  news: {created} new article(s), {NewsPage.objects.count()} in all")
