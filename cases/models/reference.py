"""The lists officers and editors manage: categories (translatable), departments
(translatable), officer profiles, routing rules, service levels and extra days off."""

import secrets

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ObjectDoesNotExist
from django.db import models, transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils.translation import gettext_lazy as _
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import TranslatableMixin


class CategoryQuerySet(models.QuerySet):
    def offered(self):
        """The categories citizens may file under: active, in the default
        language, with their service level read in the same query."""
        default_language = get_supported_content_language_variant(settings.LANGUAGE_CODE)
        return self.filter(locale__language_code=default_language, active=True).select_related("sla")


class LocalizedNameMixin(TranslatableMixin):
    class Meta(TranslatableMixin.Meta):
        abstract = True

    @property
    def display_name(self):
        """The name in the active language, falling back to the original."""
        localized = self.localized
        return localized.name if localized else self.name


class Category(LocalizedNameMixin, models.Model):
    """What a case is about. Editors manage the list and translate it with
    wagtail-localize; cases point at the row in the default language (Thai)."""

    objects = CategoryQuerySet.as_manager()

    name = models.CharField(_("name"), max_length=150)
    slug = models.SlugField(_("slug"), max_length=80, allow_unicode=True)
    description = models.TextField(_("description"), blank=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)
    active = models.BooleanField(_("offered to citizens"), default=True)

    class Meta(TranslatableMixin.Meta):
        ordering = ["sort_order", "name"]
        verbose_name = _("case category")
        verbose_name_plural = _("case categories")

    def __str__(self):
        return self.name


class Department(LocalizedNameMixin, models.Model):
    """A unit of the Secretariat of the Senate that works cases."""

    name = models.CharField(_("name"), max_length=200)
    code = models.SlugField(_("code"), max_length=40)
    email = models.EmailField(_("e-mail"), blank=True)

    class Meta(TranslatableMixin.Meta):
        ordering = ["name"]
        verbose_name = _("department")
        verbose_name_plural = _("departments")

    def __str__(self):
        return self.name


class OfficerRole(models.TextChoices):
    INTAKE = "intake", _("Intake")
    OFFICER = "officer", _("Case officer")
    SUPERVISOR = "supervisor", _("Supervisor")


class OfficerProfile(models.Model):
    """Links a user to a department with a role in the case workflow."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="case_profile")
    department = models.ForeignKey(Department, on_delete=models.PROTECT, related_name="officers", null=True, blank=True)
    role = models.CharField(_("role"), max_length=20, choices=OfficerRole.choices, default=OfficerRole.OFFICER)

    class Meta:
        verbose_name = _("officer profile")
        verbose_name_plural = _("officer profiles")

    def __str__(self):
        return f"{self.user} ({self.get_role_display()})"


def officer_profile(user):
    """The case profile of a signed-in user, or None (citizens, anonymous users,
    staff without a profile). Django caches the answer on the user, absence included."""
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    try:
        return user.case_profile
    except ObjectDoesNotExist:
        return None


def is_supervisor(user):
    """Superusers, and supervisors holding the permission to assign."""
    if user is None or not getattr(user, "is_authenticated", False):
        return False
    if user.is_superuser:
        return True
    profile = officer_profile(user)
    return profile is not None and profile.role == OfficerRole.SUPERVISOR and user.has_perm("cases.assign_case")


class RoutingRule(models.Model):
    """Category × province → department. The most specific matching rule wins:
    category and province, then category alone, then province alone, then the
    catch-all (neither)."""

    category = models.ForeignKey(Category, on_delete=models.CASCADE, null=True, blank=True, related_name="routing_rules")
    province = models.CharField(_("province code"), max_length=10, blank=True)
    department = models.ForeignKey(Department, on_delete=models.PROTECT, related_name="routing_rules")

    class Meta:
        verbose_name = _("routing rule")
        verbose_name_plural = _("routing rules")
        constraints = [
            models.UniqueConstraint(fields=["category", "province"], name="cases_routing_unique",
                                    nulls_distinct=False),
        ]

    def __str__(self):
        return f"{self.category or '*'} × {self.province or '*'} → {self.department}"


class SLA(models.Model):
    """How fast a category of case must be handled, in Thai working days."""

    category = models.OneToOneField(Category, on_delete=models.CASCADE, related_name="sla")
    acknowledge_days = models.PositiveSmallIntegerField(_("acknowledge within (working days)"), default=3)
    resolve_days = models.PositiveSmallIntegerField(_("resolve within (working days)"), default=30)

    class Meta:
        verbose_name = _("service level")
        verbose_name_plural = _("service levels")

    def __str__(self):
        return f"{self.category}: {self.acknowledge_days}/{self.resolve_days}"


class Holiday(models.Model):
    """A day off that staff enter besides Thailand's public holidays (which
    come from the ``holidays`` package, see :mod:`cases.calendar`): not a
    working day."""

    date = models.DateField(_("date"), unique=True)
    name = models.CharField(_("name"), max_length=200)

    class Meta:
        ordering = ["date"]
        verbose_name = _("extra day off")
        verbose_name_plural = _("extra days off")

    def __str__(self):
        return f"{self.date:%Y-%m-%d} {self.name}"

    @classmethod
    def days_off(cls):
        """Every extra day off, from the cache (shared by the processes when it
        is Redis) until a day is added, changed or removed, and for an hour at
        most (a change behind the signals, such as a migration's)."""
        return cache.get_or_set(HOLIDAYS_CACHE_KEY, lambda: list(cls.objects.values_list("date", flat=True)),
                                timeout=60 * 60)


HOLIDAYS_CACHE_KEY = "cases:holidays"


def _forget(key):
    """Forget a cached answer now, and again once the change is committed (a
    process may have cached the old answer meanwhile)."""
    cache.delete(key)
    transaction.on_commit(lambda: cache.delete(key))


@receiver([post_save, post_delete], sender=Holiday, dispatch_uid="cases-holidays-changed")
def _holidays_changed(sender, **kwargs):
    _forget(HOLIDAYS_CACHE_KEY)


OFFERED_CATEGORIES_CACHE_KEY = "cases:offered-categories-token"
# The offered categories by slug as this process last read them, with the token they were read under.
_offered = (None, {})


def offered_category(slug):
    """The category of ``slug`` citizens may file under (as
    ``Category.objects.offered()``, its service level with it), or None. Every
    filing looks one up, so each process keeps the offered categories, read
    under a token kept in the cache (shared by the processes when it is Redis):
    a process reads them again when the token is not the one it read them
    under, that is once a category or a service level is saved or deleted (the
    token is forgotten), and every five minutes at most (a change behind the
    signals, such as a bulk update's). The token is there before the
    categories are read, so a change committed meanwhile forgets it."""
    global _offered
    token = cache.get(OFFERED_CATEGORIES_CACHE_KEY)
    kept_token, by_slug = _offered
    if token is None or token != kept_token:
        if token is None:
            cache.add(OFFERED_CATEGORIES_CACHE_KEY, secrets.token_hex(8), timeout=5 * 60)
            token = cache.get(OFFERED_CATEGORIES_CACHE_KEY)
        by_slug = {}
        for category in Category.objects.offered():
            by_slug.setdefault(category.slug, category)  # the first in the categories' order
        _offered = (token, by_slug)
    return by_slug.get(slug)


@receiver([post_save, post_delete], sender=Category, dispatch_uid="cases-categories-changed")
@receiver([post_save, post_delete], sender=SLA, dispatch_uid="cases-slas-changed")
def _categories_changed(sender, **kwargs):
    _forget(OFFERED_CATEGORIES_CACHE_KEY)
