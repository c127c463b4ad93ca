"""The case page for officers: details, the complainant (masked unless allowed,
each view logged), the allowed actions only, notes and public replies,
attachments, related cases and possible duplicates, and the full timeline."""

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .. import selectors, services
from ..inbox import localized_names, officer_choices, possible_duplicates, user_label
from ..models import EventKind
from ..models.case import normalise_code, officer_state_label
from .common import error_messages, require_case_access


class MessageForm(forms.Form):
    KIND_CHOICES = [("note", gettext_lazy("Internal note (officers only)")),
                    ("reply", gettext_lazy("Public reply (the citizen sees it and is e-mailed)"))]
    kind = forms.ChoiceField(label=gettext_lazy("Kind"), choices=KIND_CHOICES, initial="note",
                             widget=forms.RadioSelect)
    text = forms.CharField(label=gettext_lazy("Text"), widget=forms.Textarea(attrs={"rows": 4}), max_length=5000)


class AttachmentForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("File (photo or PDF)"))
    public = forms.BooleanField(label=gettext_lazy("Show it to the citizen"), required=False)


class LinkForm(forms.Form):
    code = forms.CharField(label=gettext_lazy("Tracking code of the related case"), max_length=20)


def _case_for(user, code):
    case = selectors.visible_cases(user).select_related("category", "department", "assignee") \
        .filter(code=normalise_code(code)).first()
    if case is None:
        raise Http404(_("No such case, or it is not yours to see."))
    return case


def _timeline(case):
    return [{
        "event": e, "kind_label": EventKind(e.kind).label if e.kind in EventKind.values else e.kind,
        "actor": user_label(e.actor) if e.actor_id else (_("Citizen") if e.actor_kind == "citizen" else _("System")),
        "from_label": officer_state_label(e.from_state) if e.from_state else "",
        "to_label": officer_state_label(e.to_state) if e.to_state else "",
        "assignee": (e.data or {}).get("assignee_name", ""),
    } for e in case.events.select_related("actor").order_by("seq")]


def _context(request, case, *, identity=None, forms_=None):
    user = request.user
    forms_ = forms_ or {}
    can_identity = selectors.can_view_identity(user, case)
    names = localized_names([case.category])
    return {
        "case": case, "category": names.get(case.category_id, case.category.name),
        "department": localized_names([case.department]).get(case.department_id, "") if case.department_id else "",
        "assignee": user_label(case.assignee) if case.assignee_id else "",
        "area": case.place,
        "overdue": case.is_overdue(),
        # Each with its label, style and the input it requires (the transition's ``custom``).
        "transitions": [{"name": t.name, **t.custom} for t in services.available_transitions(case, user)],
        "officers": officer_choices(department_ids=[case.department_id] if case.department_id else None),
        "can_reassign": case.reassignable and selectors.is_supervisor(user),
        "can_work": selectors.can_work(user, case),
        "masked": {"name": selectors.masked(case.contact_name), "email": selectors.masked(case.contact_email),
                   "phone": selectors.masked(case.contact_phone)},
        "can_view_identity": can_identity, "identity": identity,
        "timeline": _timeline(case), "attachments": list(case.attachments.all()),
        "related": list(case.related_cases.all().order_by("-filed_at")),
        "duplicates": possible_duplicates(case, user=user),
        "message_form": forms_.get("message") or MessageForm(),
        "attachment_form": forms_.get("attachment") or AttachmentForm(),
        "link_form": forms_.get("link") or LinkForm(),
        "inbox_url": reverse("cases_admin:inbox"),
    }


@require_case_access
def case_detail(request, code):
    case = _case_for(request.user, code)
    if request.method == "POST":
        return _act(request, case)
    return render(request, "cases/admin/case.html", _context(request, case))


def _back(case):
    return redirect("cases_admin:case", code=case.code)


