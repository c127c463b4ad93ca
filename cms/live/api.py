"""The live state of sittings for the mobile app: the same JSON as the page's event stream
(``/live/<id>/events/``, Server-Sent Events), which an app can also open."""

from django.shortcuts import get_object_or_404
from django.urls import reverse
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from .selectors import live_sittings, live_state


class LiveVoteSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    passed = serializers.BooleanField(allow_null=True)
    yes = serializers.IntegerField()
    no = serializers.IntegerField()
    abstain = serializers.IntegerField()
    not_voting = serializers.IntegerField(allow_null=True)


class LiveBillSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()


class LiveItemSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    number = serializers.CharField()
    title = serializers.CharField()
    bill = LiveBillSerializer(allow_null=True)


class LiveStateSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    sitting = serializers.IntegerField()
    version = serializers.IntegerField(help_text="Raised by one at every change.")
    on_air = serializers.BooleanField()
    item = LiveItemSerializer(allow_null=True)
    item_status = serializers.ChoiceField(choices=["", "considering", "debating", "voting", "voted", "deferred"])
    vote = LiveVoteSerializer(allow_null=True)
    updated_at = serializers.DateTimeField()
    events_url = serializers.CharField(help_text="Server-Sent Events of this state.")


def _state(request, live):
    return {**live_state(live=live), "events_url": request.build_absolute_uri(reverse("live:events", args=[live.pk]))}


class LiveListView(APIView):
    @extend_schema(summary="Sittings on air now", responses={200: LiveStateSerializer(many=True)}, tags=["live"])
    def get(self, request):
        lives = live_sittings().on_air().order_by("-updated_at")
        return Response(LiveStateSerializer([_state(request, live) for live in lives], many=True).data)


class LiveDetailView(APIView):
    @extend_schema(summary="The live state of a sitting", responses={200: LiveStateSerializer}, tags=["live"])
    def get(self, request, pk):
        return Response(LiveStateSerializer(_state(request, get_object_or_404(live_sittings(), pk=pk))).data)
