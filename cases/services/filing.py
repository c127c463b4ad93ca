"""Filing a case: the one validation of a filing (the web form and the API's
serializer both call :func:`validate_filing`), the filing itself, and filing
once per Idempotency-Key."""

import dataclasses
import hashlib
import json
import re

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cms.base.thai import arabic_digits

from .. import areas, replay
from ..calendar import WorkingCalendar
from ..models import CITIZEN, Case, CaseKind, EventKind, IdempotencyKey
from ..models.case import new_code, new_pin
from ..notifications import NotificationKind
from .base import CaseError, check_uploads, notify_citizen, record_event, sla_days, store_attachment

PHONE_RE = re.compile(r"^\+?[0-9][0-9 \-]{7,18}$")
IDEMPOTENCY_KEY_MAX = 200


class IdempotencyKeyInvalid(CaseError):
    code = "invalid"


class IdempotencyKeyReused(CaseError):
    code = "idempotency_key_reused"


@dataclasses.dataclass(frozen=True)
class Filing:
    """A checked filing, ready to be filed."""

    kind: str
    category: object
    subject: str
    description: str
    province: str
    district: str
    subdistrict: str
    respondent: str
    anonymous: bool
    contact_name: str
    contact_email: str
    contact_phone: str
    attachments: tuple

    def case_fields(self):
        """The case's fields as filed (all but the attachments)."""
        return {field.name: getattr(self, field.name) for field in dataclasses.fields(self) if field.name != "attachments"}

    def fingerprint(self):
        """Tells a retry from a different submission under the same Idempotency-Key."""
        plain = {**self.case_fields(), "category": self.category.slug,
                 "attachments": [[a.name, a.sha256] for a in self.attachments]}
        return hashlib.sha256(json.dumps(plain, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def validate_filing(*, kind=CaseKind.COMPLAINT, category, subject, description, province="", district="",
                    subdistrict="", respondent="", anonymous=False, contact_name="", contact_email="",
                    contact_phone="", consent=False, attachments=()):
    """Every rule a filing must meet, checked at once: a category offered to
    citizens, consent, a name and a way to reach the citizen unless anonymous,
    a phone number that looks like one (Thai digits accepted), places that
    belong together, and the attachments (how many, their size and their type
    by content). Returns a :class:`Filing`; raises ``ValidationError`` with
    the messages by field."""
    errors = {}

    def refuse(field, messages):
        errors.setdefault(field, []).extend(messages)

    if category is None or not category.active:
        refuse("category", [_("Choose a category from the list.")])
    if not consent:
        refuse("consent", [_("Please agree to the personal data notice to file your case.")])
    contact_name, contact_email = (contact_name or "").strip(), (contact_email or "").strip()
    contact_phone = arabic_digits(contact_phone or "").strip()
    if anonymous:
        contact_name = contact_email = contact_phone = ""
    elif not contact_name:
        refuse("contact_name", [_("Give your name, or choose to file anonymously.")])
    elif not (contact_email or contact_phone):
        refuse("contact_email", [_("Give an e-mail address or a phone number so we can reach you.")])
    if contact_phone and not PHONE_RE.match(contact_phone):
        refuse("contact_phone", [_("Enter a phone number of 9 to 15 digits, for example 081 234 5678.")])
    try:
        areas.validate_chain(province=province, district=district, subdistrict=subdistrict)
    except ValidationError as error:
        for field, messages in error.message_dict.items():
            refuse(field, messages)
    checked = ()
    try:
        checked = check_uploads(attachments)
    except ValidationError as error:
        refuse("attachments", error.messages)
    if errors:
        raise ValidationError(errors)
    return Filing(
        kind=kind, category=category, subject=subject.strip(), description=description.strip(),
        province=province or "", district=district or "", subdistrict=subdistrict or "",
        respondent=(respondent or "").strip(), anonymous=bool(anonymous), contact_name=contact_name,
        contact_email=contact_email, contact_phone=contact_phone, attachments=tuple(checked),
    )


def case_file(*, language="th", channel="web", filed_at=None, pin=None, **fields):
    """Check and file a new case (``fields`` as :func:`validate_filing` takes
    them). Returns ``(case, pin)``: the PIN is shown once and stored hashed.

    ``pin`` is for bulk loading only (the demo gives every demo case one known PIN)."""
    return case_file_validated(filing=validate_filing(**fields), language=language, channel=channel,
                               filed_at=filed_at, pin=pin)


CODE_ATTEMPTS = 5


class _CodeTaken(Exception):
    """The code drawn for a new case failed its insert (perhaps taken by another case)."""

    def __init__(self, code):
        super().__init__(code)
        self.code = code


def _in_transaction_with_a_new_code(work):
    """``work()`` in a transaction of its own (a savepoint within the caller's),
    run again from the start if the code it drew for its case was taken: the
    case's insert needs no savepoint of its own, and the clash, which rolls the
    whole transaction back, is as rare as two equal draws of 32¹⁰."""
    attempts = 0
    while True:
        attempts += 1
        try:
            with transaction.atomic():
                return work()
        except _CodeTaken as clash:
            if attempts == CODE_ATTEMPTS or not Case.objects.filter(code=clash.code).exists():
                raise clash.__cause__


def case_file_validated(*, filing, language="th", channel="web", filed_at=None, pin=None):
    """File a :class:`Filing` already checked. Returns ``(case, pin)``."""
    pin = pin or new_pin()
    return _in_transaction_with_a_new_code(
        lambda: (_file(filing, language=language, channel=channel, filed_at=filed_at, pin=pin), pin))


def _file(filing, *, language, channel, filed_at, pin):
    """The case, its record, attachments and notification, in the caller's
    transaction (:func:`_insert_case`, then :func:`_record_filing`)."""
    case = _insert_case(filing, language=language, channel=channel, filed_at=filed_at, pin=pin)
    _record_filing(case, filing, pin=pin)
    return case


def _insert_case(filing, *, language, channel, filed_at, pin):
    """The new case, inserted in the caller's transaction with a new code drawn
    for it. Raises :class:`_CodeTaken` if the code could not be inserted (the
    transaction is then to be rolled back)."""
    filed_at = filed_at or timezone.now()
    ack_days, resolve_days = sla_days(filing.category)
    calendar = WorkingCalendar()
    filed_day = timezone.localtime(filed_at).date()
    case = Case(
        **filing.case_fields(), consent_at=filed_at, language=language, channel=channel, filed_at=filed_at,
        acknowledge_due=calendar.add_working_days(filed_day, ack_days),
        resolve_due=calendar.add_working_days(filed_day, resolve_days), code=new_code(),
    )
    case.set_pin(pin)
    try:
        case.save()
    except IntegrityError as error:
        raise _CodeTaken(case.code) from error
    return case


def _record_filing(case, filing, *, pin):
    """What follows a new case's insert, in the same transaction: its first
    event, its attachments and the citizen's confirmation."""
    event = record_event(case, by=CITIZEN, kind=EventKind.FILED, to_state=case.state, public=True,
                         data={"kind": filing.kind, "channel": case.channel}, at=case.filed_at, new_subject=True)
    for content in filing.attachments:
        store_attachment(case, content, by=CITIZEN, public=True)
    notify_citizen(case, event, NotificationKind.CITIZEN_FILED, {"pin": pin}, first=True)


def case_file_once(*, key, filing, answer, language="th", channel="api"):
    """File ``filing`` once per Idempotency-Key. ``answer(case, pin)`` makes the
    reply, which is kept with the key (its PIN sealed, :mod:`cases.replay`): a
    retry with the same key and the same filing gets it again instead of filing
    twice (a concurrent retry waits for the first). Without a key, files every time. Returns ``(reply, filed)``.

    Raises :class:`IdempotencyKeyReused` for the key of a different filing and
    :class:`IdempotencyKeyInvalid` for a key that is too long. A filing that
    fails leaves its key unused."""
    key = (key or "").strip()
    if len(key) > IDEMPOTENCY_KEY_MAX:
        raise IdempotencyKeyInvalid(_("The Idempotency-Key is too long (200 characters at most)."))
    if not key:
        return answer(*case_file_validated(filing=filing, language=language, channel=channel)), True
    fingerprint = filing.fingerprint()

    def file_once():
        pin = new_pin()
        case = _insert_case(filing, language=language, channel=channel, filed_at=None, pin=pin)
        reply = answer(case, pin)
        try:
            # The key is taken with its answer in one insert, before the rest of the filing is written: a
            # concurrent request with the same key waits here for the first to commit, then finds the key
            # taken, and its transaction (its case too) rolls back whole, so no savepoint of its own.
            IdempotencyKey.objects.create(key=key, request_hash=fingerprint, case=case,
                                          response=replay.stored_answer(reply, key=key))
        except IntegrityError:
            transaction.set_rollback(True)
            return None
        _record_filing(case, filing, pin=pin)
        return reply

    reply = _in_transaction_with_a_new_code(file_once)
    if reply is not None:
        return reply, True
    # Another request with this key finished first (a concurrent one waited for it at the insert).
    record = IdempotencyKey.objects.select_related("case").get(key=key)
    if record.request_hash != fingerprint:
        raise IdempotencyKeyReused(_("This Idempotency-Key was already used for a different submission."))
    return replay.replayed_answer(record.response, key=key, case=record.case), False
