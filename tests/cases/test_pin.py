import os
import subprocess
import sys

from django.conf import settings
from django.test import override_settings

from cases.models import Case


def test_pin_is_stored_as_a_salted_keyed_hash():
    first, second = Case(), Case()
    first.set_pin("246810")
    second.set_pin("246810")
    assert "246810" not in first.pin_hash
    assert first.pin_hash != second.pin_hash  # salted per case
    assert first.check_pin("246810")
    assert not first.check_pin("246811")
    assert not first.check_pin("")


def test_pin_survives_a_key_rotation_only_through_the_fallbacks():
    case = Case()
    with override_settings(SECRET_KEY="old-key-" + "x" * 40):
        case.set_pin("135790")
    with override_settings(SECRET_KEY="new-key-" + "y" * 40):
        assert not case.check_pin("135790")
    with override_settings(SECRET_KEY="new-key-" + "y" * 40, SECRET_KEY_FALLBACKS=["old-key-" + "x" * 40]):
        assert case.check_pin("135790")


def test_secret_key_fallbacks_come_from_the_environment():
    """A PIN set under the old key checks under the new one when the old key is in SECRET_KEY_FALLBACKS."""
    old_key, new_key = "old-key-" + "x" * 40, "new-key-" + "y" * 40
    case = Case()
    with override_settings(SECRET_KEY=old_key):
        case.set_pin("135790")
    script = (
        "import django; django.setup()\n"
        "from django.conf import settings\n"
        "from cases.models import Case\n"
        f"case = Case(pin_hash={case.pin_hash!r})\n"
        "print(settings.SECRET_KEY_FALLBACKS, case.check_pin('135790'))\n"
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "cms.settings.dev", "SECRET_KEY": new_key,
           "SECRET_KEY_FALLBACKS": f"{old_key}, another-old-key"}
    result = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True,
                            cwd=settings.BASE_DIR)
    assert result.stdout.strip() == f"['{old_key}', 'another-old-key'] True"
