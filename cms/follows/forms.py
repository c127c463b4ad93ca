from django import forms
from django.utils.translation import gettext_lazy as _

from cms.records.models import Subscription


class FollowForm(forms.Form):
    email = forms.EmailField(label=_("Your e-mail address"), max_length=254)
    feed = forms.CharField(widget=forms.HiddenInput, max_length=100)
    frequency = forms.ChoiceField(label=_("How often"), choices=Subscription.Frequency.choices,
                                  initial=Subscription.Frequency.IMMEDIATE, widget=forms.RadioSelect)
    language = forms.ChoiceField(label=_("Language of the e-mails"), choices=[("th", "ไทย"), ("en", "English")])


class SubscriptionForm(forms.Form):
    subscription = forms.IntegerField(widget=forms.HiddenInput)
    frequency = forms.ChoiceField(label=_("How often"), choices=Subscription.Frequency.choices)
    active = forms.BooleanField(label=_("Send me e-mails"), required=False)
