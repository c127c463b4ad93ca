"""Demo content for complaints and suggestions: departments and categories in
Thai and English, service levels, routing rules, officer profiles for the demo accounts, the case groups'
permissions, and a few hundred believable cases in every state — all built
through the services, so every audit chain is valid. Idempotent."""

import contextlib
import datetime as dt
import random

from django.contrib.auth import get_user_model
from django.utils import timezone
from wagtail.models import Locale

from . import services
from .models import SLA, Case, CaseKind, CaseState as S, Category, Department, OfficerProfile, RoutingRule
from .permissions import GROUP_ROLES, grant_group_permissions

DEMO_CHANNEL = "demo"
# Every demo case can be tracked with its code and this PIN.
DEMO_PIN = "246810"
CASE_COUNT = 320

DEPARTMENTS = [
    ("complaints-centre", "ศูนย์รับเรื่องราวร้องทุกข์ สำนักงานเลขาธิการวุฒิสภา", "Complaints Centre, Secretariat of the Senate"),
    ("committees-1", "สำนักกรรมาธิการ ๑", "Bureau of Committees 1"),
    ("committees-2", "สำนักกรรมาธิการ ๒", "Bureau of Committees 2"),
    ("committees-3", "สำนักกรรมาธิการ ๓", "Bureau of Committees 3"),
    ("legal", "สำนักกฎหมาย", "Legal Bureau"),
]

# slug, Thai, English, acknowledge days, resolve days, department
CATEGORIES = [
    ("infrastructure", "ถนน ไฟฟ้า ประปา และสาธารณูปโภค", "Roads, power, water and utilities", 3, 30, "committees-2"),
    ("environment", "สิ่งแวดล้อมและมลพิษ", "Environment and pollution", 3, 30, "committees-2"),
    ("land", "ที่ดินและที่อยู่อาศัย", "Land and housing", 5, 60, "committees-2"),
    ("officials", "การปฏิบัติหน้าที่ของเจ้าหน้าที่รัฐ", "Conduct of public officials", 3, 45, "committees-1"),
    ("welfare", "สวัสดิการและความเป็นอยู่", "Welfare and living conditions", 3, 30, "committees-3"),
    ("education", "การศึกษา", "Education", 3, 30, "committees-3"),
    ("health", "สาธารณสุข", "Public health", 3, 30, "committees-3"),
    ("consumer", "การคุ้มครองผู้บริโภค", "Consumer protection", 3, 30, "committees-3"),
    ("laws", "ข้อเสนอแนะเกี่ยวกับกฎหมาย", "Suggestions on laws and bills", 3, 30, "legal"),
    ("senate", "การดำเนินงานของวุฒิสภา", "The work of the Senate", 2, 15, "complaints-centre"),
    ("other", "เรื่องอื่น ๆ", "Other matters", 3, 30, "complaints-centre"),
]

OFFICERS = {  # demo account → department
    "intake": "complaints-centre",
    "officer": "committees-2",
    "officer2": "committees-2",
    "supervisor": "committees-2",
}

