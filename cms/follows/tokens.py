"""The signed links in follow e-mails. Each carries the follower's secret token, signed with
SECRET_KEY and a purpose of its own, so a link cannot be forged or used for another purpose."""

import base64
import hmac

from django.core import signing
from django.utils.crypto import salted_hmac

CONFIRM_MAX_AGE = 7 * 24 * 3600


def _dumps(value, purpose):
    return signing.dumps(value, salt=f"follows.{purpose}", compress=False)


def _loads(token, purpose, max_age=None):
    return signing.loads(token, salt=f"follows.{purpose}", max_age=max_age)


def confirm_token(*, follower):
    return _dumps([follower.token], "confirm")


def manage_token(*, follower):
    return manage_token_for(follower_token=follower.token)


def manage_token_for(*, follower_token):
    return _dumps([follower_token], "manage")


def _unsubscribe_mac(subscription_id, follower_token):
    digest = salted_hmac("follows.unsubscribe", f"{subscription_id}:{follower_token}", algorithm="sha256").digest()
    return base64.urlsafe_b64encode(digest).decode()[:22]


def unsubscribe_token(*, subscription_id, follower_token):
    """Short (the List-Unsubscribe header must fit one folded line): ``<id>.<128-bit MAC>``."""
    return f"{subscription_id}.{_unsubscribe_mac(subscription_id, follower_token)}"


def read_confirm(token):
    """The follower token of a confirmation link; raises signing.BadSignature."""
    return _loads(token, "confirm", max_age=CONFIRM_MAX_AGE)[0]


def read_manage(token):
    return _loads(token, "manage")[0]


def check_unsubscribe(token, follower_token_of):
    """The subscription id of an unsubscribe token; ``follower_token_of(id)`` gives the
    secret it must be signed with. Raises signing.BadSignature."""
    subscription_id, _sep, mac = token.partition(".")
    if not subscription_id.isdecimal():
        raise signing.BadSignature("malformed unsubscribe token")
    secret = follower_token_of(int(subscription_id))
    if not secret or not hmac.compare_digest(mac, _unsubscribe_mac(int(subscription_id), secret)):
        raise signing.BadSignature("bad unsubscribe token")
    return int(subscription_id)
