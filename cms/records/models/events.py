"""Append-only events for any workflow object, each signed with a keyed hash
over its content and its predecessor's hash."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models.signals import pre_delete
from django.dispatch import receiver
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..signing import EVENT_PURPOSE, event_payload, matches, sign, signing_key_id

CHAIN_FIELDS = ("chain_length", "chain_head")


class AppendOnlyError(Exception):
    """Raised when the application tries to change or delete a recorded event."""


class ActorKind(models.TextChoices):
    OFFICER = "officer", _("Officer")
    CITIZEN = "citizen", _("Citizen")
    SYSTEM = "system", _("System")
    STAFF = "staff", _("Staff")


class EventQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError("Recorded events are append-only: they cannot be updated.")

    def delete(self):
        raise AppendOnlyError("Recorded events are append-only: they cannot be deleted.")

    def _raw_delete(self, using):
        raise AppendOnlyError("Recorded events are append-only: they cannot be deleted.")

    def for_subject(self, subject):
        return self.filter(subject_type=ContentType.objects.get_for_model(subject), subject_id=subject.pk)


class ChainedModel(models.Model):
    """A workflow object with a record (a case, a bill). The head of its chain
    is kept with it and moved only by :func:`cms.records.services.record_event`,
    in the same transaction as the event; a plain ``save()`` never writes it."""

    chain_length = models.PositiveIntegerField(default=0, editable=False)
    chain_head = models.CharField(max_length=64, blank=True, editable=False)
    events = GenericRelation("records.Event", content_type_field="subject_type", object_id_field="subject_id",
                             related_query_name="%(app_label)s_%(class)s")

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self._state.adding and not args and kwargs.get("update_fields") is None \
                and not kwargs.get("force_insert"):
            deferred = self.get_deferred_fields()
            kwargs["update_fields"] = [field.name for field in self._meta.concrete_fields
                                       if not field.primary_key and field.name not in CHAIN_FIELDS
                                       and field.attname not in deferred]
        super().save(*args, **kwargs)


class Event(models.Model):
    """One thing that happened to a subject. Never updated, never deleted."""

    subject_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    subject_id = models.PositiveBigIntegerField()
    seq = models.PositiveIntegerField(editable=False)
    at = models.DateTimeField(default=timezone.now, editable=False)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                              related_name="record_events")
    actor_kind = models.CharField(max_length=10, choices=ActorKind.choices, default=ActorKind.OFFICER)
    kind = models.CharField(max_length=30)
    transition = models.CharField(max_length=40, blank=True)
    from_state = models.CharField(max_length=40, blank=True)
    to_state = models.CharField(max_length=40, blank=True)
    comment = models.TextField(blank=True)
    public = models.BooleanField(default=False)
    data = models.JSONField(default=dict, blank=True)
    key_id = models.CharField(max_length=20, editable=False)
    prev_hash = models.CharField(max_length=64, blank=True, editable=False)
    hash = models.CharField(max_length=64, editable=False)

    objects = EventQuerySet.as_manager()

    class Meta:
        ordering = ["subject_type", "subject_id", "seq"]
        verbose_name = _("recorded event")
        verbose_name_plural = _("recorded events")
        constraints = [
            models.UniqueConstraint(fields=["subject_type", "subject_id", "seq"], name="records_event_seq_unique"),
        ]
        indexes = [models.Index(fields=["subject_type", "kind", "at"], name="records_event_kind_idx")]

    def __str__(self):
        return f"{self.subject_type_id}:{self.subject_id}#{self.seq} {self.kind}"

    def signed_content(self):
        subject_type = ContentType.objects.get_for_id(self.subject_type_id)
        return event_payload(self, f"{subject_type.app_label}.{subject_type.model}")

    def sign(self):
        self.key_id = self.key_id or signing_key_id()
        self.hash = sign(EVENT_PURPOSE, self.signed_content(), key_id=self.key_id)

    def signature_matches(self):
        return matches(EVENT_PURPOSE, self.signed_content(), key_id=self.key_id, signature=self.hash)

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AppendOnlyError("Recorded events are append-only: they cannot be updated.")
        if not self.hash:
            self.sign()
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("Recorded events are append-only: they cannot be deleted.")


@receiver(pre_delete, sender=Event, dispatch_uid="records-event-append-only")
def _refuse_delete(sender, instance, **kwargs):
    """Deleting a subject would take its events with it (the generic relation
    cascades): refused, on every database."""
    raise AppendOnlyError("Recorded events are append-only: they cannot be deleted.")
