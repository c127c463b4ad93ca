from django.conf import settings


def absolute(path):
    """An address for e-mails, which have no request to build one from."""
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path
