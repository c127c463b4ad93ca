"""The officers' views in the Wagtail admin: the inbox (filters, search, bulk
assign), the case page (timeline, actions, notes and replies, attachments,
related cases and possible duplicates, the complainant's identity) and the reports.

Every write goes through :mod:`cases.services`; these views only read forms and
show the outcome, in the officer's language (Thai by default)."""