SUBJECTS = {
    "infrastructure": [
        ("ถนนในหมู่บ้านชำรุดเป็นหลุมบ่อ", "ถนนลาดยางในหมู่บ้านชำรุดเป็นหลุมลึกหลายจุดมานานกว่าหกเดือน รถจักรยานยนต์ล้มบ่อยในหน้าฝน ขอให้ประสานหน่วยงานท้องถิ่นซ่อมแซม"),
        ("ไฟฟ้าดับบ่อยในชุมชน", "ไฟฟ้าในชุมชนดับเกือบทุกสัปดาห์ ครั้งละหลายชั่วโมง ทำให้ตู้เย็นและเครื่องใช้ไฟฟ้าเสียหาย ขอให้ตรวจสอบหม้อแปลง"),
        ("น้ำประปาไหลอ่อนและขุ่น", "น้ำประปาไหลอ่อนในช่วงเช้าและมีสีขุ่น ใช้อุปโภคไม่ได้ ขอให้การประปาตรวจสอบคุณภาพน้ำ"),
        ("ไฟส่องสว่างริมถนนดับทั้งสาย", "ไฟส่องสว่างริมถนนสายหลักเข้าตำบลดับทั้งสายมาสองเดือน กลางคืนมืดมากเสี่ยงต่ออุบัติเหตุและอาชญากรรม"),
        ("สะพานไม้ข้ามคลองผุพัง", "สะพานไม้ข้ามคลองที่นักเรียนใช้เดินทางไปโรงเรียนผุพังหลายแผ่น ขอให้เร่งซ่อมก่อนเกิดอันตราย"),
    ],
    "environment": [
        ("โรงงานปล่อยกลิ่นเหม็นรบกวน", "โรงงานใกล้ชุมชนปล่อยกลิ่นเหม็นในเวลากลางคืน ชาวบ้านเวียนศีรษะและนอนไม่หลับ ขอให้ตรวจสอบการปล่อยมลพิษ"),
        ("ฝุ่น PM2.5 จากการเผาในที่โล่ง", "มีการเผาตอซังข้าวในที่โล่งทุกปี ทำให้ค่าฝุ่นสูงเกินมาตรฐาน เด็กและผู้สูงอายุป่วยเป็นโรคทางเดินหายใจ"),
        ("น้ำเสียลงแหล่งน้ำสาธารณะ", "มีการปล่อยน้ำเสียลงคลองสาธารณะ น้ำเน่าเหม็นและปลาตาย ขอให้ตรวจสอบแหล่งที่มา"),
    ],
    "land": [
        ("ข้อพิพาทแนวเขตที่ดินทำกิน", "ที่ดินทำกินที่ครอบครัวครอบครองมากว่าสามสิบปีถูกประกาศเป็นเขตป่าสงวน ขอให้ตรวจสอบแนวเขตและหาทางออก"),
        ("ขอความเป็นธรรมกรณีเวนคืนที่ดิน", "ได้รับค่าทดแทนการเวนคืนที่ดินต่ำกว่าราคาตลาดมาก ขอให้พิจารณาทบทวนค่าทดแทน"),
    ],
    "officials": [
        ("เจ้าหน้าที่เรียกรับเงินเพื่ออำนวยความสะดวก", "เจ้าหน้าที่ในหน่วยงานเรียกรับเงินเพื่อเร่งออกใบอนุญาต ขอให้ตรวจสอบพฤติกรรม"),
        ("การให้บริการล่าช้าและไม่สุภาพ", "ติดต่อขอเอกสารราชการหลายครั้ง ได้รับการบริการล่าช้าและเจ้าหน้าที่พูดจาไม่สุภาพ"),
    ],
    "welfare": [
        ("ไม่ได้รับเบี้ยยังชีพผู้สูงอายุ", "มารดาอายุ ๗๒ ปี ลงทะเบียนรับเบี้ยยังชีพแล้วแต่ยังไม่ได้รับเงินมาสามเดือน"),
        ("ขอความช่วยเหลือผู้พิการ", "บุตรเป็นผู้พิการทางการเคลื่อนไหว ต้องการรถเข็นและการช่วยเหลือค่าเดินทางไปโรงพยาบาล"),
    ],
    "education": [
        ("โรงเรียนขาดแคลนครู", "โรงเรียนขนาดเล็กในหมู่บ้านมีครูเพียงสามคนสอนหกชั้นเรียน ขอให้จัดสรรอัตรากำลังครูเพิ่ม"),
        ("ค่าใช้จ่ายเพิ่มเติมในโรงเรียน", "โรงเรียนเรียกเก็บค่าใช้จ่ายเพิ่มเติมหลายรายการ ผู้ปกครองมีภาระมาก ขอให้ตรวจสอบความเหมาะสม"),
    ],
    "health": [
        ("คิวรอรักษาที่โรงพยาบาลยาวมาก", "ผู้ป่วยต้องรอตั้งแต่ตีห้าจนถึงบ่ายกว่าจะได้พบแพทย์ ขอให้ปรับปรุงระบบนัดหมาย"),
        ("ร้านขายยาไม่มีเภสัชกร", "ร้านขายยาในตลาดขายยาอันตรายโดยไม่มีเภสัชกรประจำร้าน"),
    ],
    "consumer": [
        ("ซื้อสินค้าออนไลน์ได้ของไม่ตรงปก", "สั่งซื้อเครื่องใช้ไฟฟ้าทางออนไลน์ ได้รับสินค้าไม่ตรงกับที่โฆษณาและผู้ขายไม่ยอมคืนเงิน"),
        ("ค่าบริการโทรศัพท์ถูกเรียกเก็บเกิน", "ถูกเรียกเก็บค่าบริการเสริมที่ไม่ได้สมัคร ติดต่อผู้ให้บริการแล้วไม่ได้รับการแก้ไข"),
    ],
    "laws": [
        ("เสนอแก้ไขกฎหมายว่าด้วยการจราจร", "ขอเสนอให้ปรับปรุงบทลงโทษผู้ขับขี่ที่เมาแล้วขับให้หนักขึ้น และเพิ่มมาตรการเยียวยาผู้เสียหาย"),
        ("ข้อเสนอต่อร่างพระราชบัญญัติ", "ขอเสนอความเห็นต่อร่างพระราชบัญญัติที่อยู่ระหว่างการพิจารณาของวุฒิสภา ให้รับฟังความเห็นประชาชนในพื้นที่มากขึ้น"),
    ],
    "senate": [
        ("ขอเอกสารรายงานการประชุมวุฒิสภา", "ขอสำเนารายงานการประชุมวุฒิสภาเพื่อใช้ประกอบการทำวิทยานิพนธ์"),
        ("ขอเข้าศึกษาดูงานรัฐสภา", "คณะนักเรียนประสงค์ขอเข้าศึกษาดูงานการประชุมวุฒิสภา ขอทราบขั้นตอนการติดต่อ"),
    ],
    "other": [
        ("ขอคำแนะนำเรื่องการร้องเรียน", "ไม่แน่ใจว่าเรื่องของตนควรร้องเรียนหน่วยงานใด ขอคำแนะนำจากเจ้าหน้าที่"),
    ],
}
NAMES = ["สมชาย ใจดี", "สมหญิง รักไทย", "ประยูร ศรีสวัสดิ์", "มาลี วงศ์ใหญ่", "วิชัย ทองคำ", "จันทร์เพ็ญ แสงทอง",
         "บุญมี มีสุข", "อรุณี สายสุวรรณ", "ธนพล เกิดผล", "กาญจนา พูลสวัสดิ์", "สุรชัย บุญเรือง", "นงลักษณ์ คำดี"]
