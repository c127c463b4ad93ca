"""The admin page where legislative staff move a bill to its next stage, through the workflow service."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from . import deadlines
from .forms import MoveBillForm
from .models import Bill
from .services import BillConflict, TransitionRefused, available_transitions, bill_move


def move_bill(request, pk):
    if not request.user.has_perm("legislation.move_bill"):
        raise PermissionDenied
    bill = get_object_or_404(Bill.objects.select_related("committee"), pk=pk)
    transitions = available_transitions(bill=bill, user=request.user)
    form = MoveBillForm(request.POST or None, bill=bill, transitions=transitions)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            bill_move(bill=bill, transition=data["transition"], by=request.user, on=data["on"], sitting=data["sitting"],
                      vote=data["vote"], document=data["document"], committee=data["committee"],
                      merged_into=data["merged_into"], comment=data["comment"])
        except ValidationError as error:
            for field, errors in error.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        except (TransitionRefused, BillConflict) as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("“%(bill)s” is now: %(stage)s.") % {"bill": bill.short_title or bill.title,
                                                                             "stage": bill.get_stage_display()})
            return redirect(reverse("legislation_admin:move_bill", args=[bill.pk]))
    return TemplateResponse(request, "legislation/admin/move_bill.html", {
        "bill": bill, "form": form, "transitions": transitions, "deadline": deadlines.bill_deadline(bill),
        "changes": bill.stage_changes.select_related("by", "sitting", "vote").order_by("-recorded_at"),
        "edit_url": reverse("wagtailsnippets_legislation_bill:edit", args=[bill.pk]),
    })
