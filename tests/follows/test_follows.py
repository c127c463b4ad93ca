"""Following a bill by e-mail: double opt-in, the mail after a stage change, one-click
unsubscribe, the manage page and the Atom feeds."""

import pytest
from django.core import mail
from django.utils import translation

from cms.follows import tokens
from cms.legislation.services import bill_move
from cms.records.models import Follower, OutboxMessage, Subscription
from tests.factories import BillFactory, CommitteeFactory, SubscriptionFactory, legislative_staff, make_site

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _site():
    make_site()


@pytest.fixture
def clerk(django_user_model):
    return legislative_staff(django_user_model)


def _follow(client, bill, email="reader@example.com", language="th"):
    return client.post(f"/{language}/follow/", {"email": email, "feed": f"bill:{bill.pk}", "frequency": "immediate",
                                               "language": language})


def test_following_sends_one_confirmation_however_often_the_form_is_sent(client, sent_mail):
    bill = BillFactory()
    first, second = _follow(client, bill), _follow(client, bill)
    assert first.status_code == second.status_code == 200
    assert "โปรดตรวจอีเมลของคุณ" in first.content.decode()
    [message] = sent_mail()
    assert message.to == ["reader@example.com"] and message.subject == "ยืนยันการติดตามบนจันทรา"
    assert Follower.objects.get().confirmed_at is None


def test_following_nothing_is_refused_in_the_readers_language(client):
    response = client.post("/en/follow/", {"email": "reader@example.com", "feed": "bill:999999",
                                           "frequency": "immediate", "language": "en"})
    assert response.status_code == 400
    assert "There is nothing to follow by that name." in response.content.decode()
    assert not Follower.objects.exists() and not OutboxMessage.objects.exists()


def test_a_bad_address_is_refused(client):
    response = client.post("/th/follow/", {"email": "not-an-address", "feed": f"bill:{BillFactory().pk}",
                                           "frequency": "immediate", "language": "th"})
    assert response.status_code == 400 and not Follower.objects.exists()


def test_the_confirmation_link_confirms_and_opens_the_manage_page(client):
    subscription = SubscriptionFactory(feed_key=f"bill:{BillFactory().pk}", follower__confirmed_at=None)
    follower = subscription.follower
    response = client.get(f"/th/follow/confirm/{tokens.confirm_token(follower=follower)}/", follow=True)
    follower.refresh_from_db()
    assert follower.confirmed_at is not None
    assert response.status_code == 200 and "เรื่องที่คุณติดตาม" in response.content.decode()


def test_a_forged_link_opens_nothing(client):
    subscription = SubscriptionFactory(feed_key="bill:1")
    token = tokens.manage_token(follower=subscription.follower)
    assert client.get(f"/th/follow/manage/{token[:-2]}xx/").status_code == 400
    assert client.get(f"/th/follow/confirm/{token}/").status_code == 400  # a manage link does not confirm
    assert client.post(f"/u/{subscription.pk}.AAAAAAAAAAAAAAAAAAAAAA/").status_code == 400
    assert Subscription.objects.get().active


def test_a_stage_change_is_mailed_once_to_confirmed_followers_with_one_click_unsubscribe(
        client, clerk, django_capture_on_commit_callbacks):
    bill = BillFactory(title="ร่างพระราชบัญญัติการประมง พ.ศ. ....")
    confirmed = SubscriptionFactory(feed_key=f"bill:{bill.pk}", follower__language="en")
    SubscriptionFactory(feed_key=f"bill:{bill.pk}", follower__confirmed_at=None)
    with django_capture_on_commit_callbacks(execute=True):
        bill_move(bill=bill, transition="receive", by=clerk)
    [message] = mail.outbox
    assert message.to == [confirmed.follower.email]
    assert "Received from the House" in message.subject
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    link = message.extra_headers["List-Unsubscribe"].strip("<>")
    assert link in message.body

    # The mail client's one-click unsubscribe: a POST without cookies or CSRF token.
    path = link.split("://", 1)[1].split("/", 1)[1]
    response = client.post(f"/{path}", data="List-Unsubscribe=One-Click",
                           content_type="application/x-www-form-urlencoded")
    assert response.status_code == 200
    assert not Subscription.objects.get(pk=confirmed.pk).active
    with django_capture_on_commit_callbacks(execute=True):
        bill_move(bill=bill, transition="first_reading", by=clerk)
    assert len(mail.outbox) == 1


def test_unsubscribe_by_get_only_asks(client):
    subscription = SubscriptionFactory(feed_key="bill:1")
    token = tokens.unsubscribe_token(subscription_id=subscription.pk, follower_token=subscription.follower.token)
    response = client.get(f"/u/{token}/")
    assert response.status_code == 200 and Subscription.objects.get().active


def test_the_manage_page_changes_how_often_and_forgets_the_address(client):
    subscription = SubscriptionFactory(feed_key=f"bill:{BillFactory().pk}")
    url = f"/th/follow/manage/{tokens.manage_token(follower=subscription.follower)}/"
    response = client.post(url, {"subscription": subscription.pk, "frequency": "daily", "active": "on"})
    assert response.status_code == 302
    assert Subscription.objects.get().frequency == "daily"
    other = SubscriptionFactory(feed_key="bill:2")
    assert client.post(url, {"subscription": other.pk, "frequency": "daily"}).status_code == 400
    client.post(url, {"forget": "1"})
    assert not Follower.objects.filter(pk=subscription.follower_id).exists()


def test_a_daily_follower_gets_one_digest(clerk, django_capture_on_commit_callbacks, sent_mail):
    from cms.records.tasks import deliver_due

    bill = BillFactory()
    SubscriptionFactory(feed_key=f"bill:{bill.pk}", frequency="daily")
    with django_capture_on_commit_callbacks(execute=True):
        bill_move(bill=bill, transition="receive", by=clerk)
        bill_move(bill=bill, transition="first_reading", by=clerk)
    assert sent_mail() == []
    deliver_due()
    [digest] = sent_mail()
    assert "2" in digest.subject and digest.extra_headers["List-Unsubscribe"]


@pytest.mark.parametrize("language, word", [("th", "รับจากสภาผู้แทนราษฎร"), ("en", "Received from the House")])
def test_atom_feeds_of_a_bill_and_its_committee(client, clerk, language, word):
    committee = CommitteeFactory()
    bill = BillFactory(committee=committee)
    bill_move(bill=bill, transition="receive", by=clerk)
    response = client.get(f"/{language}/follow/bills/{bill.pk}/atom.xml")
    assert response.status_code == 200 and response["Content-Type"].startswith("application/atom+xml")
    with translation.override(language):
        assert word in response.content.decode()
    assert client.get(f"/{language}/follow/committees/{committee.pk}/atom.xml").status_code == 200
    assert client.get(f"/{language}/follow/bills/999999/atom.xml").status_code == 404
