"""The citizen's pages: start, file, confirmation, track, and the public
statistics. Thin: forms in, services called, templates out. No JavaScript needed."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import cache_page
from django.views.decorators.http import require_http_methods
from django.views.decorators.vary import vary_on_headers

from cms.base.clientip import client_ip

from . import selectors, services
from .conf import conf
from .forms import CaseForm, RateForm, ReopenForm, ReplyForm, TrackForm, WithdrawForm
from .models import Attachment, Case
from .models.case import format_code, normalise_code
from .reports import build_report

SESSION_TRACKED = "cases_tracked"
SESSION_FILED = "cases_filed"
SESSION_FLASH = "cases_flash"
TRACK_SESSION_SECONDS = 30 * 60


def start(request):
    """The landing page: file a complaint or track one."""
    return render(request, "cases/start.html", {"track_form": TrackForm()})


@require_http_methods(["GET", "POST"])
def file_case(request):
    form = CaseForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        if "update_areas" in request.POST:
            # No JavaScript: the citizen asked for the district list of the chosen province; no errors yet.
            return render(request, "cases/file.html", {"form": CaseForm(initial=request.POST.dict())})
        if form.is_valid():
            case, pin = services.case_file_validated(filing=form.cleaned_data["filing"],
                                                     language=translation.get_language() or "th", channel="web")
            request.session[SESSION_FILED] = {"code": case.code, "pin": pin}
            _remember(request, case)
            return redirect("cases:filed")
    return render(request, "cases/file.html", {"form": form})


def filed(request):
    """The confirmation: the code and PIN, shown once."""
    details = request.session.pop(SESSION_FILED, None)
    if not details:
        return redirect("cases:track")
    case = get_object_or_404(Case, code=details["code"])
    return render(request, "cases/filed.html", {
        "case": case, "pin": details["pin"], "code": format_code(details["code"]),
    })


def _remember(request, case):
    tracked = request.session.get(SESSION_TRACKED, {})
    tracked[case.code] = timezone.now().timestamp()
    request.session[SESSION_TRACKED] = tracked


def _is_tracked(request, code):
    seen = request.session.get(SESSION_TRACKED, {}).get(code)
    return seen is not None and timezone.now().timestamp() - seen < TRACK_SESSION_SECONDS


@require_http_methods(["GET", "POST"])
def track(request):
    """Find a case by code and PIN."""
    form = TrackForm(request.POST or None, initial={"code": request.GET.get("code", "")})
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            case = services.case_check_pin(code=form.cleaned_data["code"], pin=form.cleaned_data["pin"],
                                           client_ip=client_ip(request))
        except services.PinLocked as error:
            form.add_error(None, str(error))
            status = 429
        except services.WrongPin as error:
            form.add_error(None, str(error))
        else:
            _remember(request, case)
            return redirect("cases:track_case", code=case.code)
    return render(request, "cases/track.html", {"form": form}, status=status)


# The forms of the citizen's actions (services.CITIZEN_ACTIONS), and what the page says when one is done.
ACTIONS = {
    "reply": (ReplyForm, _("Thank you. Your information has been sent to the officer.")),
    "confirm": (None, _("Thank you for confirming. The case is now closed.")),
    "reopen": (ReopenForm, _("Your case has been reopened. An officer will look at it again.")),
    "withdraw": (WithdrawForm, _("Your case has been withdrawn.")),
    "rate": (RateForm, _("Thank you for your rating.")),
}


@require_http_methods(["GET", "POST"])
def track_case(request, code):
    """The case as its citizen sees it, with the actions open to them now."""
    code = normalise_code(code)
    if not _is_tracked(request, code):
        return redirect(f"{reverse('cases:track')}?code={code}")
    case = get_object_or_404(Case, code=code)
    forms_ = {}
    if request.method == "POST":
        action = request.POST.get("action")
        if action not in ACTIONS:
            raise Http404
        form_class, done = ACTIONS[action]
        form = form_class(request.POST, request.FILES) if form_class else None
        if form is None or form.is_valid():
            try:
                services.CITIZEN_ACTIONS[action](case=case, **(form.cleaned_data if form else {}))
            except ValidationError as error:
                form.add_error(None, error)
                forms_[action] = form
            except services.CaseError as error:
                _flash(request, "error", str(error))
                return redirect("cases:track_case", code=case.code)
            else:
                _flash(request, "success", done)
                return redirect("cases:track_case", code=case.code)
        else:
            forms_[action] = form
    case.refresh_from_db()
    context = {
        "case": case, "timeline": selectors.public_timeline(case),
        "place": case.place,
        "flash": request.session.pop(SESSION_FLASH, None),
        "attachments": case.attachments.filter(public=True),
        **{f"can_{name}": allowed for name, allowed in case.citizen_actions().items()},
        "reopen_days": conf.reopen_days,
        **{f"{name}_form": forms_.get(name) or form_class() for name, (form_class, _done) in ACTIONS.items()
           if form_class},
    }
    return render(request, "cases/track_case.html", context, status=400 if forms_ else 200)


def _flash(request, level, text):
    """A one-time notice on the tracking page (kept apart from Django's messages,
    so that it is announced once, in a live region, next to the case)."""
    request.session[SESSION_FLASH] = {"level": level, "text": str(text)}


def attachment(request, pk):
    """A file of a case: for officers allowed to see the case (each opening is
    logged), or for the citizen tracking it (files shown to them only)."""
    item = get_object_or_404(Attachment.objects.select_related("case"), pk=pk)
    if request.user.is_authenticated and selectors.can_see_case(request.user, item.case):
        services.case_open_attachment(attachment=item, by=request.user)
    elif not (item.public and _is_tracked(request, item.case.code)):
        raise PermissionDenied
    response = FileResponse(item.file.open("rb"), content_type=item.content_type, as_attachment=False,
                            filename=item.original_name)
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@cache_page(300)
@vary_on_headers("Accept-Language")
def statistics(request):
    """Aggregated, anonymous statistics: counts only (never a case, a name or a
    code), provinces with few cases merged into "other provinces"."""
    return render(request, "cases/statistics.html", {"report": build_report(public=True)})
