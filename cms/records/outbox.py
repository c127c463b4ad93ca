"""Renderers of outbox messages: an app registers a function that turns a
message (its ``context`` and linked objects) into ``(subject, body)`` at send
time, so a message can show the subject's latest state and keep a secret such
as a PIN only until it is sent."""

_renderers = {}


def register_renderer(name):
    def decorator(function):
        _renderers[name] = function
        return function

    return decorator


def is_registered(name):
    return name in _renderers


def render(message):
    """``(subject, body)`` of ``message``."""
    if not message.renderer:
        return message.subject, message.body
    try:
        renderer = _renderers[message.renderer]
    except KeyError:
        raise LookupError(f"no outbox renderer named {message.renderer!r}") from None
    return renderer(message)
