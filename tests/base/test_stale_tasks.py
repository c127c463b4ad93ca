"""A worker killed in the middle of a task leaves it RUNNING; the periodic
recovery queues it again, and leaves running tasks of live workers alone."""

import datetime as dt

import pytest
from django.core.management import call_command
from django.tasks import TaskResultStatus
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from cms.follows.tasks import deliver_feed_event

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def database_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.TASKS_STALE_AFTER_MINUTES = 30


def running(*, minutes_ago, feed_event_id):
    result = deliver_feed_event.enqueue(feed_event_id=feed_event_id)
    row = DBTaskResult.objects.get(id=result.id)
    row.claim("worker-1")
    DBTaskResult.objects.filter(id=row.id).update(started_at=timezone.now() - dt.timedelta(minutes=minutes_ago))
    return row


def test_a_task_of_a_dead_worker_is_queued_again():
    dead = running(minutes_ago=45, feed_event_id=7)
    alive = running(minutes_ago=5, feed_event_id=8)
    call_command("recover_stale_tasks")
    dead.refresh_from_db()
    assert dead.status == TaskResultStatus.FAILED
    assert dead.exception_class_path == "cms.base.stale_tasks.WorkerLost"
    again = DBTaskResult.objects.ready().get()
    assert again.task_path == dead.task_path and again.args_kwargs == {"args": [], "kwargs": {"feed_event_id": 7}}
    alive.refresh_from_db()
    assert alive.status == TaskResultStatus.RUNNING


def test_recovery_runs_once_per_lost_task():
    running(minutes_ago=45, feed_event_id=7)
    call_command("recover_stale_tasks")
    call_command("recover_stale_tasks")
    assert DBTaskResult.objects.ready().count() == 1
