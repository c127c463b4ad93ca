"""Reads for the officers' inbox and case page: the inbox's filters (django-filter,
shown by Wagtail's listing), its search, the names of categories and departments
in the active language, the people a case may be assigned to, and possible duplicates."""

import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet

from search.analysis import analyse_words, normalise

from . import areas
from .models import Case, CaseKind, Category, Department, OfficerProfile, OfficerRole
from .models.case import OFFICER_STATE_CHOICES, normalise_code
from .models.reference import is_supervisor, officer_profile


YES = [("1", _("Yes"))]


class InboxFilterSet(WagtailFilterSet):
    """The inbox's filters. The choices offered depend on the officer (their
    department's people and departments; supervisors everything)."""

    state = django_filters.ChoiceFilter(label=_("State"), choices=OFFICER_STATE_CHOICES, empty_label=_("All"))
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=CaseKind.choices, empty_label=_("All"))
    category = django_filters.ChoiceFilter(label=_("Category"), field_name="category_id", empty_label=_("All"))
    department = django_filters.ChoiceFilter(label=_("Department"), method="filter_department",
                                             empty_label=_("All"))
    province = django_filters.ChoiceFilter(label=_("Province"), empty_label=_("All"))
    assignee = django_filters.ChoiceFilter(label=_("Assignee"), method="filter_assignee", empty_label=_("Anyone"))
    overdue = django_filters.ChoiceFilter(label=_("Overdue only"), method="filter_overdue", choices=YES,
                                          empty_label=_("All"), widget=forms.RadioSelect)
    open = django_filters.ChoiceFilter(label=_("Open cases only"), method="filter_open", choices=YES,
                                       empty_label=_("All"), widget=forms.RadioSelect)

    class Meta:
        model = Case
        fields = []

    def __init__(self, data=None, queryset=None, *, request=None, prefix=None):
        super().__init__(data, queryset, request=request, prefix=prefix)
        user = request.user if request is not None else None
        categories, departments = category_choices(), department_choices(user)
        # Names in the active language, also for the rows of the listing.
        self.category_names, self.department_names = dict(categories), dict(departments)
        self.filters["category"].extra["choices"] = categories
        self.filters["department"].extra["choices"] = [("none", _("Not yet routed")), *departments]
        self.filters["province"].extra["choices"] = [(a.code, a.name) for a in areas.provinces()]
        self.filters["assignee"].extra["choices"] = [("me", _("Me")), ("none", _("Nobody yet")),
                                                     *assignee_choices(user)]

    def filter_department(self, queryset, name, value):
        return queryset.filter(department__isnull=True) if value == "none" else queryset.filter(department_id=value)

    def filter_assignee(self, queryset, name, value):
        if value == "me":
            return queryset.filter(assignee_id=self.request.user.pk)
        if value == "none":
            return queryset.filter(assignee__isnull=True)
        return queryset.filter(assignee_id=value)

    def filter_overdue(self, queryset, name, value):
        return queryset.overdue()

    def filter_open(self, queryset, name, value):
        return queryset.open()


def search_q(text: str) -> Q:
    """A tracking code (any case, with or without the dash, O for 0) or words of
    the subject, description or respondent (every word must appear; Thai is
    matched as typed, after Unicode normalisation)."""
    condition = Q()
    code = normalise_code(text)
    if len(code) >= 5 and code.isascii() and code.isalnum() and " " not in text.strip():
        condition |= Q(code__startswith=code)
    words_q = Q()
    for word in normalise(text).split():
        # Thai has no letter case: a plain LIKE spares the database an UPPER() of every row.
        lookup = "icontains" if word.lower() != word.upper() else "contains"
        words_q &= Q(**{f"subject__{lookup}": word}) | Q(**{f"description__{lookup}": word}) \
            | Q(**{f"respondent__{lookup}": word})
    return condition | words_q


