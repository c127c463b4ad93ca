from django.urls import path

from .api import FeedEventsView, FollowView

urlpatterns = [
    path("follows/", FollowView.as_view(), name="follow"),
    path("feed-events/", FeedEventsView.as_view(), name="feed_events"),
]
