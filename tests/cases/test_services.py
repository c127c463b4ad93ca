"""Services: concurrent officers, notifications sent once, escalation,
identity visibility, attachments, retention."""

import datetime as dt
import io
import pathlib
import threading

import pytest
from django.conf import settings as django_settings
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.db import connection
from django.utils import timezone
from django_fsm import ConcurrentTransition

from cases import services
from cases.models import Case, CaseState as S, EventKind
from cms.records import relay
from cms.records.models import OutboxMessage

from .factories import PDF, PNG, file_case, upload
from .test_transitions import to_state

pytestmark = pytest.mark.django_db


# Two officers at once -------------------------------------------------------------

def test_a_stale_copy_gets_a_clear_conflict_and_nothing_is_lost(world):
    case = to_state(world, S.SCREENING)
    mine = Case.objects.get(pk=case.pk)
    theirs = Case.objects.get(pk=case.pk)
    services.case_transition(case=mine, transition="accept", by=world["intake"], comment="รับ")
    with pytest.raises(services.CaseConflict) as error:
        services.case_transition(case=theirs, transition="reject", by=world["supervisor"], reason="ไม่รับ")
    assert "changed" in str(error.value) or "เปลี่ยน" in str(error.value)
    case.refresh_from_db()
    assert case.state == S.ACCEPTED and case.rejection_reason == ""
    assert case.events.filter(transition="reject").count() == 0


