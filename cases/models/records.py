"""What a case keeps beside its record: the kinds of its events (the events
themselves are :class:`cms.records.models.Event` rows), attachments in
private storage and idempotency keys."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .case import Case


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
