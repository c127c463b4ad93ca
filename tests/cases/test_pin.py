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
