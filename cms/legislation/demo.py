"""Demo content for the Senate's legislative work.

Real records come from the shared data folder (settings.SHARED_DATA_DIR) when it holds the
senate_* files, through the same importer a deployment uses; they stay in that folder (their
licence keeps them out of the project). The real records give few dates per stage, so a small
*sample* set — fictional, labelled "ตัวอย่าง" / "Sample" on every page — fills every stage of the
workflow, a committee with members, meetings and a report, past sittings with votes, upcoming
sittings and running constitutional deadlines (one of them across a recess). Every sample stage
change is made through the workflow service by the demo clerk."""

import datetime as dt

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.utils import timezone
from wagtail.models import Locale

from search.signals import paused

from . import importer
from .models import (
    AgendaItem, Bill, BillKind, BillSummary, Committee, CommitteeKind, CommitteeMembership, CommitteeReport,
    CommitteeRole, ParliamentSession, Senator, SessionKind, Sitting, SittingKind, Vote,
)
from .models.base import Origin
from .services import bill_extend_deadline, bill_move

GROUP = "Legislative staff"
CLERK = "clerk"
STAFF_MODELS = ("bill", "billdocument", "billsummary", "courtreferral", "committee", "committeemembership",
                "committeereport", "parliamentsession", "sitting", "agendaitem", "vote", "ballot", "senator")
SAMPLE = " (ตัวอย่าง)"
PLACE = "ห้องประชุมวุฒิสภา อาคารรัฐสภา"

SENATORS = [("นาย", "สมมติ", "ใจดี"), ("นาง", "สมหญิง", "ตัวอย่าง"), ("นาย", "ทดลอง", "รักงาน"),
            ("นางสาว", "สาธิต", "มีสุข"), ("นาย", "จำลอง", "ทำดี")]
ROLES = [CommitteeRole.CHAIR, CommitteeRole.VICE_CHAIR, CommitteeRole.SECRETARY, CommitteeRole.SPOKESPERSON,
         CommitteeRole.MEMBER]

