"""The case and its workflow.

Transitions are thin: they change the state and stamp times. Who may make a
transition is declared with ``permission=``; the service functions in
:mod:`cases.services` check it, save, write the audit event and schedule the
notifications. Nothing else writes ``state``."""

import secrets

from django.conf import settings
from django.contrib.auth.hashers import check_password
from django.utils.crypto import constant_time_compare, salted_hmac
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_fsm import ConcurrentTransitionMixin, FSMField, transition

from cms.records.models import ChainedModel

from .. import areas
from .reference import Category, Department, OfficerRole, is_supervisor, officer_profile

# Easy to read aloud: no 0/O, no 1/I.
CODE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
CODE_LENGTH = 10


def new_code():
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


PIN_HASH_PREFIX = "hmac-sha256"


def _pin_digest(salt, pin, secret=None):
    return salted_hmac("chandra.cases.pin", f"{salt}:{pin}", secret=secret, algorithm="sha256").hexdigest()


def _hash_pin(pin):
    """A keyed hash: HMAC-SHA256 under SECRET_KEY with a per-case salt.

    A PIN has only a million values, so a slow password hash (0.7 s of CPU per
    filing here) would not stop anyone who had the table from trying them all;
    a key kept outside the database does, and the lockout stops guessing online."""
    salt = secrets.token_hex(8)
    return f"{PIN_HASH_PREFIX}${salt}${_pin_digest(salt, pin)}"


