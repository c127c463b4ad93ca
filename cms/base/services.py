"""The services of the Chandra app that the home page can lead to.

Each service says where it lives: a named URL or a page type. A service whose
URL does not resolve, or whose page does not exist (yet) in the reader's
language, is simply not offered, so the portal never links to an empty page.
Later apps make their tile appear by providing the URL name declared here.
"""

from dataclasses import dataclass
from functools import lru_cache

from django.conf import settings
from django.urls import NoReverseMatch, get_urlconf, reverse
from django.utils.translation import get_language, gettext_lazy as _


@dataclass(frozen=True)
class Service:
    key: str
    title: str
    description: str
    icon: str
    url_name: str = ""
    page_type: str = ""  # "app_label.ModelName" of the page that is the service
    in_menu: bool = False  # also a top-level item of the main menu

    def url(self, locale=None):
        if self.url_name:
            return _reverse(self.url_name, get_language(), get_urlconf() or settings.ROOT_URLCONF)
        if self.page_type:
            return _page_url(self.page_type, locale)
        return None


@lru_cache(maxsize=512)
def _reverse(url_name, language, urlconf):
    """Whether a service's app is installed is fixed for the life of the process:
    resolve each URL once per language instead of raising NoReverseMatch per request."""
    try:
        return reverse(url_name, urlconf=urlconf)
    except NoReverseMatch:
        return None


def _page_url(page_type, locale):
    from django.apps import apps

    from .navigation import active_locale, default_locale

    try:
        model = apps.get_model(page_type)
    except LookupError:
        return None
    pages = model.objects.live().public()
    locale = locale or active_locale()
    page = pages.filter(locale=locale).first() or pages.filter(locale=default_locale()).first()
    return page.url if page else None


SERVICES = [
    Service("constitutions", _("Constitutions"), _("Every Thai constitution from B.E. 2475 to today"), "book", url_name="laws:constitution_list", in_menu=True),
    Service("sittings", _("Senate sittings"), _("Agendas, records and the live broadcast"), "sitting", url_name="legislation:sitting_list"),
    Service("live", _("Live broadcast"), _("Watch the sitting now in session"), "live", url_name="legislation:live"),
    Service("regulations", _("Meeting regulations"), _("Rules of Parliament, the Senate and the House"), "gavel", url_name="laws:regulation_list"),
    Service("bills", _("Bills before the Senate"), _("Follow a bill and be told when it moves"), "bill", url_name="legislation:bill_list", in_menu=True),
    Service("committee_bills", _("Bills in committee"), _("Bills under consideration by Senate committees"), "committee", url_name="legislation:committee_bill_list"),
    Service("academic", _("Academic and legal database"), _("Research papers and legal analysis"), "library", url_name="library:academic_list"),
    Service("documents", _("Digital documents"), _("Publications of the Secretariat"), "document", url_name="library:document_list"),
    Service("glossary", _("Glossary of constitutional terms"), _("Words and expressions of the constitution"), "glossary", url_name="laws:glossary"),
    Service("archive", _("Legislative archive"), _("Records of past legislation"), "archive", url_name="library:archive"),
    Service("complaints", _("Complaints and suggestions"), _("File a complaint and track it with a code"), "complaint", url_name="cases:start", in_menu=True),
    Service("statistics", _("Complaint statistics"), _("How many complaints, on what, and how fast they are handled"), "chart", url_name="cases:statistics"),
    Service("directory", _("Staff directory"), _("Offices and telephone numbers"), "phone", url_name="directory:staff_list"),
    Service("travel", _("Overseas travel guide"), _("Guidance for official travel abroad"), "travel", url_name="directory:travel_guide"),
    Service("news", _("News"), _("News and announcements of the Senate"), "news", page_type="news.NewsIndexPage"),
    Service("search", _("Search"), _("Search everything on Chandra"), "search", url_name="search:search"),
]
SERVICES_BY_KEY = {service.key: service for service in SERVICES}


def available_services(locale=None):
    """(service, url) of every service that exists, in the order of SERVICES."""
    return [(service, url) for service in SERVICES_BY_KEY.values() if (url := service.url(locale))]


def service_choices():
    return [(service.key, service.title) for service in SERVICES]