REPLIES = ["ได้ประสานหน่วยงานที่รับผิดชอบในพื้นที่แล้ว อยู่ระหว่างรอผลการตรวจสอบ",
           "คณะกรรมาธิการได้มีหนังสือสอบถามข้อเท็จจริงไปยังหน่วยงานที่เกี่ยวข้องแล้ว",
           "หน่วยงานแจ้งว่าได้บรรจุในแผนการดำเนินงานปีงบประมาณถัดไป"]
NOTES = ["โทรศัพท์สอบถามข้อเท็จจริงกับหน่วยงานในพื้นที่แล้ว", "รอหนังสือตอบกลับจากหน่วยงาน",
         "ตรวจสอบแล้วเป็นเรื่องซ้ำกับเรื่องที่เคยร้องเรียนไว้"]
AGENCIES = ["สำนักงานคณะกรรมการคุ้มครองผู้บริโภค", "ศูนย์ดำรงธรรมจังหวัด", "กรมทางหลวงชนบท", "การไฟฟ้าส่วนภูมิภาค",
            "สำนักงานคณะกรรมการป้องกันและปราบปรามการทุจริตแห่งชาติ"]
REJECTIONS = ["เป็นเรื่องที่อยู่ระหว่างการพิจารณาของศาล จึงไม่อยู่ในอำนาจหน้าที่ของวุฒิสภา",
              "เป็นข้อพิพาทระหว่างเอกชน ไม่อยู่ในอำนาจหน้าที่ของวุฒิสภา"]

# How far along each demo case goes; every state appears.
PATHS = [
    (S.RECEIVED, 30), (S.SCREENING, 20), (S.ACCEPTED, 25), (S.REJECTED, 20), (S.REFERRED, 20), (S.ASSIGNED, 25),
    (S.IN_PROGRESS, 50), (S.AWAITING_CITIZEN, 20), (S.RESOLVED, 25), (S.CLOSED, 60), (S.REOPENED, 10),
    (S.WITHDRAWN, 15),
]


