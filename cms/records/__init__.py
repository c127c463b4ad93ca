"""The shared core of every workflow with a record: append-only events chained
by a keyed hash (:mod:`.models.events`), the outbox that sends each message
once (:mod:`.models.outbox`) and follows with a per-follower cursor
(:mod:`.models.feeds`). Cases and bills both use it."""
