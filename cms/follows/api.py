"""Follows for the mobile app: register a follow by e-mail (the same double opt-in as the
site), and read what happened on feeds since a cursor (public: feeds are public)."""

from django.utils.translation import get_language
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from cms.api.language import LANG_PARAMETER, LanguageMixin
from cms.records.models import Subscription

from . import services
from .describe import describe
from .selectors import feed_events

MAX_FEEDS = 50
PAGE = 100


class FollowRequestSerializer(serializers.Serializer):
    email = serializers.EmailField(max_length=254)
    feed = serializers.CharField(max_length=100, help_text='"bill:<id>", "committee:<id>" or "bills:kind:<kind>"')
    frequency = serializers.ChoiceField(choices=Subscription.Frequency.choices, default="immediate")
    language = serializers.ChoiceField(choices=[("th", "Thai"), ("en", "English")], default="th")


class FollowAcceptedSerializer(serializers.Serializer):
    feed = serializers.CharField()
    confirmed = serializers.BooleanField(help_text="False: a confirmation e-mail was sent; nothing is sent until "
                                                   "the address is confirmed.")


class FeedEventSerializer(serializers.Serializer):
    id = serializers.IntegerField(help_text="The cursor: ask again with since=<the last id>.")
    kind = serializers.CharField()
    feeds = serializers.ListField(child=serializers.CharField())
    title = serializers.CharField()
    summary = serializers.CharField()
    url = serializers.CharField()
    data = serializers.DictField()
    created_at = serializers.DateTimeField()


class FeedEventsSerializer(serializers.Serializer):
    events = FeedEventSerializer(many=True)
    cursor = serializers.IntegerField(help_text="The id of the last event returned (or the one given).")
    more = serializers.BooleanField()


class FollowView(LanguageMixin, APIView):
    throttle_scope = "follow"

    @extend_schema(summary="Follow a bill, a committee or every bill of a kind by e-mail",
                   request=FollowRequestSerializer, responses={202: FollowAcceptedSerializer},
                   tags=["follows"])
    def post(self, request):
        serializer = FollowRequestSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        subscription = services.follow_request(email=serializer.validated_data["email"],
                                               feed_key=serializer.validated_data["feed"],
                                               language=serializer.validated_data["language"],
                                               frequency=serializer.validated_data["frequency"])
        return Response({"feed": subscription.feed.key,
                         "confirmed": subscription.follower.confirmed_at is not None},
                        status=status.HTTP_202_ACCEPTED)


class FeedEventsView(LanguageMixin, APIView):
    @extend_schema(
        summary="What happened on feeds since a cursor",
        parameters=[
            OpenApiParameter("feeds", str, required=True, description='Comma-separated feed keys, e.g. "bill:42,committee:7"'),
            OpenApiParameter("since", int, description="The id of the last event the app has (0 for the start)."),
            LANG_PARAMETER,
        ],
        responses={200: FeedEventsSerializer, 400: OpenApiResponse(description="Bad feeds or cursor")},
        tags=["follows"],
    )
    def get(self, request):
        keys = [key.strip() for key in request.query_params.get("feeds", "").split(",") if key.strip()]
        since = request.query_params.get("since", "0")
        if not keys or len(keys) > MAX_FEEDS or not since.isdecimal():
            raise serializers.ValidationError({"feeds": [_feeds_error()]})
        events = list(feed_events(keys=keys, since=int(since), limit=PAGE + 1).prefetch_related("feeds"))
        more = len(events) > PAGE
        events = events[:PAGE]
        language = get_language()
        body = []
        for event in events:
            described = describe(event, language)
            body.append({"id": event.pk, "kind": event.kind, "feeds": [feed.key for feed in event.feeds.all()],
                         "title": described.title, "summary": described.summary,
                         "url": request.build_absolute_uri(described.url) if described.url else "",
                         "data": event.data, "created_at": event.created_at})
        return Response(FeedEventsSerializer({"events": body, "cursor": events[-1].pk if events else int(since),
                                              "more": more}).data)


def _feeds_error():
    return _("Give one to %(count)s feed keys, and a whole-number cursor.") % {"count": MAX_FEEDS}