def load(*, stdout):
    th = Locale.objects.get_or_create(language_code="th")[0]
    en = Locale.objects.get_or_create(language_code="en")[0]
    departments = _departments(th, en)
    categories = _categories(th, en, departments)
    officers = _officers(departments)
    made = _cases(categories, officers)
    stdout.write(f"  cases: {len(departments)} departments, {len(categories)} categories, "
                 f"{len(officers)} officers, {made} new demo cases (track any with PIN {DEMO_PIN})")


def _translated(model, th, en, *, lookup, th_fields, en_fields):
    original = model.objects.filter(locale=th, **lookup).first()
    if original is None:
        original = model.objects.create(locale=th, **lookup, **th_fields)
    if not model.objects.filter(translation_key=original.translation_key, locale=en).exists():
        translated = original.copy_for_translation(en)
        for name, value in en_fields.items():
            setattr(translated, name, value)
        translated.save()
    return original


def _departments(th, en):
    return {
        code: _translated(Department, th, en, lookup={"code": code}, th_fields={"name": name_th},
                          en_fields={"name": name_en})
        for code, name_th, name_en in DEPARTMENTS
    }


def _categories(th, en, departments):
    categories = {}
    for order, (slug, name_th, name_en, ack, resolve, department) in enumerate(CATEGORIES):
        category = _translated(Category, th, en, lookup={"slug": slug},
                               th_fields={"name": name_th, "sort_order": order}, en_fields={"name": name_en})
        SLA.objects.get_or_create(category=category, defaults={"acknowledge_days": ack, "resolve_days": resolve})
        RoutingRule.objects.get_or_create(category=category, province="",
                                          defaults={"department": departments[department]})
        categories[slug] = category
    # A catch-all, and a provincial rule: Bangkok's utilities go to Bureau 1.
    RoutingRule.objects.get_or_create(category=None, province="", defaults={"department": departments["complaints-centre"]})
    RoutingRule.objects.get_or_create(category=categories["infrastructure"], province="10",
                                      defaults={"department": departments["committees-1"]})
    return categories


def _officers(departments):
    """The demo accounts of the case groups, each with an e-mail address and an officer profile."""
    grant_group_permissions()
    officers = {}
    for user in get_user_model().objects.filter(username__in=OFFICERS):
        group = user.groups.filter(name__in=GROUP_ROLES).values_list("name", flat=True).first()
        if group is None:
            continue
        if not user.email:
            user.email = f"{user.username}@senate.example"
            user.save(update_fields=["email"])
        OfficerProfile.objects.update_or_create(
            user=user, defaults={"department": departments[OFFICERS[user.username]], "role": GROUP_ROLES[group]})
        officers[user.username] = user
    return officers


@contextlib.contextmanager
def _clock(moment):
    """Run the services as if it were ``moment``, so the demo's timelines look lived-in."""
    real = timezone.now
    timezone.now = lambda: moment
    try:
        yield
    finally:
        timezone.now = real


