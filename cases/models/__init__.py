"""Complaints and suggestions: the case, its workflow and its record.

Split by concern: ``reference`` (the editor-managed lists: categories,
departments, officers, routing, SLAs, holidays), ``case`` (the case and its
django-fsm workflow) and ``records`` (the kinds of audit events, attachments,
idempotency keys). The events and the outbox are the shared core's
(:mod:`cms.records`)."""

from .case import Case, CaseKind, CaseState, Citizen, CITIZEN, OPEN_STATES, FINAL_STATES  # noqa: F401
from .records import Attachment, EventKind, IdempotencyKey  # noqa: F401
from .reference import SLA, Category, Department, Holiday, OfficerProfile, OfficerRole, RoutingRule  # noqa: F401
