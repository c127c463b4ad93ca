"""Bills, their stages and deadlines; committees; sittings, agendas and votes; senators."""

from .bills import Bill, BillDocument, BillEventKind, BillKind, BillStage, BillSummary, CourtReferral, StageChange
from .people import Committee, CommitteeKind, CommitteeMembership, CommitteeReport, CommitteeRole, SelectionMethod, Senator
from .sittings import AgendaItem, Ballot, BallotChoice, ParliamentSession, SessionKind, Sitting, SittingKind, Vote

__all__ = [
    "AgendaItem", "Ballot", "BallotChoice", "Bill", "BillDocument", "BillEventKind", "BillKind", "BillStage", "BillSummary",
    "Committee", "CommitteeKind", "CommitteeMembership", "CommitteeReport", "CommitteeRole", "CourtReferral",
    "ParliamentSession", "SelectionMethod", "Senator", "SessionKind", "Sitting", "SittingKind", "StageChange", "Vote",
]
