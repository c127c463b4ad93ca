"""Complaints and suggestions for the mobile app: file (with Idempotency-Key),
track with the PIN, the citizen's actions, and the public statistics. One error format
(:mod:`cms.api.errors`)."""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.decorators import method_decorator
from django.views.decorators.cache import cache_page
from django.views.decorators.vary import vary_on_headers
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_field, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from cms.api.errors import ErrorSerializer, error_response
from cms.api.language import LANG_PARAMETER, LanguageMixin
from cms.api.parsers import JSONParser
from cms.api.throttling import ScopedRateThrottle
from cms.base.clientip import client_ip
from cms.base.thai import arabic_digits

from . import selectors, services
from .models import Case, CaseKind, CaseState, Category
from .models.case import normalise_code
from .models.reference import offered_category
from .reports import build_report


PIN_HEADER = OpenApiParameter("X-Case-PIN", OpenApiTypes.STR, OpenApiParameter.HEADER,
                              description="The case's PIN (or, on POST, as `pin` in the body). Never in the query "
                                          "string: addresses end up in access logs, so `?pin=` is refused.")
IDEMPOTENCY_HEADER = OpenApiParameter(
    "Idempotency-Key", OpenApiTypes.STR, OpenApiParameter.HEADER,
    description="A unique key per submission (e.g. a UUID). Retrying with the same key and body returns the "
                "first answer instead of filing again.",
)
ERROR = ErrorSerializer


class CaseCategorySerializer(serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField(source="display_name")
    description = serializers.SerializerMethodField()

    def get_description(self, category) -> str:
        localized = category.localized
        return (localized or category).description


class CaseCreateSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=CaseKind.choices, default=CaseKind.COMPLAINT)
    category = serializers.SlugField(help_text="The slug of a category from /api/v1/case-categories/.")
    subject = serializers.CharField(max_length=200)
    description = serializers.CharField(min_length=20, max_length=10000)
    province = serializers.CharField(max_length=10, required=False, allow_blank=True, default="")
    district = serializers.CharField(max_length=10, required=False, allow_blank=True, default="")
    subdistrict = serializers.CharField(max_length=10, required=False, allow_blank=True, default="")
    respondent = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")
    anonymous = serializers.BooleanField(default=False)
    contact_name = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    contact_email = serializers.EmailField(required=False, allow_blank=True, default="")
    contact_phone = serializers.CharField(max_length=30, required=False, allow_blank=True, default="")
    consent = serializers.BooleanField(help_text="Consent to the personal data notice (PDPA); must be true.")
    attachments = serializers.ListField(child=serializers.FileField(), required=False, default=list,
                                        help_text="Photos (JPEG, PNG, WebP) or PDF files (multipart only).")

    def validate_category(self, slug):
        category = offered_category(slug)
        if category is None:
            raise serializers.ValidationError(_("Choose a category from the list."))
        return category

    def validate(self, attrs):
        """The filing's rules are :func:`cases.services.validate_filing`'s."""
        try:
            return {"filing": services.validate_filing(**attrs)}
        except DjangoValidationError as error:
            raise serializers.ValidationError(error.message_dict) from None


class CaseFiledSerializer(serializers.Serializer):
    """The answer to a filing, for the schema: :meth:`CaseViewSet._filed` builds it
    without one, since DRF builds a serializer's fields anew for every instance."""

    code = serializers.CharField()
    display_code = serializers.CharField()
    pin = serializers.CharField(help_text="Shown once: keep it with the code.")
    state = serializers.CharField()
    state_label = serializers.CharField()
    expected_date = serializers.DateField(allow_null=True)
    url = serializers.CharField()


class CaseTimelineItemSerializer(serializers.Serializer):
    at = serializers.DateTimeField()
    kind = serializers.CharField()
    state = serializers.CharField(source="to_state")
    state_label = serializers.CharField()
    by = serializers.CharField(source="actor_kind")
    comment = serializers.CharField()


