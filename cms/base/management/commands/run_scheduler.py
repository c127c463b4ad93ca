"""Runs the periodic commands (scheduled publishing, overdue complaints, the
outbox and follows, background tasks of a dead worker) on a timer. `make demo`
starts it beside the web server; in production, cron or a systemd timer can call
the same commands instead."""

import time

from django.core.management import call_command, get_commands
from django.core.management.base import BaseCommand

# (command, every N seconds)
PERIODIC_COMMANDS = [
    ("publish_scheduled", 60),
    ("flag_overdue_cases", 15 * 60),
    ("send_outbox", 5 * 60),
    ("recover_stale_tasks", 5 * 60),
    ("anonymise_closed_cases", 24 * 60 * 60),
]


class Command(BaseCommand):
    help = "Run Chandra's periodic commands on a timer until stopped."

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="Run every command once and exit.")

    def handle(self, *args, once=False, **options):
        available = get_commands()
        schedule = [(name, every) for name, every in PERIODIC_COMMANDS if name in available]
        next_run = {name: 0.0 for name, _ in schedule}
        while True:
            now = time.monotonic()
            for name, every in schedule:
                if once or now >= next_run[name]:
                    try:
                        call_command(name)
                    except Exception as error:  # one failing command must not stop the others
                        self.stderr.write(f"{name} failed: {error}")
                    next_run[name] = now + every
            if once:
                return
            time.sleep(5)
