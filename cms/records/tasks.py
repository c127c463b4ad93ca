"""Background work of the shared core: queueing a task with the change it follows, and the
periodic delivery of subscriptions that are due. (The outbox is sent by its relay,
:mod:`cms.records.relay`.)"""

import datetime as dt

from django.db import router, transaction
from django.db.models import Q
from django.utils import timezone
from django_tasks_db import DatabaseBackend
from django_tasks_db.models import DBTaskResult

from .models import Subscription


def enqueue_with_commit(task_, **kwargs):
    """Queue ``task_`` for when the caller's transaction commits. A queue kept
    in this same database (django-tasks-db) takes its row in the transaction:
    it commits, or is dropped, with the change it follows, and costs no commit
    of its own. Any other queue is given the task after the commit, so that no
    worker looks before the change is there."""
    if isinstance(task_.get_backend(), DatabaseBackend) \
            and router.db_for_write(DBTaskResult) == transaction.get_connection().alias:
        task_.enqueue(**kwargs)
    else:
        transaction.on_commit(lambda: task_.enqueue(**kwargs))


def deliver_due(*, now=None):
    """Periodic delivery: every immediate subscription behind its feed (a
    crash, a missed task) and every daily one last delivered a day ago or more."""
    from .services import deliver_subscription

    now = now or timezone.now()
    due = Subscription.objects.filter(active=True, follower__confirmed_at__isnull=False).filter(
        Q(frequency=Subscription.Frequency.IMMEDIATE)
        | Q(delivered_at__isnull=True) | Q(delivered_at__lte=now - dt.timedelta(days=1)))
    return sum(deliver_subscription(subscription=s) for s in due.order_by("pk").iterator())