class CaseDetailSerializer(serializers.Serializer):
    """A case as its citizen sees it."""

    code = serializers.CharField()
    display_code = serializers.CharField()
    kind = serializers.CharField()
    category = serializers.SerializerMethodField()
    subject = serializers.CharField()
    description = serializers.CharField()
    state = serializers.CharField()
    state_label = serializers.CharField(source="get_state_display")
    filed_at = serializers.DateTimeField()
    expected_date = serializers.DateField(source="due_date", allow_null=True)
    rejection_reason = serializers.CharField()
    referred_to = serializers.CharField()
    rating = serializers.IntegerField(allow_null=True)
    timeline = serializers.SerializerMethodField()
    actions = serializers.DictField(child=serializers.BooleanField(), source="citizen_actions")

    @extend_schema_field(CaseCategorySerializer)
    def get_category(self, case):
        return CaseCategorySerializer(case.category).data

    @extend_schema_field(CaseTimelineItemSerializer(many=True))
    def get_timeline(self, case):
        return CaseTimelineItemSerializer(selectors.public_timeline(case), many=True).data


class CaseReplySerializer(serializers.Serializer):
    message = serializers.CharField(max_length=10000)
    attachments = serializers.ListField(child=serializers.FileField(), required=False, default=list,
                                        help_text="Photos (JPEG, PNG, WebP) or PDF files (multipart only), "
                                                  "as many as a filing may carry (CASES_MAX_ATTACHMENTS).")


class CaseReasonSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=5000, required=False, allow_blank=True, default="")


class CaseReopenSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=5000, help_text="Why the problem is not solved.")


class CaseRateSerializer(serializers.Serializer):
    rating = serializers.IntegerField(min_value=1, max_value=5)
    comment = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")


@extend_schema_view(list=extend_schema(summary="List case categories", parameters=[LANG_PARAMETER]))
class CategoryViewSet(LanguageMixin, mixins.ListModelMixin, viewsets.GenericViewSet):
    """The categories a case can be filed under, in the requested language."""

    serializer_class = CaseCategorySerializer
    pagination_class = None

    def get_queryset(self):
        return Category.objects.offered()


CASE_ERRORS = {
    services.CaseConflict: status.HTTP_409_CONFLICT,
    services.TransitionRefused: status.HTTP_409_CONFLICT,
    services.WrongPin: status.HTTP_403_FORBIDDEN,
    services.PinLocked: status.HTTP_429_TOO_MANY_REQUESTS,
    services.IdempotencyKeyInvalid: status.HTTP_400_BAD_REQUEST,
    services.IdempotencyKeyReused: status.HTTP_422_UNPROCESSABLE_ENTITY,
}


def _case_error(error):
    return error_response(status_code=CASE_ERRORS.get(type(error), status.HTTP_409_CONFLICT), code=error.code,
                          message=str(error))


def citizen_action(summary, body=None):
    """A citizen's action on a case (POST, with the PIN): ``body`` checks its
    fields, :data:`cases.services.CITIZEN_ACTIONS` does it, the case is the answer."""
    schema = extend_schema(summary=summary, request=body, parameters=[PIN_HEADER, LANG_PARAMETER],
                           responses={200: CaseDetailSerializer, 400: ERROR, 403: ERROR, 409: ERROR, 429: ERROR})
    return lambda method: schema(action(detail=True, methods=["post"], body_serializer=body)(method))