# key, title, kind, summary (th, en), steps: (transition, days before today[, extra])
BILLS = [
    ("in-house", "ร่างพระราชบัญญัติการจัดการขยะชุมชน พ.ศ. ....", BillKind.ACT,
     ("ให้ท้องถิ่นจัดการขยะชุมชนโดยแยกประเภทตั้งแต่ต้นทาง", "Local authorities sort community waste at source."), []),
    ("received", "ร่างพระราชบัญญัติส่งเสริมการอ่านในชุมชน พ.ศ. ....", BillKind.ACT,
     ("จัดตั้งกองทุนส่งเสริมการอ่านและห้องสมุดชุมชน", "A fund for reading and community libraries."),
     [("receive", 6)]),
    ("budget", "ร่างพระราชบัญญัติงบประมาณรายจ่ายเพิ่มเติม พ.ศ. ....", BillKind.BUDGET,
     ("งบประมาณรายจ่ายเพิ่มเติมเพื่อฟื้นฟูพื้นที่ประสบอุทกภัย", "Supplementary spending for flood recovery."),
     [("receive", 8)]),
    ("first-reading", "ร่างพระราชบัญญัติคุ้มครองผู้บริโภคออนไลน์ พ.ศ. ....", BillKind.ACT,
     ("คุ้มครองผู้ซื้อสินค้าทางออนไลน์และกำหนดหน้าที่ของแพลตฟอร์ม", "Protects online shoppers; duties of platforms."),
     [("receive", 20), ("first_reading", 13)]),
    ("committee", "ร่างพระราชบัญญัติน้ำบาดาลชุมชน พ.ศ. ....", BillKind.ACT,
     ("ให้ชุมชนมีส่วนร่วมดูแลน้ำบาดาล", "Communities share in managing groundwater."),
     [("receive", 150), ("first_reading", 146), ("refer_to_committee", 145)]),
    ("final-readings", "ร่างพระราชบัญญัติภาษีคาร์บอน พ.ศ. ....", BillKind.MONEY,
     ("เก็บภาษีการปล่อยก๊าซคาร์บอนไดออกไซด์จากอุตสาหกรรม", "A tax on industrial carbon dioxide emissions."),
     [("receive", 145), ("first_reading", 143), ("refer_to_committee", 142), ("extend", 30, 20),
      ("committee_reported", 10)]),
    ("approved", "ร่างพระราชบัญญัติการท่องเที่ยวชุมชน พ.ศ. ....", BillKind.ACT,
     ("ส่งเสริมการท่องเที่ยวที่ชุมชนเป็นเจ้าของ", "Community-owned tourism."),
     [("receive", 240), ("first_reading", 236), ("refer_to_committee", 235), ("committee_reported", 200),
      ("approve", 190)]),
    ("returned", "ร่างพระราชบัญญัติการศึกษาตลอดชีวิต พ.ศ. ....", BillKind.ACT,
     ("ระบบสะสมหน่วยการเรียนรู้ตลอดชีวิต", "Credits for lifelong learning."),
     [("receive", 250), ("first_reading", 246), ("refer_to_committee", 245), ("committee_reported", 190),
      ("return_amended", 180)]),
    ("joint", "ร่างพระราชบัญญัติผังเมืองสีเขียว พ.ศ. ....", BillKind.ACT,
     ("กำหนดพื้นที่สีเขียวขั้นต่ำในผังเมือง", "Minimum green space in town plans."),
     [("receive", 255), ("first_reading", 250), ("refer_to_committee", 249), ("committee_reported", 200),
      ("return_amended", 185), ("form_joint_committee", 30)]),
    ("withheld", "ร่างพระราชบัญญัติควบคุมเครื่องดื่มรสหวาน พ.ศ. ....", BillKind.ACT,
     ("จำกัดการโฆษณาเครื่องดื่มรสหวานแก่เด็ก", "Limits advertising of sugary drinks to children."),
     [("receive", 40), ("first_reading", 35), ("withhold", 25)]),
    ("reconsideration", "ร่างพระราชบัญญัติสลากการกุศล พ.ศ. ....", BillKind.ACT,
     ("ปรับปรุงการออกสลากการกุศล", "Charity lotteries reformed."),
     [("receive", 258), ("first_reading", 252), ("withhold", 240), ("reconsider", 20)]),
    ("royal-assent", "ร่างพระราชบัญญัติพิพิธภัณฑ์ท้องถิ่น พ.ศ. ....", BillKind.ACT,
     ("สนับสนุนพิพิธภัณฑ์ท้องถิ่น", "Support for local museums."),
     [("receive", 245), ("first_reading", 240), ("approve", 230), ("present_for_assent", 170)]),
    ("published", "พระราชบัญญัติจักรยานเพื่อการเดินทาง พ.ศ. ....", BillKind.ACT,
     ("ทางจักรยานในเขตเมือง", "Cycle lanes in towns."),
     [("receive", 259), ("first_reading", 255), ("approve", 250), ("present_for_assent", 230), ("publish", 200)]),
    ("lapsed", "ร่างพระราชบัญญัติการพนันออนไลน์ พ.ศ. ....", BillKind.ACT,
     ("ควบคุมการพนันออนไลน์", "Regulates online gambling."), [("lapse", 120)]),
    ("withdrawn", "ร่างพระราชบัญญัติป้ายโฆษณา พ.ศ. ....", BillKind.ACT,
     ("ควบคุมป้ายโฆษณาริมทาง", "Roadside advertising."), [("withdraw", 100)]),
    ("merged", "ร่างพระราชบัญญัติคุ้มครองผู้ซื้อออนไลน์ (ฉบับประชาชน) พ.ศ. ....", BillKind.ACT,
     ("ร่างของประชาชนเรื่องเดียวกับร่างคุ้มครองผู้บริโภคออนไลน์", "The citizens' draft on online shopping."),
     [("merge", 22)]),
]
#: Senate decisions taken at a sitting, with a division.
VOTED = {"first_reading": (171, 9, 6, 2), "approve": (182, 4, 3, 1), "return_amended": (150, 20, 10, 4),
         "withhold": (88, 101, 7, 3), "committee_reported": None}


