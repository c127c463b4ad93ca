"""Demo: one sitting of today on air, with the item under consideration and its vote, and a
few demo followers (addresses under example.org, which never receive mail) of sample bills."""

import datetime as dt

from django.utils import timezone

from cms.legislation.demo import SAMPLE
from cms.legislation.models import AgendaItem, Bill, Committee, Sitting, SittingKind, Vote
from cms.legislation.models.base import Origin
from cms.records.services import follow

from .models import ItemStatus, LiveSitting
from .services import live_update

DEMO_FOLLOWERS = [("somchai.demo@example.org", "th"), ("malee.demo@example.org", "th"), ("reader.demo@example.org", "en")]


def load(*, stdout):
    today = timezone.localdate()
    sitting, _ = Sitting.objects.get_or_create(
        origin=Origin.SAMPLE, kind=SittingKind.SENATE, committee=None, date=today,
        defaults={"number": "ครั้งที่ 30", "starts_at": dt.time(9, 30), "ends_at": dt.time(16, 30),
                  "place": "ห้องประชุมวุฒิสภา อาคารรัฐสภา" + SAMPLE, "presiding": "ประธานวุฒิสภา"})
    bills = list(Bill.objects.filter(external_id__startswith="sample-bill-").before_senate()[:3])
    items = []
    for order, bill in enumerate(bills, start=1):
        item, _ = AgendaItem.objects.get_or_create(sitting=sitting, bill=bill, defaults={
            "order": order, "number": f"4.{order}", "title": f"{bill.title} — พิจารณาวาระที่หนึ่ง"})
        items.append(item)
    if not items:
        item, _ = AgendaItem.objects.get_or_create(sitting=sitting, order=1, defaults={
            "number": "1", "title": "เรื่องที่ประธานแจ้งต่อที่ประชุม" + SAMPLE})
        items.append(item)
    if items[0].bill_id and not items[0].votes.exists():
        Vote.objects.create(origin=Origin.SAMPLE, sitting=sitting, agenda_item=items[0], bill=items[0].bill,
                            date=today, title="รับหลักการแห่งร่างพระราชบัญญัติ" + SAMPLE, reading="วาระที่หนึ่ง",
                            passed=True, yes=171, no=9, abstain=12, not_voting=2)
    live, created = LiveSitting.objects.get_or_create(sitting=sitting)
    if created or not live.on_air:
        live_update(live=live, on_air=True, current_item=items[0], item_status=ItemStatus.VOTED)
    stdout.write(f"    live sitting on air: {sitting} ({len(items)} agenda items)")

    feeds = [f"bill:{bill.pk}" for bill in bills[:2]]
    committee = Committee.objects.filter(external_id="sample-committee").first()
    if committee:
        feeds.append(f"committee:{committee.pk}")
    for email, language in DEMO_FOLLOWERS:
        for key in feeds:
            subscription = follow(email=email, feed_key=key, language=language)
            follower = subscription.follower
            if follower.confirmed_at is None:
                follower.confirmed_at = timezone.now()
                follower.save(update_fields=["confirmed_at"])
    stdout.write(f"    demo followers: {len(DEMO_FOLLOWERS)} addresses under example.org, {len(feeds)} feeds each")