class CaseViewSet(LanguageMixin, viewsets.GenericViewSet):
    """File a complaint or suggestion and follow it with its code and PIN."""

    body_serializer = None  # the body of a citizen's action (:func:`citizen_action`)
    lookup_field = "code"
    lookup_value_regex = "[A-Za-z0-9-]{10,14}"
    parser_classes = [JSONParser, MultiPartParser, FormParser]
    queryset = Case.objects.none()
    serializer_class = CaseDetailSerializer

    # Filing, and every other action (each checks a PIN), have strict limits of their own, counted
    # apart from the reading limit (README, "API limits"): one throttle, one cache read and write.
    throttle_classes = [ScopedRateThrottle]

    def get_throttles(self):
        self.throttle_scope = "case_filing" if self.action == "create" else "case_pin"
        return super().get_throttles()

    # Filing ---------------------------------------------------------------------
    @extend_schema(
        summary="File a case", request=CaseCreateSerializer, parameters=[IDEMPOTENCY_HEADER, LANG_PARAMETER],
        responses={201: CaseFiledSerializer, 200: OpenApiResponse(CaseFiledSerializer, description="A retried submission"),
                   400: ERROR, 422: OpenApiResponse(ERROR, description="Idempotency-Key reused with another body")},
    )
    def create(self, request):
        serializer = CaseCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            body, filed = services.case_file_once(
                key=request.headers.get("Idempotency-Key", ""), filing=serializer.validated_data["filing"],
                answer=lambda case, pin: self._filed(request, case, pin),
                language=translation.get_language() or "th", channel="api",
            )
        except services.CaseError as error:
            return _case_error(error)
        if filed:
            return Response(body, status=status.HTTP_201_CREATED)
        return Response(body, status=status.HTTP_200_OK, headers={"Idempotent-Replayed": "true"})

    def _filed(self, request, case, pin):
        """The answer to a filing, as :class:`CaseFiledSerializer` describes it."""
        due = case.due_date
        return {
            "code": case.code, "display_code": case.display_code, "pin": pin, "state": case.state,
            "state_label": str(CaseState(case.state).label), "expected_date": due.isoformat() if due else None,
            "url": request.build_absolute_uri(reverse("v1:case-detail", kwargs={"code": case.code})),
        }

    # Tracking ---------------------------------------------------------------------
    def _case(self, request, code):
        body = request.data if isinstance(request.data, dict) else {}
        pin = request.headers.get("X-Case-PIN") or body.get("pin", "")
        return services.case_check_pin(code=normalise_code(code), pin=arabic_digits(str(pin)).strip(),
                                       client_ip=client_ip(request))

    def _answer(self, request, code):
        """The case (PIN checked), after the citizen's action of this view's name, if it is one."""
        if "pin" in request.query_params:
            return error_response(code="pin_in_query", message=_(
                "Send the PIN in the X-Case-PIN header, never in the address: addresses are kept in logs."))
        try:
            case = self._case(request, code)
            if act := services.CITIZEN_ACTIONS.get(self.action):
                data = {}
                if self.body_serializer is not None:
                    serializer = self.body_serializer(data=request.data)
                    serializer.is_valid(raise_exception=True)
                    data = serializer.validated_data
                act(case=case, **data)
                case.refresh_from_db()
        except services.CaseError as error:
            return _case_error(error)
        return Response(CaseDetailSerializer(case).data)

    @extend_schema(summary="A case, with its code and PIN", parameters=[PIN_HEADER, LANG_PARAMETER],
                   responses={200: CaseDetailSerializer, 400: ERROR, 403: ERROR, 429: ERROR})
    def retrieve(self, request, code=None):
        return self._answer(request, code)

    @citizen_action("Send the information the officer asked for", CaseReplySerializer)
    def reply(self, request, code=None):
        return self._answer(request, code)

    @citizen_action("Confirm the resolution and close the case")
    def confirm(self, request, code=None):
        return self._answer(request, code)

    @citizen_action("Reopen a resolved case", CaseReopenSerializer)
    def reopen(self, request, code=None):
        return self._answer(request, code)

    @citizen_action("Withdraw the case", CaseReasonSerializer)
    def withdraw(self, request, code=None):
        return self._answer(request, code)

    @citizen_action("Rate the handling (1–5)", CaseRateSerializer)
    def rate(self, request, code=None):
        return self._answer(request, code)


class StatisticsRowSerializer(serializers.Serializer):
    key = serializers.CharField(help_text="Stable key: a state, kind, category slug, province code or month (YYYY-MM)")
    label = serializers.CharField(help_text="The label in the requested language")
    count = serializers.IntegerField()


class CaseStatisticsSerializer(serializers.Serializer):
    total = serializers.IntegerField(help_text="Every case filed")
    open = serializers.IntegerField(help_text="Cases still being handled")
    on_time = serializers.IntegerField(help_text="Cases resolved by their deadline")
    late = serializers.IntegerField(help_text="Cases resolved late, or still open past their deadline")
    on_time_rate = serializers.FloatField(allow_null=True, help_text="on_time / (on_time + late), 0..1; null before any is measurable")
    median_days_to_resolve = serializers.FloatField(allow_null=True)
    by_state = StatisticsRowSerializer(many=True)
    by_kind = StatisticsRowSerializer(many=True)
    by_category = StatisticsRowSerializer(many=True)
    by_province = StatisticsRowSerializer(many=True, help_text="Provinces with fewer than five cases are counted together")
    by_month = StatisticsRowSerializer(many=True, help_text="The last twelve months")


@method_decorator([cache_page(300), vary_on_headers("Accept-Language")], name="get")
class CaseStatisticsView(LanguageMixin, APIView):
    """Aggregated, anonymous statistics of complaints and suggestions."""

    @extend_schema(summary="Complaint statistics", parameters=[LANG_PARAMETER], responses=CaseStatisticsSerializer)
    def get(self, request):
        return Response(CaseStatisticsSerializer(build_report(public=True)).data)
