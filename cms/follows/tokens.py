"""The signed links in follow e-mails. Each carries the follower's secret token, signed with
SECRET_KEY and a purpose of its own, so a link cannot be forged or used for another purpose."""

from django.core import signing

CONFIRM_MAX_AGE = 7 * 24 * 3600


def _dumps(value, purpose):
    return signing.dumps(value, salt=f"follows.{purpose}", compress=False)


def _loads(token, purpose, max_age=None):
    return signing.loads(token, salt=f"follows.{purpose}", max_age=max_age)


def confirm_token(*, follower):
    return _dumps([follower.token], "confirm")


def manage_token(*, follower):
    return _dumps([follower.token], "manage")


def unsubscribe_token(*, subscription_id, follower_token):
    return _dumps([subscription_id, follower_token], "unsubscribe")


def read_confirm(token):
    """The follower token of a confirmation link; raises signing.BadSignature."""
    return _loads(token, "confirm", max_age=CONFIRM_MAX_AGE)[0]


def read_manage(token):
    return _loads(token, "manage")[0]


def read_unsubscribe(token):
    subscription_id, follower_token = _loads(token, "unsubscribe")
    return int(subscription_id), follower_token