def test_the_model_refuses_to_save_over_a_changed_state(world):
    case = to_state(world, S.SCREENING)
    stale = Case.objects.get(pk=case.pk)
    services.case_transition(case=case, transition="accept", by=world["intake"])
    stale.refer("กรมทางหลวง")
    with pytest.raises(ConcurrentTransition):
        stale.save()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_officers_at_the_same_moment_one_wins(world):
    case = to_state(world, S.SCREENING)
    copies = [Case.objects.get(pk=case.pk), Case.objects.get(pk=case.pk)]
    barrier = threading.Barrier(2)
    outcomes = []

    def act(copy, transition, by, extra):
        try:
            barrier.wait()
            services.case_transition(case=copy, transition=transition, by=by, **extra)
            outcomes.append("ok")
        except services.CaseConflict:
            outcomes.append("conflict")
        finally:
            connection.close()

    threads = [
        threading.Thread(target=act, args=(copies[0], "accept", world["intake"], {})),
        threading.Thread(target=act, args=(copies[1], "reject", world["supervisor"], {"reason": "นอกอำนาจ"})),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["conflict", "ok"]
    case.refresh_from_db()
    assert case.state in (S.ACCEPTED, S.REJECTED)
    decisions = case.events.filter(transition__in=["accept", "reject"])
    assert decisions.count() == 1 and decisions.get().to_state == case.state
    call_command("verify_audit", stdout=io.StringIO())


# Notifications -------------------------------------------------------------------

def test_citizen_is_emailed_once_in_the_language_they_filed_in(world, sent_mail):
    case = file_case(category=world["category"], language="en", contact_email="anna@example.org")
    assert len(sent_mail()) == 1 and "has been received" in mail.outbox[0].subject
    services.case_transition(case=case, transition="screen", by=world["intake"])  # not e-mailed
    services.case_transition(case=case, transition="accept", by=world["intake"])
    assert len(sent_mail()) == 2 and "Accepted" in mail.outbox[1].body
    notification = OutboxMessage.objects.get(event__transition="accept")
    assert notification.sent_at is not None
    assert relay.send_waiting() == 0 and len(mail.outbox) == 2


def test_a_code_already_taken_is_drawn_again(world, monkeypatch):
    taken = file_case(category=world["category"]).code
    drawn = iter([taken, "ABCDE23456"])
    monkeypatch.setattr("cases.services.filing.new_code", lambda: next(drawn))
    case = file_case(category=world["category"], contact_email="again@example.org")
    assert case.code == "ABCDE23456" and Case.objects.count() == 2
    assert case.events.count() == 1 and OutboxMessage.objects.filter(to="again@example.org").count() == 1


def test_thai_citizen_gets_thai_mail_and_the_pin(world, sent_mail):
    pins = []
    file_case(category=world["category"], pin_holder=pins)
    message = sent_mail()[0]
    assert "ได้รับเรื่อง" in message.subject and pins[0] in message.body
    # the PIN does not stay in the outbox once sent
    assert OutboxMessage.objects.get().context == {}


def test_anonymous_citizens_get_no_mail(world, sent_mail):
    file_case(category=world["category"], anonymous=True, contact_email="x@example.org")
    assert sent_mail() == [] and OutboxMessage.objects.count() == 0


def test_a_failed_send_is_retried_and_then_sent_once(world, monkeypatch, sent_mail):
    from django.core.mail import EmailMessage

    real_send = EmailMessage.send

    def broken(self, *args, **kwargs):
        raise OSError("SMTP server unavailable")

    monkeypatch.setattr(EmailMessage, "send", broken)
    file_case(category=world["category"])
    assert relay.send_waiting() == 0
    notification = OutboxMessage.objects.get()
    assert notification.sent_at is None and notification.attempts == 1 and "SMTP" in notification.last_error
    monkeypatch.setattr(EmailMessage, "send", real_send)
    OutboxMessage.objects.update(claimed_at=timezone.now() - dt.timedelta(minutes=5))  # the retry is due
    assert relay.send_waiting() == 1
    assert relay.send_waiting() == 0
    notification.refresh_from_db()
    assert notification.sent_at is not None and len(sent_mail()) == 1


def test_officer_is_told_of_an_assignment(world, sent_mail):
    case = to_state(world, S.ACCEPTED)
    services.case_assign(case=case, officer=world["officer"], by=world["supervisor"])
    assert [m.to for m in sent_mail() if "assigned" in m.subject or "มอบหมาย" in m.subject] == [["officer@senate.example"]]


def test_overdue_cases_are_flagged_once_and_escalated(world, sent_mail):
    case = to_state(world, S.IN_PROGRESS)
    Case.objects.filter(pk=case.pk).update(resolve_due=timezone.localdate() - dt.timedelta(days=3))
    fresh = file_case(category=world["category"])
    sent_mail().clear()
    out = io.StringIO()
    call_command("flag_overdue_cases", stdout=out)
    assert "flagged 1" in out.getvalue()
    case.refresh_from_db()
    assert case.escalated_at is not None
    assert case.events.filter(kind=EventKind.OVERDUE).count() == 1
    assert not fresh.events.filter(kind=EventKind.OVERDUE).exists()
    recipients = sorted(m.to[0] for m in sent_mail() if "เกินกำหนด" in m.subject or "overdue" in m.subject)
    assert recipients == ["officer@senate.example", "supervisor@senate.example"]
    assert services.case_flag_overdue() == 0  # not twice


# Identity ---------------------------------------------------------------------------

def test_identity_is_visible_by_role_and_department_and_each_view_is_logged(world):
    from cases import selectors

    case = to_state(world, S.IN_PROGRESS)
    assert selectors.can_view_identity(world["officer"], case)
    assert not selectors.can_view_identity(world["outsider"], case)
    assert not selectors.can_view_identity(world["intake"], case)  # screening is over
    with pytest.raises(PermissionDenied):
        services.case_view_identity(case=case, by=world["outsider"])
    identity = services.case_view_identity(case=case, by=world["officer"])
    assert identity["name"] == "สมชาย ใจดี"
    view = case.events.get(kind=EventKind.IDENTITY_VIEW)
    assert view.actor == world["officer"] and not view.public


def test_sealed_cases_show_the_identity_to_supervisors_only(world):
    from cases import selectors

    case = to_state(world, S.IN_PROGRESS)
    services.case_update(case=case, by=world["supervisor"], sealed=True)
    case.refresh_from_db()
    assert not selectors.can_view_identity(world["officer"], case)
    assert selectors.can_view_identity(world["supervisor"], case)
    with pytest.raises(PermissionDenied):
        services.case_update(case=case, by=world["officer"], sealed=False)
    assert selectors.masked("สมชาย ใจดี") == "ส•••• ใ•••"


def test_officers_see_only_their_department(world):
    from cases import selectors

    case = to_state(world, S.ASSIGNED)
    assert selectors.visible_cases(world["officer"]).filter(pk=case.pk).exists()
    assert not selectors.visible_cases(world["outsider"]).filter(pk=case.pk).exists()
    assert selectors.visible_cases(world["supervisor"]).filter(pk=case.pk).exists()
    with pytest.raises(PermissionDenied):
        services.case_add_note(case=case, by=world["outsider"], text="ไม่ใช่เรื่องของฉัน")


# Attachments -----------------------------------------------------------------------

def test_files_are_checked_by_content_not_by_name(world):
    with pytest.raises(ValidationError):
        file_case(category=world["category"], attachments=[upload("scan.pdf", b"\x7fELF\x02\x01\x01 binary")])
    with pytest.raises(ValidationError):
        file_case(category=world["category"], attachments=[upload("photo.png", b"<svg onload=alert(1)>")])
    case = file_case(category=world["category"], attachments=[upload("renamed.txt", PDF), upload("p", PNG)])
    assert sorted(a.content_type for a in case.attachments.all()) == ["application/pdf", "image/png"]
    assert Case.objects.count() == 1


def test_oversize_files_are_refused(world, settings):
    settings.CASES_MAX_UPLOAD_BYTES = 1024
    big = PNG + b"\0" * 2048
    with pytest.raises(ValidationError) as error:
        file_case(category=world["category"], attachments=[upload("big.png", big)])
    assert "big.png" in str(error.value)


def test_files_live_outside_media_root_and_are_served_only_to_allowed_officers(world, client, settings):
    case = to_state(world, S.IN_PROGRESS)
    item = services.case_add_attachment(case=case, file=upload("evidence.pdf", PDF), by=world["officer"])
    path = pathlib.Path(item.file.path).resolve()
    assert pathlib.Path(django_settings.MEDIA_ROOT).resolve() not in path.parents
    assert path.read_bytes() == PDF
    url = f"/th/cases/attachments/{item.pk}/"
    assert client.get(url).status_code == 403
    client.force_login(world["outsider"])
    assert client.get(url).status_code == 403
    client.force_login(world["officer"])
    response = client.get(url)
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF
    assert case.events.filter(kind=EventKind.ATTACHMENT_VIEW, actor=world["officer"]).count() == 1


# Retention ----------------------------------------------------------------------------

def test_closed_cases_are_anonymised_after_the_retention_period(world, settings):
    settings.CASES_RETENTION_YEARS = 2
    old = to_state(world, S.RESOLVED)
    old = services.case_transition(case=old, transition="close", by=world["supervisor"])
    Case.objects.filter(pk=old.pk).update(closed_at=timezone.now() - dt.timedelta(days=800))
    recent = to_state(world, S.RESOLVED)
    recent = services.case_transition(case=recent, transition="close", by=world["supervisor"])
    open_case = to_state(world, S.IN_PROGRESS)
    Case.objects.filter(pk=open_case.pk).update(filed_at=timezone.now() - dt.timedelta(days=2000))
    out = io.StringIO()
    call_command("anonymise_closed_cases", stdout=out)
    assert "anonymised 1" in out.getvalue()
    old.refresh_from_db()
    recent.refresh_from_db()
    open_case.refresh_from_db()
    assert (old.contact_name, old.contact_email, old.contact_phone) == ("", "", "") and old.anonymised_at
    assert recent.contact_name and open_case.contact_name
    assert old.events.filter(kind=EventKind.ANONYMISED).count() == 1
    call_command("verify_audit", stdout=io.StringIO())


def test_resolved_cases_not_confirmed_in_time_are_closed_by_the_periodic_command(world):
    from cases.models import IdempotencyKey

    case = to_state(world, S.RESOLVED)
    recent = to_state(world, S.RESOLVED)
    Case.objects.filter(pk=case.pk).update(resolved_at=timezone.now() - dt.timedelta(days=60))
    old_key = IdempotencyKey.objects.create(key="old", request_hash="x")
    IdempotencyKey.objects.filter(pk=old_key.pk).update(created_at=timezone.now() - dt.timedelta(days=2))
    IdempotencyKey.objects.create(key="new", request_hash="y")
    out = io.StringIO()
    call_command("flag_overdue_cases", stdout=out)
    assert "closed 1" in out.getvalue() and "forgot 1" in out.getvalue()
    case.refresh_from_db()
    recent.refresh_from_db()
    assert case.state == S.CLOSED and recent.state == S.RESOLVED
    last = case.events.order_by("-seq").first()
    assert last.actor_kind == "system" and last.transition == "close_unconfirmed"
    assert list(IdempotencyKey.objects.values_list("key", flat=True)) == ["new"]
    # nobody but the system may make this transition
    assert not services.available_transitions(recent, world["supervisor"]) or all(
        t.name != "close_unconfirmed" for t in services.available_transitions(recent, world["supervisor"]))


def test_codes_typed_with_thai_digits_and_dashes_are_understood(world):
    from cases.models.case import normalise_code

    assert normalise_code("abcde-๒๓๔๕๖") == "ABCDE23456"
