"""Production: every secret and host comes from the environment, and the
deployment checks pass with no warnings."""

from .base import *  # noqa: F403
from .base import env as _env
from .env import Env

env = Env(strict=True)

SECRET_KEY = env.str("SECRET_KEY")
RECORDS_HMAC_KEYS = env.list("RECORDS_HMAC_KEYS")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS")
DEBUG = False
DATABASE_URL = env.str("DATABASE_URL")
# Citizens are e-mailed their tracking code: production must have a mail server.
env.str("EMAIL_HOST")

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = _env.bool("SECURE_SSL_REDIRECT", default=True)
SECURE_HSTS_SECONDS = _env.int("SECURE_HSTS_SECONDS", default=31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
LANGUAGE_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