def _act(request, case):
    """One action of the case page, by the form's ``action``; errors are shown on the page."""
    handler = ACTIONS.get(request.POST.get("action", ""))
    if handler is None:
        messages.error(request, _("Unknown action."))
        return _back(case)
    try:
        return handler(request, case)
    except services.CaseConflict as error:
        messages.error(request, str(error))
        return _back(case)
    except (services.CaseError, ValidationError, PermissionDenied) as error:
        for text in error_messages(error):
            messages.error(request, text)
        return render(request, "cases/admin/case.html", _context(request, case), status=400)


def _reassign(request, case):
    _check_seen_state(request, case)
    officer = _officer(request.POST.get("officer"))
    services.case_assign(case=case, officer=officer, by=request.user, comment=request.POST.get("comment", "").strip())
    messages.success(request, _("The case is now assigned to %(name)s.") % {"name": user_label(officer)})
    return _back(case)


def _message(request, case):
    form = MessageForm(request.POST)
    if not form.is_valid():
        return _invalid(request, case, message=form)
    if form.cleaned_data["kind"] == "reply":
        services.case_reply_public(case=case, by=request.user, text=form.cleaned_data["text"])
        messages.success(request, _("Your reply has been sent to the citizen."))
    else:
        services.case_add_note(case=case, by=request.user, text=form.cleaned_data["text"])
        messages.success(request, _("Your internal note has been added."))
    return _back(case)


def _attachment(request, case):
    form = AttachmentForm(request.POST, request.FILES)
    if not form.is_valid():
        return _invalid(request, case, attachment=form)
    services.case_add_attachment(case=case, file=form.cleaned_data["file"], by=request.user,
                                 public=form.cleaned_data["public"])
    messages.success(request, _("The file has been attached."))
    return _back(case)


def _link(request, case):
    form = LinkForm(request.POST)
    if not form.is_valid():
        return _invalid(request, case, link=form)
    other = selectors.visible_cases(request.user).filter(code=normalise_code(form.cleaned_data["code"])).first()
    if other is None:
        form.add_error("code", _("No case you may see has this code."))
        return _invalid(request, case, link=form)
    services.case_link(case=case, other=other, by=request.user)
    messages.success(request, _("Case %(code)s is now linked as related.") % {"code": other.display_code})
    return _back(case)


def _identity(request, case):
    identity = services.case_view_identity(case=case, by=request.user)
    return render(request, "cases/admin/case.html", _context(request, case, identity=identity))


def _check_seen_state(request, case):
    """The form carries the state the officer saw: if the case has moved since,
    nothing is done and the officer is told so."""
    if request.POST.get("seen_state") != case.state:
        raise services.CaseConflict(_(
            "Someone else has just changed this case (it is now “%(state)s”). Reload it and try again."
        ) % {"state": case.officer_state_label})


def _officer(value):
    value = (value or "").strip()
    officer = get_user_model().objects.filter(pk=value).first() if value.isdigit() else None
    if officer is None:
        raise ValidationError({"officer": [_("Choose an officer.")]})
    return officer


def _do_transition(request, case):
    _check_seen_state(request, case)
    name = request.POST.get("transition", "")
    data = {"reason": request.POST.get("reason", ""), "agency": request.POST.get("agency", "")}
    if name == "assign":
        data["officer"] = _officer(request.POST.get("officer"))
    updated = services.case_transition(case=case, transition=name, by=request.user,
                                       comment=request.POST.get("comment", "").strip(),
                                       public=request.POST.get("public") == "1", **data)
    messages.success(request, _("Done: the case is now “%(state)s”.") % {"state": updated.officer_state_label})
    if not selectors.can_see_case(request.user, updated):
        return redirect("cases_admin:inbox")
    return _back(updated)


def _invalid(request, case, **forms_):
    messages.error(request, _("The form has errors; see below."))
    return render(request, "cases/admin/case.html", _context(request, case, forms_=forms_), status=400)


ACTIONS = {"transition": _do_transition, "reassign": _reassign, "message": _message, "attachment": _attachment,
           "link": _link, "identity": _identity}
