"""Forms: in the admin, provisions are referred to as "constitution-2560 107" lines, which
stays fast and clear where a multiple select of thousands of provisions would not; on a
section's page, the date of the wording to show."""

from __future__ import annotations

import re

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from cms.base.forms import ThaiDateField

from .text import to_arabic

_REF = re.compile(r"^\s*([a-z0-9-]+)\s*[:/ ]\s*(?:s|มาตรา|ข้อ)?\s*([0-9๐-๙]+(?:/[0-9๐-๙]+)?)\s*$")


def parse_refs(text: str):
    """'constitution-2560 107' lines -> [(slug, number)]; raises ValidationError listing bad lines."""
    refs, bad = [], []
    for line_no, line in enumerate((text or "").splitlines(), start=1):
        if not line.strip():
            continue
        match = _REF.match(line)
        if match:
            refs.append((match.group(1), to_arabic(match.group(2))))
        else:
            bad.append(str(line_no))
    if bad:
        raise forms.ValidationError(_("Lines %(lines)s are not of the form “constitution-2560 107”.") % {"lines": ", ".join(bad)})
    return refs


class ProvisionRefsForm(WagtailAdminModelForm):
    provision_refs = forms.CharField(
        label=_("Provisions"), required=False, widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("One provision per line: the instrument's identifier and the section number, e.g. constitution-2560 107."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            rows = self.instance.provisions.select_related("instrument").order_by("instrument__sequence", "order")
            self.initial["provision_refs"] = "\n".join(f"{p.instrument.slug} {p.number}" for p in rows)

    def clean_provision_refs(self):
        from .models import Provision

        refs = parse_refs(self.cleaned_data.get("provision_refs", ""))
        found = {}
        slugs = {slug for slug, _number in refs}
        for provision in Provision.objects.filter(instrument__slug__in=slugs).select_related("instrument"):
            found[(provision.instrument.slug, provision.number)] = provision
        missing = [f"{slug} {number}" for slug, number in refs if (slug, number) not in found]
        if missing:
            raise forms.ValidationError(_("No such provision: %(refs)s.") % {"refs": ", ".join(missing)})
        return [found[ref] for ref in refs]

    def save(self, commit=True):
        instance = super().save(commit=commit)
        provisions = self.cleaned_data.get("provision_refs", [])
        if commit:
            instance.provisions.set(provisions)
        else:
            self._pending_provisions = provisions
            original = self.save_m2m

            def save_m2m():
                original()
                instance.provisions.set(provisions)

            self.save_m2m = save_m2m
        return instance


class AsOfForm(forms.Form):
    """The date whose wording a reader asks for, in the reader's calendar."""

    on = ThaiDateField(label=_("Text in force on"), required=False)
