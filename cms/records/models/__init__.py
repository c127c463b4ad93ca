from .events import ActorKind, AppendOnlyError, ChainedModel, Event  # noqa: F401
from .feeds import Feed, FeedEvent, Follower, Subscription  # noqa: F401
from .outbox import OutboxMessage  # noqa: F401