def load(*, stdout):
    today = timezone.localdate()
    clerk = _staff()
    with paused():
        folder = settings.SHARED_DATA_DIR
        if importer.available(folder):
            report = importer.import_all(folder)
            stdout.write(f"    real Senate records from {folder}: {report} ({importer.ATTRIBUTION})")
        else:
            stdout.write(f"    no senate_* files in {folder}: loading the labelled sample set only")
        _sessions(today)
        committee = _committee(today)
        if not Bill.objects.filter(external_id__startswith="sample-bill-").exists():
            _sample_bills(today, clerk, committee)
        _upcoming(today)


def _staff():
    group, _ = Group.objects.get_or_create(name=GROUP)
    codenames = ["move_bill"] + [f"{action}_{model}" for model in STAFF_MODELS for action in ("add", "change", "view")]
    codenames += [f"delete_{model}" for model in ("billdocument", "agendaitem", "committeemembership", "committeereport")]
    group.permissions.add(*Permission.objects.filter(content_type__app_label="legislation", codename__in=codenames))
    group.permissions.add(Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"))
    return get_user_model().objects.filter(username=CLERK).first()


def _sessions(today):
    for name, start, end in [("สมัยประชุมสามัญประจำปีครั้งที่หนึ่ง" + SAMPLE, 260, 141),
                             ("สมัยประชุมสามัญประจำปีครั้งที่สอง" + SAMPLE, 30, -89)]:
        ParliamentSession.objects.update_or_create(name=name, defaults={
            "kind": SessionKind.ORDINARY, "starts_on": today - dt.timedelta(days=start),
            "ends_on": today - dt.timedelta(days=end)})


def _committee(today):
    committee, _ = Committee.objects.update_or_create(external_id="sample-committee", defaults={
        "origin": Origin.SAMPLE, "kind": CommitteeKind.AD_HOC, "term": 13,
        "name": "คณะกรรมาธิการวิสามัญพิจารณาร่างพระราชบัญญัติน้ำบาดาลชุมชน" + SAMPLE,
        "remit": "พิจารณาร่างพระราชบัญญัติที่วุฒิสภารับหลักการและส่งมาให้พิจารณา" + SAMPLE,
        "established_on": today - dt.timedelta(days=145)})
    for order, ((title, first, last), role) in enumerate(zip(SENATORS, ROLES)):
        senator, _ = Senator.objects.update_or_create(external_id=f"sample-senator-{order + 1}", defaults={
            "origin": Origin.SAMPLE, "term": 13, "title": title, "first_name": first, "last_name": last + SAMPLE})
        CommitteeMembership.objects.update_or_create(committee=committee, senator=senator,
                                                     defaults={"role": role, "order": order})
    return committee


def _sitting(day, *, kind=SittingKind.SENATE, committee=None, number=""):
    sitting, _ = Sitting.objects.get_or_create(
        origin=Origin.SAMPLE, kind=kind, committee=committee, date=day,
        defaults={"number": number, "starts_at": dt.time(9, 30) if kind != SittingKind.COMMITTEE else dt.time(13, 30),
                  "ends_at": dt.time(16, 30), "place": PLACE if kind != SittingKind.COMMITTEE else "ห้องประชุมกรรมาธิการ" + SAMPLE,
                  "presiding": "ประธานวุฒิสภา" if kind == SittingKind.SENATE else ""})
    return sitting


def _agenda(sitting, bill, title):
    item, _ = AgendaItem.objects.get_or_create(sitting=sitting, bill=bill, defaults={
        "title": title, "order": sitting.agenda_items.count() + 1, "number": str(sitting.agenda_items.count() + 1)})
    return item


def _sample_bills(today, clerk, committee):
    en, th = Locale.objects.filter(language_code="en").first(), Locale.get_default()
    bills = {}
    for key, title, kind, (summary_th, summary_en), steps in BILLS:
        bill = Bill.objects.create(external_id=f"sample-bill-{key}", origin=Origin.SAMPLE, title=title + SAMPLE,
                                   kind=kind, proposer="คณะรัฐมนตรี" + SAMPLE, proposer_type="คณะรัฐมนตรี",
                                   introduced_on=today - dt.timedelta(days=(steps[0][1] if steps else 30) + 60))
        summary = BillSummary.objects.create(bill=bill, locale=th, text=summary_th + SAMPLE)
        if en is not None:
            BillSummary.objects.get_or_create(bill=bill, locale=en, translation_key=summary.translation_key,
                                              defaults={"text": summary_en + " (Sample)"})
        bills[key] = bill
        for step in steps:
            transition, days_ago, *extra = step
            on = today - dt.timedelta(days=days_ago)
            if transition == "extend":
                bill_extend_deadline(bill=bill, days=extra[0], by=clerk, on=on, comment="วุฒิสภาลงมติขยายเวลา" + SAMPLE)
                continue
            sitting = vote = None
            if transition in VOTED:
                sitting = _sitting(on)
                item = _agenda(sitting, bill, f"{title} — {dict(TRANSITION_TITLES)[transition]}")
                counts = VOTED[transition]
                if counts:
                    yes, no, abstain, not_voting = counts
                    vote = Vote.objects.create(
                        origin=Origin.SAMPLE, sitting=sitting, agenda_item=item, bill=bill, date=on,
                        title=f"{title} — {dict(TRANSITION_TITLES)[transition]}" + SAMPLE,
                        passed=transition != "withhold" and yes > no, yes=yes, no=no, abstain=abstain,
                        not_voting=not_voting)
            bill_move(bill=bill, transition=transition, by=clerk, on=on, sitting=sitting, vote=vote,
                      committee=committee if transition == "refer_to_committee" else None,
                      merged_into=bills.get("first-reading") if transition == "merge" else None,
                      comment=dict(TRANSITION_TITLES).get(transition, ""))
            bill.refresh_from_db()
    _committee_work(today, committee, bills["committee"])


TRANSITION_TITLES = [
    ("receive", "รับร่างจากสภาผู้แทนราษฎร"), ("first_reading", "พิจารณาวาระที่หนึ่ง"),
    ("refer_to_committee", "ส่งคณะกรรมาธิการพิจารณา"), ("committee_reported", "คณะกรรมาธิการรายงาน"),
    ("approve", "ลงมติเห็นชอบวาระที่สาม"), ("return_amended", "แก้ไขเพิ่มเติมและส่งคืนสภาผู้แทนราษฎร"),
    ("withhold", "ลงมติยับยั้ง"), ("form_joint_committee", "ตั้งคณะกรรมาธิการร่วมกัน"),
    ("reconsider", "สภาผู้แทนราษฎรยกขึ้นพิจารณาใหม่"), ("present_for_assent", "นำขึ้นทูลเกล้าฯ ถวาย"),
    ("publish", "ประกาศในราชกิจจานุเบกษา"), ("lapse", "ตกไป"), ("withdraw", "ถอนร่าง"), ("merge", "รวมร่าง"),
]


def _committee_work(today, committee, bill):
    for number, days_ago in enumerate([138, 100, 60, 20], start=1):
        meeting = _sitting(today - dt.timedelta(days=days_ago), kind=SittingKind.COMMITTEE, committee=committee,
                           number=f"ครั้งที่ {number}")
        if not meeting.minutes:
            meeting.minutes = f"ที่ประชุมพิจารณาร่างรายมาตรา ครั้งที่ {number}{SAMPLE}"
            meeting.save(update_fields=["minutes"])
        _agenda(meeting, bill, f"พิจารณา{bill.title}")
    CommitteeReport.objects.get_or_create(committee=committee, bill=bill, defaults={
        "title": "รายงานความคืบหน้าการพิจารณา" + SAMPLE, "submitted_on": today - dt.timedelta(days=15)})


def _upcoming(today):
    before = list(Bill.objects.filter(external_id__startswith="sample-bill-").before_senate())
    for days_ahead in (2, 9):
        sitting = _sitting(today + dt.timedelta(days=days_ahead))
        for bill in before[:3] if days_ahead == 2 else before[3:]:
            _agenda(sitting, bill, f"{bill.title} — พิจารณา")
    for number, sitting in enumerate(Sitting.objects.filter(origin=Origin.SAMPLE, kind=SittingKind.SENATE)
                                     .order_by("date"), start=1):
        Sitting.objects.filter(pk=sitting.pk).update(number=f"ครั้งที่ {number}")
    committee = Committee.objects.get(external_id="sample-committee")
    meeting = _sitting(today + dt.timedelta(days=4), kind=SittingKind.COMMITTEE, committee=committee, number="ครั้งที่ 5")
    bill = committee.bills.first()
    if bill:
        _agenda(meeting, bill, f"พิจารณา{bill.title}")
