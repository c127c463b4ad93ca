"""The staff's form for moving a bill to its next stage (the admin calls the workflow service)."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import Bill, BillDocument, Committee, Sitting, Vote


class MoveBillForm(forms.Form):
    transition = forms.ChoiceField(label=_("Action"), widget=forms.RadioSelect)
    on = forms.DateField(label=_("Date"), initial=timezone.localdate, widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}))
    sitting = forms.ModelChoiceField(label=_("At the sitting"), queryset=Sitting.objects.none(), required=False)
    vote = forms.ModelChoiceField(label=_("By the vote"), queryset=Vote.objects.none(), required=False)
    document = forms.ModelChoiceField(label=_("Document"), queryset=BillDocument.objects.none(), required=False)
    committee = forms.ModelChoiceField(label=_("Committee (when referring)"), queryset=Committee.objects.all(),
                                       required=False)
    merged_into = forms.ModelChoiceField(label=_("Merged into (when merging)"), queryset=Bill.objects.none(),
                                         required=False)
    comment = forms.CharField(label=_("Note"), required=False, max_length=500, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, bill, transitions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["transition"].choices = [(t.name, t.custom.get("label", t.name)) for t in transitions]
        self.fields["sitting"].queryset = Sitting.objects.exclude(kind="committee").order_by("-date")
        self.fields["vote"].queryset = Vote.objects.filter(bill=bill).order_by("-date") | \
            Vote.objects.filter(bill__isnull=True, date__gte=bill.stage_since or bill.introduced_on or timezone.localdate())
        self.fields["document"].queryset = BillDocument.objects.filter(bill=bill)
        self.fields["merged_into"].queryset = Bill.objects.exclude(pk=bill.pk).open()
