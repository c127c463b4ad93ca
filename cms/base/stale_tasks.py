"""Tasks whose worker died: django-tasks-db marks a task RUNNING when a
worker claims it and nothing else ever changes it if that worker is killed.
A task still RUNNING long after it started is taken for lost: its row is marked
failed (with :class:`WorkerLost`) and the same task, with the same arguments,
is queued again. Chandra's tasks may run twice safely (each notification is
sent under a row lock, once), so a slow task wrongly taken for lost costs
nothing but a repeated check."""

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_tasks_db.models import DBTaskResult


class WorkerLost(Exception):
    """The worker running the task stopped before finishing it."""


def stale_after():
    return dt.timedelta(minutes=settings.TASKS_STALE_AFTER_MINUTES)


def recover_stale_tasks(*, now=None):
    """Queue again every task RUNNING for longer than ``TASKS_STALE_AFTER_MINUTES``; returns how many."""
    cutoff = (now or timezone.now()) - stale_after()
    recovered = 0
    with transaction.atomic():
        for result in DBTaskResult.objects.running().filter(started_at__lt=cutoff).select_for_update(skip_locked=True):
            result.set_failed(WorkerLost(f"Still running after {stale_after()}: worker {result.worker_ids[-1:]} lost."))
            result.task.enqueue(*result.args_kwargs["args"], **result.args_kwargs["kwargs"])
            recovered += 1
    return recovered