def localized_names(objects) -> dict[int, str]:
    """id → name in the active language (translated categories or departments),
    with one query for all of them; the original name where there is no translation."""
    objects = {o.pk: o for o in objects if o is not None}
    names = {pk: o.name for pk, o in objects.items()}
    if not objects:
        return names
    model = type(next(iter(objects.values())))
    language = (get_language() or "th").split("-")[0]
    keys = {o.translation_key: pk for pk, o in objects.items()}
    rows = model.objects.filter(translation_key__in=keys, locale__language_code=language) \
        .values_list("translation_key", "name")
    for key, name in rows:
        names[keys[key]] = name
    return names


def _choices(queryset):
    """(id, name in the active language) of the rows in the default language
    (Thai) if the table is translated, else of all of them."""
    originals = list(queryset.filter(locale__language_code="th")) or list(queryset)
    names = localized_names(originals)
    return [(o.pk, names[o.pk]) for o in originals]


def category_choices():
    return _choices(Category.objects.order_by("sort_order", "name"))


def department_choices(user):
    """The departments an officer can filter by: supervisors every one, others their own."""
    departments = Department.objects.all()
    if not is_supervisor(user):
        profile = officer_profile(user)
        departments = departments.filter(pk=profile.department_id if profile else None)
    return _choices(departments)


def officer_choices(*, department_ids=None):
    """(user id, "name — department") of the officers and supervisors (not intake) a case may be assigned to."""
    profiles = OfficerProfile.objects.exclude(role=OfficerRole.INTAKE).select_related("user", "department") \
        .filter(user__is_active=True)
    if department_ids is not None:
        profiles = profiles.filter(department_id__in=list(department_ids))
    profiles = sorted(profiles, key=lambda p: (p.department_id or 0, user_label(p.user)))
    names = localized_names({p.department for p in profiles if p.department_id})
    return [(p.user_id, " — ".join(filter(None, [user_label(p.user), names.get(p.department_id, "")])))
            for p in profiles]


def assignee_choices(user):
    """The people the inbox can be filtered by and cases bulk-assigned to: for
    supervisors everyone, otherwise the user's department."""
    profile = officer_profile(user)
    if is_supervisor(user) or profile is None:
        return officer_choices()
    return officer_choices(department_ids=[profile.department_id])


def user_label(user) -> str:
    return (user.get_full_name() or user.get_username()) if user else ""


# Possible duplicates --------------------------------------------------------------------

DUPLICATE_CANDIDATES = 300
DUPLICATE_THRESHOLD = 0.3


def _terms(text: str) -> set[str]:
    return {t for t in analyse_words(text) if len(t) > 1}


def similarity(a: set[str], b: set[str]) -> float:
    """Overlap of two sets of words (Jaccard): 1 for the same words, 0 for none shared."""
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def possible_duplicates(case, *, user, limit=5, threshold=DUPLICATE_THRESHOLD):
    """Cases the user may see with similar Thai text in the same area (same
    subdistrict, else district, else province; without an area, same category),
    most similar first, as ``(case, score)`` pairs. The text is segmented by the
    search analyser, so Thai words match even though Thai has no spaces."""
    qs = Case.objects.visible_to(user).exclude(pk=case.pk).exclude(pk__in=case.related_cases.values("pk"))
    area = next((name for name in ("subdistrict", "district", "province") if getattr(case, name)), None)
    qs = qs.filter(**{area: getattr(case, area)}) if area else qs.filter(category_id=case.category_id)
    mine = _terms(f"{case.subject} {case.description}")
    candidates = qs.only("pk", "code", "subject", "description", "state", "filed_at").order_by("-filed_at")
    scored = [(other, score) for other in candidates[:DUPLICATE_CANDIDATES]
              if (score := similarity(mine, _terms(f"{other.subject} {other.description}"))) >= threshold]
    scored.sort(key=lambda pair: (-pair[1], -pair[0].filed_at.timestamp()))
    return scored[:limit]
