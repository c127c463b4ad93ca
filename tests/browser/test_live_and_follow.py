"""A citizen watches a sitting change without reloading, and follows a bill by e-mail:
the confirmation link, the stage change mailed once, and one-click unsubscribe."""

import re
import time

from django.contrib.auth import get_user_model
from django.core import mail
from playwright.sync_api import expect

from cms.base.thai import thai_digits
from cms.legislation.models import Bill, Committee
from cms.legislation.services import available_transitions, bill_move
from cms.live.models import ItemStatus, LiveSitting
from cms.live.services import live_update
from cms.records.models import Subscription


def _mail_to(address, *, count, after=0):
    """The mail to ``address`` sent after the first ``after``, once there are ``count`` of them
    (the outbox's relay sends it a moment after the change commits)."""
    deadline = time.monotonic() + 10
    while True:
        sent = [m for m in mail.outbox[after:] if m.to == [address]]
        if len(sent) >= count or time.monotonic() > deadline:
            return sent
        time.sleep(0.1)


def test_the_live_page_follows_the_officers_changes_without_a_reload(tab, server_url):
    live = LiveSitting.objects.filter(on_air=True).select_related("sitting").get()
    items = list(live.sitting.agenda_items.order_by("order"))
    tab.goto(f"{server_url}/th/live/")
    expect(tab.get_by_text("กำลังประชุมอยู่ขณะนี้")).to_be_visible()
    tab.evaluate("window.notReloaded = true")
    target = items[-1]
    live_update(live=live, current_item=target, item_status=ItemStatus.DEBATING)
    expect(tab.locator("[data-live-field='item.title']")).to_have_text(target.title, timeout=5000)
    expect(tab.locator("[data-live-field='item_status']")).to_have_text("อภิปราย")
    expect(tab.locator("[data-live-field='item.number']")).to_have_text(thai_digits(target.number))
    assert tab.evaluate("window.notReloaded") is True
    live_update(live=live, on_air=False)
    expect(tab.get_by_text("ขณะนี้ไม่ได้ประชุม")).to_be_visible(timeout=5000)
    live_update(live=live, on_air=True, current_item=items[0], item_status=ItemStatus.VOTED)
    assert tab.console_errors == []


def test_following_a_bill_by_e_mail(tab, server_url):
    clerk = get_user_model().objects.get(username="clerk")
    bill = next(b for b in Bill.objects.filter(external_id__startswith="sample-bill-").before_senate()
                if available_transitions(bill=b, user=clerk))
    address = "browser.reader@example.com"
    tab.goto(f"{server_url}{bill.get_absolute_url()}")
    box = tab.get_by_role("region", name="ติดตามทางอีเมล")
    box.get_by_label("อีเมลของคุณ").fill(address)
    box.get_by_role("button", name="ติดตาม").click()
    expect(tab.get_by_role("heading", name="โปรดตรวจอีเมลของคุณ")).to_be_visible()

    [confirmation] = _mail_to(address, count=1)
    link = re.search(r"https?://\S+/follow/confirm/\S+/", confirmation.body).group(0)
    tab.goto(f"{server_url}/{link.split('/', 3)[3]}")
    expect(tab.get_by_role("heading", name="เรื่องที่คุณติดตาม")).to_be_visible()
    expect(tab.get_by_role("link", name=bill.title)).to_be_visible()

    before = len(mail.outbox)
    transition = available_transitions(bill=bill, user=clerk)[0].name
    # A referral names the committee (the service refuses one without); other moves ignore it.
    committee = Committee.objects.order_by("pk").first() if transition == "refer_to_committee" else None
    bill_move(bill=bill, transition=transition, by=clerk, committee=committee)
    told = _mail_to(address, count=1, after=before)
    assert len(told) == 1
    unsubscribe = told[0].extra_headers["List-Unsubscribe"].strip("<>")
    assert told[0].extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"

    # What a mail client does for one-click unsubscribe (RFC 8058): a bare POST.
    response = tab.request.post(server_url + "/" + unsubscribe.split("/", 3)[3],
                                form={"List-Unsubscribe": "One-Click"})
    assert response.ok
    assert not Subscription.objects.filter(follower__email=address, feed__key=f"bill:{bill.pk}", active=True).exists()
