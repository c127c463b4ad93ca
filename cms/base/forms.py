"""A date input in the reader's calendar: day and month (Thai month names on Thai
pages) as selects, the year typed in the Buddhist Era on Thai pages and in the
Common Era on English ones. It needs no JavaScript; Thai and Arabic digits are
both accepted, and so is a B.E. year on an English page (anything past 2400)."""

import datetime as dt

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import get_language, gettext_lazy as _

from . import thai


def _thai_page():
    return (get_language() or "th").startswith("th")


class ThaiDateWidget(forms.MultiWidget):
    template_name = "base/forms/thai_date_widget.html"

    def __init__(self, attrs=None):
        year_attrs = {"inputmode": "numeric", "size": 4, "maxlength": 4, "autocomplete": "off"}
        super().__init__({"day": forms.Select(), "month": forms.Select(), "year": forms.TextInput(attrs=year_attrs)}, attrs)

    def get_context(self, name, value, attrs):
        day, month, year = self.widgets
        day.choices = [("", _("Day"))] + [(str(n), thai.localized_digits(n)) for n in range(1, 32)]
        names = thai.THAI_MONTHS if _thai_page() else thai.EN_MONTHS
        month.choices = [("", _("Month"))] + [(str(n), label) for n, label in enumerate(names, start=1)]
        day.attrs["aria-label"] = _("Day")
        month.attrs["aria-label"] = _("Month")
        year.attrs["aria-label"] = _("Year (B.E.)") if _thai_page() else _("Year")
        year.attrs["placeholder"] = _("Year (B.E.)") if _thai_page() else _("Year")
        return super().get_context(name, value, attrs)

    def decompress(self, value):
        if not value:
            return [None, None, None]
        year = value.year + thai.BE_OFFSET if _thai_page() else value.year
        return [str(value.day), str(value.month), thai.localized_digits(year)]


class ThaiDateField(forms.MultiValueField):
    widget = ThaiDateWidget
    default_error_messages = {"invalid": _("Choose the day and month and type the year, e.g. 2564.")}

    def __init__(self, **kwargs):
        fields = (forms.CharField(), forms.CharField(), forms.CharField())
        super().__init__(fields, require_all_fields=False, **kwargs)

    def compress(self, data_list):
        if not data_list or not any(data_list):
            return None
        try:
            day, month, year = (int(thai.arabic_digits(part).strip()) for part in data_list)
        except (TypeError, ValueError):
            raise ValidationError(self.error_messages["invalid"], code="invalid") from None
        if year > 2400:
            year -= thai.BE_OFFSET
        try:
            return dt.date(year, month, day)
        except ValueError:
            raise ValidationError(self.error_messages["invalid"], code="invalid") from None
