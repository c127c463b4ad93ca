"""Demo content of the laws: all twenty constitutions (with the 2564 amendment of
2560), the eleven acts, the meeting regulations excerpt, the glossary and the
topics. Idempotent: an instrument already present is left as it is."""

import importlib.util
import time

from . import services


def load(*, stdout) -> None:
    started = time.monotonic()
    # search.demo (run after this module by load_demo) rebuilds the whole index;
    # indexing each instrument here as well would only do the work twice.
    rebuilt_later = importlib.util.find_spec("search.demo") is not None
    services.load_all(stdout=stdout, index=not rebuilt_later)
    _editor_permissions()
    stdout.write(f"laws: loaded in {time.monotonic() - started:.1f} s")


def _editor_permissions() -> None:
    """Editors keep the laws up to date in the admin."""
    from django.contrib.auth.models import Group, Permission

    group = Group.objects.filter(name="Editors").first()
    if group is None:
        return
    group.permissions.add(*Permission.objects.filter(content_type__app_label="laws", codename__regex=r"^(add|change|view)_"))