def _cases(categories, officers):
    if Case.objects.filter(channel=DEMO_CHANNEL).exists() or set(officers) != set(OFFICERS):
        return 0
    rng = random.Random(2569)
    areas = _area_codes()
    plan = [state for state, count in PATHS for _ in range(count * CASE_COUNT // sum(c for _, c in PATHS))]
    now = timezone.now()
    with services.notifications_suppressed():
        for index, target in enumerate(plan):
            _walk(_file(index, target, categories, rng, areas, now), target, officers, rng, now)
    return len(plan)


def _file(index, target, categories, rng, areas, now):
    """A demo case filed at a moment in the past: long ago for a case that goes far."""
    far = target in (S.CLOSED, S.REJECTED, S.REFERRED, S.WITHDRAWN, S.RESOLVED, S.REOPENED)
    worked = target not in (S.RECEIVED, S.SCREENING, S.ACCEPTED, S.REJECTED, S.REFERRED, S.WITHDRAWN)
    slug = rng.choice(["infrastructure", "environment", "land"] if worked else list(SUBJECTS))
    subject, description = rng.choice(SUBJECTS[slug])
    anonymous = rng.random() < 0.15
    filed = now - dt.timedelta(days=rng.randint(40, 360) if far else rng.randint(0, 45), minutes=rng.randint(0, 600))
    province, district = (rng.choice(areas) if areas and rng.random() < 0.8 else ("", ""))
    if province == "10" and target not in (S.RECEIVED, S.SCREENING, S.ACCEPTED):
        province, district = "", ""  # Bangkok's utilities go to Bureau 1, which has no demo officer
    name = rng.choice(NAMES)
    with _clock(filed):
        case, _pin = services.case_file(
            kind=rng.choice([CaseKind.COMPLAINT] * 6 + [CaseKind.SUGGESTION, CaseKind.PETITION, CaseKind.INFORMATION]),
            category=categories[slug], subject=subject, description=description, province=province,
            district=district, anonymous=anonymous, contact_name="" if anonymous else name,
            contact_email="" if anonymous or rng.random() < 0.4 else f"citizen{index}@example.org",
            contact_phone="" if anonymous else f"08{rng.randint(10000000, 99999999)}", consent=True,
            language="th" if rng.random() < 0.9 else "en", channel=DEMO_CHANNEL, filed_at=filed, pin=DEMO_PIN,
        )
    return case


def _walk(case, target, officers, rng, now):
    """Move a case along the workflow to ``target`` through the services, step by step in time."""
    moment = case.filed_at

    def step(fn, **kwargs):
        """One action on the case, some hours after the last; True once the case is in ``target``."""
        nonlocal moment, case
        moment = min(moment + dt.timedelta(hours=rng.randint(2, 60)), now)
        with _clock(moment):
            result = fn(case=case, **kwargs)
        case = result if isinstance(result, Case) else case
        return case.state == target

    def go(transition, by, **kwargs):
        return step(services.case_transition, transition=transition, by=by, **kwargs)

    intake, supervisor = officers["intake"], officers["supervisor"]
    officer = officers[rng.choice(["officer", "officer2"])]
    if target == S.RECEIVED:
        return
    if target == S.WITHDRAWN:
        step(services.case_citizen_withdraw, reason="ได้รับการแก้ไขจากหน่วยงานในพื้นที่แล้ว")
        return
    if go("screen", intake):
        return
    if target == S.REJECTED:
        go("reject", intake, reason=rng.choice(REJECTIONS))
        return
    if target == S.REFERRED:
        go("refer", intake, agency=rng.choice(AGENCIES), comment="ส่งเรื่องให้หน่วยงานที่มีอำนาจหน้าที่โดยตรงพิจารณา",
           public=True)
        return
    if go("accept", intake) or step(services.case_assign, officer=officer, by=supervisor):
        return
    go("start", officer)
    if rng.random() < 0.5:
        step(services.case_add_note, by=officer, text=rng.choice(NOTES))
    if target == S.IN_PROGRESS:
        if rng.random() < 0.5:
            step(services.case_reply_public, by=officer, text=rng.choice(REPLIES))
        return
    if target == S.AWAITING_CITIZEN or rng.random() < 0.3:
        if go("request_information", officer, public=True, comment="ขอให้ส่งภาพถ่ายและระบุตำแหน่งที่เกิดเหตุเพิ่มเติม"):
            return
        step(services.case_citizen_reply, message="ส่งภาพถ่ายเพิ่มเติมและระบุตำแหน่งบริเวณหน้าวัดแล้ว")
    step(services.case_reply_public, by=officer, text=rng.choice(REPLIES))
    if go("resolve", officer, public=True, comment="หน่วยงานที่รับผิดชอบได้ดำเนินการแก้ไขเรียบร้อยแล้ว"):
        return
    if target == S.REOPENED:
        step(services.case_citizen_reopen, reason="ปัญหายังไม่ได้รับการแก้ไขครบทุกจุด")
        return
    if rng.random() < 0.5:
        step(services.case_citizen_confirm)
    else:
        go("close", supervisor)
    if rng.random() < 0.6:
        step(services.case_citizen_rate, rating=rng.choice([5, 5, 4, 4, 4, 3, 2]))


def _area_codes():
    """(province, district) pairs from the shipped list of areas."""
    from . import areas

    pairs = []
    for province in areas.provinces()[:20]:
        districts = areas.districts(province.code)[:3]
        pairs.extend((province.code, district.code) for district in districts)
    return pairs
