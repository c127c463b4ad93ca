"""The citizen's forms: filing, finding a case by code and PIN, and the
actions on the tracking page. Thai digits are accepted wherever a number is typed."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from cms.base.thai import arabic_digits, localized_digits

from . import areas
from .conf import conf
from .models import Category, CaseKind
from .services import validate_filing


class CategoryChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.display_name


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


def attachments_help():
    """The limits of attachments, in the language of the request."""
    return _("Optional: up to %(count)s photos (JPEG, PNG, WebP) or PDF files, %(mb)s MB each.") % {
        "count": localized_digits(conf.max_attachments), "mb": localized_digits(conf.max_upload_bytes // (1024 * 1024))}


class AttachmentsField(forms.FileField):
    """Optional photos or PDF files, several at once."""

    widget = MultipleFileInput(attrs={"accept": "image/jpeg,image/png,image/webp,application/pdf"})

    def __init__(self, **kwargs):
        super().__init__(label=_("Photos or documents"), required=False, help_text=lazy(attachments_help, str)(),
                         **kwargs)

    def clean(self, data, initial=None):
        if not data:
            return []
        items = data if isinstance(data, (list, tuple)) else [data]
        return [super().clean(item, initial) for item in items if item]


FILING_FIELDS = ("kind", "category", "subject", "description", "province", "district", "subdistrict", "respondent",
                 "anonymous", "contact_name", "contact_email", "contact_phone", "consent", "attachments")


class CaseForm(forms.Form):
    kind = forms.ChoiceField(label=_("What would you like to send?"), choices=CaseKind.choices,
                             widget=forms.RadioSelect, initial=CaseKind.COMPLAINT)
    category = CategoryChoiceField(label=_("Category"), queryset=Category.objects.none(),
                                   empty_label=_("Choose a category"))
    subject = forms.CharField(label=_("Subject"), max_length=200,
                              help_text=_("In a few words, for example: broken road in front of the school"))
    description = forms.CharField(label=_("What happened?"), widget=forms.Textarea(attrs={"rows": 6}),
                                  min_length=20, max_length=10000,
                                  help_text=_("When and where it happened, and what you would like to be done."))
    province = forms.ChoiceField(label=_("Province"), required=False)
    district = forms.ChoiceField(label=_("District"), required=False)
    subdistrict = forms.ChoiceField(label=_("Subdistrict"), required=False)
    respondent = forms.CharField(label=_("Body or official complained about"), max_length=300, required=False,
                                 help_text=_("Optional: the agency, office or position concerned."))
    attachments = AttachmentsField()
    anonymous = forms.BooleanField(label=_("File anonymously (we will not know who you are)"), required=False,
                                   help_text=_("Without contact details we cannot e-mail you; keep your code and PIN."))
    contact_name = forms.CharField(label=_("Your name"), max_length=200, required=False,
                                   widget=forms.TextInput(attrs={"autocomplete": "name"}))
    contact_email = forms.EmailField(label=_("E-mail"), required=False,
                                     help_text=_("We send your code and PIN and the news about your case here."),
                                     widget=forms.EmailInput(attrs={"autocomplete": "email"}))
    contact_phone = forms.CharField(label=_("Phone"), max_length=30, required=False,
                                    widget=forms.TextInput(attrs={"autocomplete": "tel", "type": "tel",
                                                                  "inputmode": "tel"}))
    consent = forms.BooleanField(
        label=_("I have read the personal data notice and agree that the Secretariat of the Senate uses "
                "my data to handle this case."),
        required=True, error_messages={"required": _("Please agree to the personal data notice to file your case.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = Category.objects.offered()
        self._area_choices()

    def _area_choices(self):
        blank = [("", _("— not given —"))]
        self.fields["province"].choices = blank + [(a.code, a.name) for a in areas.provinces()]
        province = self.data.get("province") or self.initial.get("province")
        district = self.data.get("district") or self.initial.get("district")
        districts = areas.districts(province) if province else []
        self.fields["district"].choices = blank + [(a.code, a.name) for a in districts]
        self.fields["district"].help_text = "" if province else _("Choose the province first, then press “Update the list”.")
        subdistricts = areas.subdistricts(district) if district and any(d.code == district for d in districts) else []
        self.fields["subdistrict"].choices = blank + [(a.code, a.name) for a in subdistricts]
        if not subdistricts:
            self.fields["subdistrict"].help_text = _("Choose the district first, then press “Update the list”.")

    def clean(self):
        """The filing's rules are :func:`cases.services.validate_filing`'s; its
        messages go to the fields that have none of their own yet."""
        data = super().clean()
        fields = {name: data.get(name) for name in FILING_FIELDS if name in self.fields}
        if "attachments" in fields:
            fields["attachments"] = fields["attachments"] or []  # a refused file has its field's error already
        try:
            data["filing"] = validate_filing(**fields)
        except ValidationError as error:
            for field, messages in error.message_dict.items():
                if field not in self.errors:
                    self.add_error(field if field in self.fields else None, messages)
        return data


class TrackForm(forms.Form):
    code = forms.CharField(label=_("Tracking code"), max_length=20,
                           help_text=_("10 letters and digits, for example ABCDE-23456"),
                           widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters",
                                                         "spellcheck": "false"}))
    pin = forms.CharField(label=_("PIN"), max_length=12, help_text=_("The 6 digits you received with the code"),
                          widget=forms.PasswordInput(attrs={"inputmode": "numeric", "autocomplete": "off"}))

    def clean_pin(self):
        pin = arabic_digits(self.cleaned_data["pin"]).strip()
        if not pin.isdigit():
            raise forms.ValidationError(_("The PIN is made of digits only."))
        return pin


class ReplyForm(forms.Form):
    message = forms.CharField(label=_("The information you were asked for"), widget=forms.Textarea(attrs={"rows": 5}),
                              max_length=10000)
    attachments = AttachmentsField()


class ReopenForm(forms.Form):
    reason = forms.CharField(label=_("Why is the problem not solved?"), widget=forms.Textarea(attrs={"rows": 4}),
                             max_length=5000)


class WithdrawForm(forms.Form):
    reason = forms.CharField(label=_("Reason (optional)"), required=False, max_length=2000,
                             widget=forms.Textarea(attrs={"rows": 3}))


class RateForm(forms.Form):
    rating = forms.TypedChoiceField(
        label=_("How well was your case handled?"), coerce=int, widget=forms.RadioSelect,
        choices=[(5, _("5 — very good")), (4, _("4 — good")), (3, _("3 — fair")), (2, _("2 — poor")),
                 (1, _("1 — very poor"))])
    comment = forms.CharField(label=_("Comment (optional)"), required=False, max_length=2000,
                              widget=forms.Textarea(attrs={"rows": 3}))
