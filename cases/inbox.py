"""Reads for the officers' inbox and case page: the filtered, sorted list of the
cases a user may see, the people a case may be assigned to, and possible duplicates.

The list is one query for the rows (category, department and assignee joined) plus
one for the count, whatever the page size; category names in the active language
come from one more query (see :func:`category_names`)."""

from dataclasses import dataclass

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import get_language

from . import selectors
from .models import OPEN_STATES, Case, CaseState, OfficerProfile, OfficerRole
from .models.case import normalise_code

S = CaseState
SORTS = {
    "due": ("resolve_due", "acknowledge_due", "-filed_at"),
    "-due": ("-resolve_due", "-filed_at"),
    "filed": ("filed_at",),
    "-filed": ("-filed_at",),
}
DEFAULT_SORT = "due"
# Acknowledge deadline while being screened, resolve deadline after.
ACK_STATES = (S.RECEIVED, S.SCREENING)


@dataclass
class InboxFilters:
    state: str = ""
    kind: str = ""
    category: str = ""
    department: str = ""
    province: str = ""
    assignee: str = ""  # "", "me", "none" or a user id
    overdue: bool = False
    open_only: bool = False
    q: str = ""
    sort: str = DEFAULT_SORT

    @classmethod
    def from_query(cls, params) -> "InboxFilters":
        sort = params.get("sort", DEFAULT_SORT)
        return cls(
            state=params.get("state", "").strip(), kind=params.get("kind", "").strip(),
            category=params.get("category", "").strip(), department=params.get("department", "").strip(),
            province=params.get("province", "").strip(), assignee=params.get("assignee", "").strip(),
            overdue=params.get("overdue") in ("1", "on", "true"), open_only=params.get("open") in ("1", "on", "true"),
            q=params.get("q", "").strip()[:200], sort=sort if sort in SORTS else DEFAULT_SORT,
        )


def overdue_q(today=None) -> Q:
    """Past its deadline and not finished (the clock is paused while awaiting the citizen)."""
    today = today or timezone.localdate()
    working = [s for s in OPEN_STATES if s not in ACK_STATES and s != S.AWAITING_CITIZEN]
    return Q(state__in=ACK_STATES, acknowledge_due__lt=today) | Q(state__in=working, resolve_due__lt=today)


def _digits(value: str) -> bool:
    return value.isdigit()


def inbox_cases(*, user, filters: InboxFilters, today=None):
    """The cases ``user`` may see (officers: their department's; intake: the ones
    being screened; supervisors: all), filtered and sorted. A lazy queryset."""
    qs = selectors.visible_cases(user).select_related("category", "department", "assignee")
    f = filters
    if f.state in S.values:
        qs = qs.filter(state=f.state)
    if f.open_only:
        qs = qs.filter(state__in=list(OPEN_STATES))
    if f.kind:
        qs = qs.filter(kind=f.kind)
    if _digits(f.category):
        qs = qs.filter(category_id=int(f.category))
    if f.department == "none":
        qs = qs.filter(department__isnull=True)
    elif _digits(f.department):
        qs = qs.filter(department_id=int(f.department))
    if f.province:
        qs = qs.filter(province=f.province)
    if f.assignee == "me":
        qs = qs.filter(assignee_id=user.pk)
    elif f.assignee == "none":
        qs = qs.filter(assignee__isnull=True)
    elif _digits(f.assignee):
        qs = qs.filter(assignee_id=int(f.assignee))
    if f.overdue:
        qs = qs.filter(overdue_q(today))
    if f.q:
        qs = qs.filter(search_q(f.q))
    return qs.order_by(*SORTS[f.sort], "pk")


def search_q(text: str) -> Q:
    """A tracking code (any case, with or without the dash, O for 0) or words of
    the subject, description or respondent (every word must appear; Thai is
    matched as typed, after Unicode normalisation)."""
    condition = Q()
    code = normalise_code(text)
    if len(code) >= 5 and code.isascii() and code.isalnum() and " " not in text.strip():
        condition |= Q(code__startswith=code)
    from search.analysis import normalise

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


def category_names(categories) -> dict[int, str]:
    """Category id → name in the active language, with one query for all of them."""
    return localized_names(categories)


def assignable_officers(*, department_ids=None):
    """Officers and supervisors (not intake) with their department, for the assign forms."""
    profiles = OfficerProfile.objects.exclude(role=OfficerRole.INTAKE).select_related("user", "department") \
        .filter(user__is_active=True)
    if department_ids is not None:
        profiles = profiles.filter(department_id__in=list(department_ids))
    return sorted(profiles, key=lambda p: (p.department_id or 0, p.user.get_full_name() or p.user.get_username()))


def assignee_choices(user):
    """People the inbox can be filtered by: for supervisors everyone, otherwise
    the user's department."""
    profile = selectors.profile_of(user)
    if user.is_superuser or selectors.is_supervisor(user) or profile is None:
        return assignable_officers()
    return assignable_officers(department_ids=[profile.department_id])


def user_label(user) -> str:
    return (user.get_full_name() or user.get_username()) if user else ""


# Possible duplicates --------------------------------------------------------------------

DUPLICATE_CANDIDATES = 300
DUPLICATE_THRESHOLD = 0.3


def _terms(text: str) -> set[str]:
    from search.analysis import analyse_words

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
    qs = selectors.visible_cases(user).exclude(pk=case.pk).exclude(pk__in=case.related_cases.values("pk"))
    if case.subdistrict:
        qs = qs.filter(subdistrict=case.subdistrict)
    elif case.district:
        qs = qs.filter(district=case.district)
    elif case.province:
        qs = qs.filter(province=case.province)
    else:
        qs = qs.filter(category_id=case.category_id)
    mine = _terms(f"{case.subject} {case.description}")
    scored = []
    for other in qs.only("pk", "code", "subject", "description", "state", "filed_at").order_by("-filed_at")[
        :DUPLICATE_CANDIDATES
    ]:
        score = similarity(mine, _terms(f"{other.subject} {other.description}"))
        if score >= threshold:
            scored.append((other, score))
    scored.sort(key=lambda pair: (-pair[1], -pair[0].filed_at.timestamp()))
    return scored[:limit]

