import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.production")

from cms.base.multipart import AsgiSafeMultipartNames  # noqa: E402
from cms.base.warmup import warm_up  # noqa: E402

application = AsgiSafeMultipartNames(get_asgi_application())
warm_up()
