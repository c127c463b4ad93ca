"""The outbox: every message is a row before it is sent, and is sent once."""

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class OutboxQuerySet(models.QuerySet):
    def for_subject(self, subject):
        return self.filter(subject_type=ContentType.objects.get_for_model(subject), subject_id=subject.pk)


class OutboxMessage(models.Model):
    """One e-mail. Either ``subject`` and ``body`` are given when it is queued,
    or ``renderer`` names a registered renderer (:mod:`cms.records.outbox`)
    that writes them at send time from ``context`` and the linked objects.
    ``context`` is emptied once the message is sent (it may hold a PIN)."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting to be sent")
        SENDING = "sending", _("Being sent")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")

    to = models.EmailField(_("recipient"))
    language = models.CharField(_("language"), max_length=5, default="th")
    subject = models.CharField(_("subject"), max_length=300, blank=True)
    body = models.TextField(_("body"), blank=True)
    renderer = models.CharField(max_length=60, blank=True)
    context = models.JSONField(default=dict, blank=True)
    headers = models.JSONField(default=dict, blank=True)
    dedupe_key = models.CharField(max_length=200)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    # Indexed by records_outbox_subject_idx (an index of its own would only slow the writes).
    subject_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                                     db_index=False)
    subject_id = models.PositiveBigIntegerField(null=True, blank=True)
    subject_object = GenericForeignKey("subject_type", "subject_id")
    # Not indexed: events are never deleted, and messages are looked up by their subject.
    event = models.ForeignKey("records.Event", on_delete=models.PROTECT, null=True, blank=True,
                              related_name="outbox_messages", db_index=False)

    objects = OutboxQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("outgoing message")
        verbose_name_plural = _("outgoing messages")
        # Every index costs each of the many writes of a large fan-out (queue, claim, mark sent):
        # the dedupe key is a constraint (no second index for LIKE), and only what is queried
        # is indexed.
        constraints = [models.UniqueConstraint(fields=["dedupe_key"], name="records_outbox_dedupe_key_unique")]
        indexes = [
            models.Index(fields=["status", "created_at"], name="records_outbox_status_idx"),
            models.Index(fields=["subject_type", "subject_id"], name="records_outbox_subject_idx"),
        ]

    def __str__(self):
        return f"{self.dedupe_key} → {self.to}"