def _check_pin_hash(pin, encoded):
    if not encoded.startswith(PIN_HASH_PREFIX + "$"):
        return check_password(pin, encoded)  # PINs stored by an earlier version
    _prefix, salt, digest = encoded.split("$", 2)
    secrets_to_try = [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", [])]
    return any(constant_time_compare(digest, _pin_digest(salt, pin, secret)) for secret in secrets_to_try)


def new_pin():
    return f"{secrets.randbelow(10**6):06d}"


def normalise_code(value):
    """What a citizen typed (any case, spaces, dashes, O for 0…) → the stored code."""
    from cms.base.thai import arabic_digits

    cleaned = "".join(ch for ch in arabic_digits(value or "").upper() if ch.isalnum())
    return cleaned.replace("O", "0").replace("I", "1")


def format_code(code):
    return f"{code[:5]}-{code[5:]}" if len(code) == CODE_LENGTH else code


class CaseKind(models.TextChoices):
    COMPLAINT = "complaint", _("Complaint")
    SUGGESTION = "suggestion", _("Suggestion")
    PETITION = "petition", _("Petition")
    INFORMATION = "information", _("Request for information")


class CaseState(models.TextChoices):
    RECEIVED = "received", _("Received")
    SCREENING = "screening", _("Screening")
    ACCEPTED = "accepted", _("Accepted")
    REJECTED = "rejected", _("Rejected")
    REFERRED = "referred", _("Referred to another agency")
    ASSIGNED = "assigned", _("Assigned")
    IN_PROGRESS = "in_progress", _("In progress")
    AWAITING_CITIZEN = "awaiting_citizen", _("Awaiting information from you")
    RESOLVED = "resolved", _("Resolved")
    CLOSED = "closed", _("Closed")
    REOPENED = "reopened", _("Reopened")
    WITHDRAWN = "withdrawn", _("Withdrawn")


S = CaseState

# Officers see the states in their own voice; CaseState's labels are the citizen's.
OFFICER_STATE_LABELS = {
    S.AWAITING_CITIZEN: _("Awaiting the complainant"),
}


def officer_state_label(state):
    return OFFICER_STATE_LABELS.get(state) or (S(state).label if state in S.values else state)


OFFICER_STATE_CHOICES = [(state.value, officer_state_label(state)) for state in S]

FINAL_STATES = frozenset({S.REJECTED, S.REFERRED, S.CLOSED, S.WITHDRAWN})
OPEN_STATES = frozenset(set(S) - FINAL_STATES - {S.RESOLVED})
# Not yet screened: the acknowledgement deadline applies.
AWAITING_ACKNOWLEDGEMENT = frozenset({S.RECEIVED, S.SCREENING})
# The clock stops while the citizen has the case.
CLOCK_PAUSED = frozenset({S.AWAITING_CITIZEN})
# Being worked: the resolution deadline applies.
BEING_WORKED = OPEN_STATES - AWAITING_ACKNOWLEDGEMENT
WITHDRAWABLE = OPEN_STATES
REASSIGNABLE = frozenset({S.ASSIGNED, S.IN_PROGRESS, S.AWAITING_CITIZEN, S.REOPENED})
RATEABLE = frozenset({S.RESOLVED, S.CLOSED})


class Citizen:
    """The complainant, known by code and PIN rather than by an account. Passed
    as ``by`` to the services for the citizen's own actions."""

    is_authenticated = False
    is_superuser = False
    pk = None

    def has_perm(self, perm, obj=None):
        return False

    def __str__(self):
        return "citizen"


CITIZEN = Citizen()


def department_scope(user):
    """The cases ``user`` works within, as a filter; None means every case.

    Supervisors: all. Officers: their department's. Intake (screening
    permission): also every case not yet acknowledged or not yet routed.
    Anyone else: none. The selectors filter with it, and the transitions'
    ``permission=`` checks ask :func:`in_department_scope`, which uses it."""
    if is_supervisor(user):
        return None
    profile = officer_profile(user)
    if profile is None:
        return Q(pk__in=[])
    scope = Q(department_id=profile.department_id) if profile.department_id else Q(pk__in=[])
    if profile.role == OfficerRole.INTAKE and user.has_perm("cases.screen_case"):
        scope |= Q(state__in=AWAITING_ACKNOWLEDGEMENT) | Q(department__isnull=True)
    return scope


def in_department_scope(user, case):
    scope = department_scope(user)
    return scope is None or Case.objects.filter(scope, pk=case.pk).exists()


def _staff_perm(codename, *, department_scoped=False):
    """A permission check: the model permission, and for department-scoped work
    the case within the officer's scope (:func:`department_scope`)."""

    perm = f"cases.{codename}"

    def check(instance, user):
        if user is None or not user.is_authenticated or not user.has_perm(perm):
            return False
        return not department_scoped or in_department_scope(user, instance)

    check.__name__ = f"has_{codename}"
    return check


def _citizen(instance, user):
    return isinstance(user, Citizen)


def _system(instance, user):
    """Periodic work run by the system itself (no user)."""
    return user is None


def _overdue_q(today):
    return Q(state__in=AWAITING_ACKNOWLEDGEMENT, acknowledge_due__lt=today) \
        | Q(state__in=BEING_WORKED - CLOCK_PAUSED, resolve_due__lt=today)


class CaseQuerySet(models.QuerySet):
    def open(self):
        return self.filter(state__in=OPEN_STATES)

    def overdue(self, today=None):
        """Past the deadline of their stage (see :attr:`Case.due_date`), the clock not paused."""
        return self.filter(_overdue_q(today or timezone.localdate()))

    def visible_to(self, user):
        """The cases an officer may see (:func:`department_scope`)."""
        scope = department_scope(user)
        return self if scope is None else self.filter(scope)

    def by_due_date(self, *, descending=False):
        """Open cases first, by the deadline of their stage; finished ones last, newest first."""
        return self.order_by(*inbox_order(descending=descending))

    def due_for_anonymisation(self, *, cutoff):
        return self.filter(state__in=FINAL_STATES, closed_at__lt=cutoff, anonymised_at__isnull=True) \
            .exclude(contact_name="", contact_email="", contact_phone="")


def inbox_order(*, descending=False):
    """The inbox's order by due date, as :meth:`CaseQuerySet.by_due_date` sorts and the
    indexes that serve it are built (the states in a fixed order, so that the query's
    expressions are the index's)."""
    due = models.Case(
        models.When(state__in=sorted(AWAITING_ACKNOWLEDGEMENT), then=F("acknowledge_due")),
        models.When(state__in=sorted(BEING_WORKED), then=F("resolve_due")),
        output_field=models.DateField(),
    )
    finished = models.Case(models.When(state__in=sorted(OPEN_STATES), then=0), default=1,
                           output_field=models.IntegerField())
    return (finished, due.desc(nulls_last=True) if descending else due.asc(nulls_last=True), F("filed_at").desc(),
            F("id").asc())


class Case(ConcurrentTransitionMixin, ChainedModel):
    """A complaint, suggestion, petition or request for information. Its record
    is the chain of :class:`cms.records.models.Event` rows in ``events``."""

    objects = CaseQuerySet.as_manager()

    code = models.CharField(_("tracking code"), max_length=CODE_LENGTH, unique=True, editable=False)
    pin_hash = models.CharField(max_length=128, editable=False)
    pin_failures = models.PositiveSmallIntegerField(default=0, editable=False)
    locked_until = models.DateTimeField(null=True, blank=True, editable=False)

    kind = models.CharField(_("kind"), max_length=20, choices=CaseKind.choices, default=CaseKind.COMPLAINT)
    category = models.ForeignKey(Category, verbose_name=_("category"), on_delete=models.PROTECT, related_name="cases")
    subject = models.CharField(_("subject"), max_length=200)
    description = models.TextField(_("description"))
    province = models.CharField(_("province"), max_length=10, blank=True, db_index=True)
    district = models.CharField(_("district"), max_length=10, blank=True)
    subdistrict = models.CharField(_("subdistrict"), max_length=10, blank=True)
    respondent = models.CharField(_("body or official complained about"), max_length=300, blank=True)
    sealed = models.BooleanField(
        _("sealed"), default=False,
        help_text=_("A complaint about an official's conduct: the identity is shown to supervisors only."),
    )

    anonymous = models.BooleanField(_("anonymous"), default=False)
    contact_name = models.CharField(_("name"), max_length=200, blank=True)
    contact_email = models.EmailField(_("e-mail"), blank=True)
    contact_phone = models.CharField(_("phone"), max_length=30, blank=True)
    consent_at = models.DateTimeField(_("consent given at"), null=True, blank=True)
    language = models.CharField(_("language filed in"), max_length=5, default="th")
    channel = models.CharField(_("channel"), max_length=10, default="web")

    state = FSMField(_("state"), max_length=20, choices=CaseState.choices, default=CaseState.RECEIVED,
                     protected=True, db_index=True)
    department = models.ForeignKey(Department, verbose_name=_("department"), on_delete=models.PROTECT,
                                   null=True, blank=True, related_name="cases")
    assignee = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("assignee"), on_delete=models.PROTECT,
                                 null=True, blank=True, related_name="assigned_cases")
    related_cases = models.ManyToManyField("self", blank=True, symmetrical=True, verbose_name=_("related cases"))

    rejection_reason = models.TextField(_("reason for rejection"), blank=True)
    referred_to = models.CharField(_("referred to (agency)"), max_length=300, blank=True)

    filed_at = models.DateTimeField(_("filed at"), default=timezone.now, db_index=True)
    acknowledge_due = models.DateField(_("acknowledge by"), null=True, blank=True)
    resolve_due = models.DateField(_("resolve by"), null=True, blank=True, db_index=True)
    acknowledged_at = models.DateTimeField(_("acknowledged at"), null=True, blank=True)
    paused_since = models.DateField(_("clock paused since"), null=True, blank=True)
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True, db_index=True)
    escalated_at = models.DateTimeField(_("escalated as overdue at"), null=True, blank=True)
    reopen_count = models.PositiveSmallIntegerField(default=0)

    rating = models.PositiveSmallIntegerField(_("rating"), null=True, blank=True)
    rating_comment = models.TextField(_("rating comment"), blank=True)
    anonymised_at = models.DateTimeField(_("personal data removed at"), null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-filed_at"]
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        permissions = [
            ("screen_case", _("Can screen new cases")),
            ("assign_case", _("Can assign cases")),
            ("work_case", _("Can work cases of their department")),
            ("close_case", _("Can close cases")),
            ("view_identity", _("Can see complainants' identity")),
            ("view_sealed_identity", _("Can see the identity on sealed cases")),
        ]
        indexes = [
            models.Index(fields=["department", "state", "resolve_due"], name="cases_inbox_idx"),
            models.Index(fields=["assignee", "state"], name="cases_assignee_idx"),
            # The inbox's first page read in order from an index, not sorted from every case
            # (on PostgreSQL: SQLite cannot build them, see the migration).
            models.Index(*inbox_order(), name="cases_inbox_due_idx"),
            models.Index(*inbox_order(descending=True), name="cases_inbox_due_desc_idx"),
        ]
        constraints = [
            models.CheckConstraint(condition=models.Q(rating__isnull=True) | models.Q(rating__gte=1, rating__lte=5),
                                   name="cases_rating_1_to_5"),
        ]

    def __str__(self):
        return f"{self.display_code} {self.subject}"

    @property
    def display_code(self):
        return format_code(self.code)

    @property
    def place(self):
        """Where it happened, in the active language ("" if not given)."""
        return areas.full_name(province=self.province, district=self.district, subdistrict=self.subdistrict)

    # PIN ------------------------------------------------------------------
    def set_pin(self, pin):
        self.pin_hash = _hash_pin(pin)

    def check_pin(self, pin):
        return bool(pin) and _check_pin_hash(str(pin), self.pin_hash)

    # Facts -----------------------------------------------------------------
    @property
    def is_open(self):
        return self.state in OPEN_STATES

    @property
    def awaiting_acknowledgement(self):
        return self.state in AWAITING_ACKNOWLEDGEMENT

    @property
    def due_date(self):
        """The deadline of the current stage: acknowledgement while being
        screened, resolution while being worked, none once finished."""
        if self.awaiting_acknowledgement:
            return self.acknowledge_due
        if self.state in BEING_WORKED:
            return self.resolve_due
        return None

    def is_overdue(self, today=None):
        """Past the deadline of its stage; the clock stops while awaiting the citizen."""
        due = self.due_date
        return due is not None and self.state not in CLOCK_PAUSED and (today or timezone.localdate()) > due

    @property
    def officer_state_label(self):
        return officer_state_label(self.state)

    @property
    def reassignable(self):
        return self.state in REASSIGNABLE

    @property
    def can_be_rated(self):
        return self.state in RATEABLE and self.resolved_at is not None and self.rating is None

    def citizen_actions(self):
        """What the citizen may do now: the citizen's transitions that are open,
        by their ``custom["citizen"]`` name, and rating."""
        open_now = {t.custom["citizen"] for t in self.get_available_user_state_transitions(CITIZEN)
                    if t.custom.get("citizen")}
        names = {t.custom["citizen"] for t in self.get_all_state_transitions() if t.custom.get("citizen")}
        return {**{name: name in open_now for name in sorted(names)}, "rate": self.can_be_rated}

    def has_assignee(self):
        return self.assignee_id is not None

    def has_department(self):
        return self.department_id is not None

    def resolved_recently(self):
        """Within the window in which the citizen may confirm or reopen."""
        from cases.conf import conf

        if self.resolved_at is None:
            return False
        return timezone.now() - self.resolved_at <= conf.reopen_window

    # Transitions ------------------------------------------------------------
    @transition(field=state, source=S.RECEIVED, target=S.SCREENING,
                permission=_staff_perm("screen_case"),
                custom={"label": _("Start screening"), "style": "primary"})
    def screen(self):
        pass

    @transition(field=state, source=S.SCREENING, target=S.ACCEPTED,
                permission=_staff_perm("screen_case"),
                custom={"label": _("Accept"), "style": "primary"})
    def accept(self):
        self.acknowledged_at = self.acknowledged_at or timezone.now()

    @transition(field=state, source=S.SCREENING, target=S.REJECTED,
                permission=_staff_perm("screen_case"),
                custom={"label": _("Reject (outside the Senate's remit)"), "style": "danger", "requires": "reason"})
    def reject(self, reason):
        self.rejection_reason = reason
        self.acknowledged_at = self.acknowledged_at or timezone.now()
        self.closed_at = timezone.now()

    @transition(field=state, source=S.SCREENING, target=S.REFERRED,
                permission=_staff_perm("screen_case"),
                custom={"label": _("Refer to another agency"), "style": "secondary", "requires": "agency"})
    def refer(self, agency):
        self.referred_to = agency
        self.acknowledged_at = self.acknowledged_at or timezone.now()
        self.closed_at = timezone.now()

    @transition(field=state, source=S.ACCEPTED, target=S.ASSIGNED,
                permission=_staff_perm("assign_case"), conditions=[has_department],
                custom={"label": _("Assign"), "style": "primary", "requires": "officer"})
    def assign(self, officer):
        self.assignee = officer

    @transition(field=state, source=[S.ASSIGNED, S.REOPENED], target=S.IN_PROGRESS,
                permission=_staff_perm("work_case", department_scoped=True), conditions=[has_assignee],
                custom={"label": _("Start work"), "style": "primary"})
    def start(self):
        pass

    @transition(field=state, source=S.IN_PROGRESS, target=S.AWAITING_CITIZEN,
                permission=_staff_perm("work_case", department_scoped=True),
                custom={"label": _("Ask the citizen for information"), "style": "secondary", "public": True})
    def request_information(self):
        self.paused_since = timezone.localdate()

    @transition(field=state, source=S.AWAITING_CITIZEN, target=S.IN_PROGRESS,
                permission=_staff_perm("work_case", department_scoped=True),
                custom={"label": _("Resume without an answer"), "style": "secondary"})
    def resume(self):
        pass

    @transition(field=state, source=S.AWAITING_CITIZEN, target=S.IN_PROGRESS, permission=_citizen,
                custom={"label": _("Send the information"), "citizen": "reply"})
    def citizen_reply(self):
        pass

    @transition(field=state, source=S.IN_PROGRESS, target=S.RESOLVED,
                permission=_staff_perm("work_case", department_scoped=True),
                custom={"label": _("Resolve"), "style": "primary", "public": True})
    def resolve(self):
        self.resolved_at = timezone.now()

    @transition(field=state, source=S.RESOLVED, target=S.CLOSED,
                permission=_staff_perm("close_case", department_scoped=True),
                custom={"label": _("Close"), "style": "primary"})
    def close(self):
        self.closed_at = timezone.now()

    @transition(field=state, source=S.RESOLVED, target=S.CLOSED, permission=_citizen,
                conditions=[resolved_recently],
                custom={"label": _("Confirm the resolution"), "citizen": "confirm"})
    def citizen_confirm(self):
        self.closed_at = timezone.now()

    def confirmation_window_passed(self):
        return self.resolved_at is not None and not self.resolved_recently()

    @transition(field=state, source=S.RESOLVED, target=S.CLOSED, permission=_system,
                conditions=[confirmation_window_passed],
                custom={"label": _("Close (not confirmed in time)"), "system": True})
    def close_unconfirmed(self):
        self.closed_at = timezone.now()

    @transition(field=state, source=[S.RESOLVED, S.CLOSED], target=S.REOPENED, permission=_citizen,
                conditions=[resolved_recently, has_assignee],
                custom={"label": _("Reopen"), "citizen": "reopen"})
    def citizen_reopen(self):
        self.closed_at = None
        self.resolved_at = None
        self.reopen_count += 1

    @transition(field=state, source=sorted(WITHDRAWABLE), target=S.WITHDRAWN, permission=_citizen,
                custom={"label": _("Withdraw"), "citizen": "withdraw"})
    def citizen_withdraw(self):
        self.paused_since = None
        self.closed_at = timezone.now()
