"""The record of a case: append-only audit events chained by hash,
attachments in private storage, the notification outbox and idempotency keys."""

import datetime as dt
import hashlib
import json

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .case import Case


class AuditTamperError(Exception):
    """Raised when the application tries to change or delete an audit event."""


class EventKind(models.TextChoices):
    FILED = "filed", _("Filed")
    TRANSITION = "transition", _("Status changed")
    ASSIGNMENT = "assignment", _("Assigned")
    FIELD_CHANGE = "field_change", _("Details changed")
    NOTE = "note", _("Internal note")
    PUBLIC_REPLY = "public_reply", _("Reply")
    CITIZEN_MESSAGE = "citizen_message", _("Information from the citizen")
    ATTACHMENT = "attachment", _("Attachment added")
    ATTACHMENT_VIEW = "attachment_view", _("Attachment opened")
    IDENTITY_VIEW = "identity_view", _("Identity viewed")
    RATING = "rating", _("Rated")
    OVERDUE = "overdue", _("Flagged as overdue")
    ANONYMISED = "anonymised", _("Personal data removed")
    LINK = "link", _("Related case linked")


class CaseEventQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AuditTamperError("Audit events are append-only: they cannot be updated.")

    def delete(self):
        raise AuditTamperError("Audit events are append-only: they cannot be deleted.")

    def _raw_delete(self, using):
        raise AuditTamperError("Audit events are append-only: they cannot be deleted.")


class CaseEvent(models.Model):
    """One thing that happened to a case. Never updated, never deleted; each
    event carries the hash of the case's previous event."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="events")
    seq = models.PositiveIntegerField(editable=False)
    at = models.DateTimeField(default=timezone.now, editable=False)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                              related_name="case_events")
    actor_kind = models.CharField(max_length=10, default="officer")  # officer, citizen, system
    kind = models.CharField(max_length=20, choices=EventKind.choices)
    transition = models.CharField(max_length=40, blank=True)
    from_state = models.CharField(max_length=20, blank=True)
    to_state = models.CharField(max_length=20, blank=True)
    comment = models.TextField(blank=True)
    public = models.BooleanField(default=False)
    data = models.JSONField(default=dict, blank=True)
    prev_hash = models.CharField(max_length=64, blank=True, editable=False)
    hash = models.CharField(max_length=64, editable=False)

    objects = CaseEventQuerySet.as_manager()

    class Meta:
        ordering = ["case", "seq"]
        verbose_name = _("case event")
        verbose_name_plural = _("case events")
        constraints = [models.UniqueConstraint(fields=["case", "seq"], name="cases_event_seq_unique")]
        indexes = [models.Index(fields=["kind", "at"], name="cases_event_kind_idx")]

    def __str__(self):
        return f"{self.case_id}#{self.seq} {self.kind}"

    def canonical(self):
        """The serialisation the hash is computed over: sorted keys, UTC ISO time."""
        return json.dumps(
            {
                "case": self.case_id, "seq": self.seq, "at": self.at.astimezone(dt.UTC).isoformat(),
                "actor": self.actor_id, "actor_kind": self.actor_kind, "kind": self.kind,
                "transition": self.transition, "from": self.from_state, "to": self.to_state,
                "comment": self.comment, "public": self.public, "data": self.data, "prev": self.prev_hash,
            },
            sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str,
        )

    def compute_hash(self):
        return hashlib.sha256(self.canonical().encode()).hexdigest()

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AuditTamperError("Audit events are append-only: they cannot be updated.")
        if not self.hash:
            self.hash = self.compute_hash()
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AuditTamperError("Audit events are append-only: they cannot be deleted.")


def private_storage():
    from django.core.files.storage import FileSystemStorage

    from cases.conf import conf

    return FileSystemStorage(location=str(conf.private_root), base_url=None)


def attachment_path(instance, filename):
    return f"{instance.case.code}/{instance.sha256[:16]}{instance.extension}"


class Attachment(models.Model):
    """A photo or PDF of a case, kept outside MEDIA_ROOT and served only
    through a permission-checked view."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="attachments")
    file = models.FileField(storage=private_storage, upload_to=attachment_path, max_length=200)
    original_name = models.CharField(max_length=200)
    content_type = models.CharField(max_length=80)
    extension = models.CharField(max_length=8)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="+")
    public = models.BooleanField(default=False, help_text=_("Shown to the citizen on the tracking page."))
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self):
        return self.original_name


class Notification(models.Model):
    """The outbox: a message is a row before it is sent, and is sent once."""

    class Kind(models.TextChoices):
        CITIZEN_UPDATE = "citizen_update", _("Update to the citizen")
        CITIZEN_FILED = "citizen_filed", _("Confirmation to the citizen")
        ASSIGNED = "assigned", _("Case assigned")
        OVERDUE = "overdue", _("Case overdue")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="notifications")
    event = models.ForeignKey(CaseEvent, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    recipient_user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True, blank=True,
                                       related_name="+")
    email = models.EmailField()
    language = models.CharField(max_length=5, default="th")
    # Only what the message needs beyond the case (the PIN of a new case);
    # emptied once sent.
    payload = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True, db_index=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        constraints = [
            models.UniqueConstraint(fields=["event", "email"], name="cases_notification_once",
                                    condition=models.Q(event__isnull=False)),
        ]

    def __str__(self):
        return f"{self.kind} → {self.email}"


class IdempotencyKey(models.Model):
    """A client's Idempotency-Key for filing: a retried submit returns the
    first answer instead of filing twice. The unique key makes two concurrent
    requests with the same key wait for each other."""

    key = models.CharField(max_length=200, unique=True)
    request_hash = models.CharField(max_length=64)
    case = models.ForeignKey(Case, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    response = models.JSONField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("idempotency key")

    def __str__(self):
        return self.key
