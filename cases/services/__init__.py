"""Every write to a case, one function per action (keyword-only arguments),
by whom it serves: :mod:`.filing` (the citizen files), :mod:`.officers`,
:mod:`.citizens` (code and PIN), :mod:`.periodic` (the scheduler) and
:mod:`.retention` (PDPA); :mod:`.base` holds what they share.

Each function runs in one database transaction: it locks the case row
(``select_for_update``), checks the permission (``has_transition_perm`` for
transitions), makes the change, saves, appends the audit event to the case's
record and queues the notifications in the shared outbox (:mod:`cms.records`),
sent after commit."""

from .base import (
    CaseConflict, CaseError, PinLocked, TransitionRefused, WrongPin, notifications_suppressed, record_event, route,
)
from .citizens import (
    CITIZEN_ACTIONS, case_check_pin, case_citizen_confirm, case_citizen_rate, case_citizen_reopen, case_citizen_reply,
    case_citizen_withdraw,
)
from .filing import (
    IdempotencyKeyInvalid, IdempotencyKeyReused, case_file, case_file_once, case_file_validated, validate_filing,
)
from .officers import (
    available_transitions, case_add_attachment, case_add_note, case_assign, case_link, case_open_attachment,
    case_reply_public, case_transition, case_update, case_view_identity,
)
from .periodic import case_close_unconfirmed, case_flag_overdue, purge_idempotency_keys
from .retention import anonymise_closed_cases
