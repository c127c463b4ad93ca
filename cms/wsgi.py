import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.production")

from django.core.wsgi import get_wsgi_application  # noqa: E402

from cms.base.multipart import SafeMultipartNames  # noqa: E402
from cms.base.warmup import warm_up  # noqa: E402

application = SafeMultipartNames(get_wsgi_application())
warm_up()
