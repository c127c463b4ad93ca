from django import template
from django.urls import reverse
from django.utils.translation import gettext as _

from cms.legislation.models import Bill, BillKind, Committee

from ..topics import bill_key, committee_key, kind_key

register = template.Library()


@register.inclusion_tag("follows/_follow_form.html", takes_context=True)
def follow_box(context, obj):
    """The follow-by-e-mail form of a bill (the bill, or every bill of its kind) or a committee."""
    if isinstance(obj, Bill):
        choices = [(bill_key(obj.pk), _("This bill")),
                   (kind_key(obj.kind), _("Every bill of the kind “%(kind)s”") % {"kind": BillKind(obj.kind).label})]
        atom_url = reverse("follows:bill_atom", args=[obj.pk])
    elif isinstance(obj, Committee):
        choices = [(committee_key(obj.pk), _("This committee and the bills before it"))]
        atom_url = reverse("follows:committee_atom", args=[obj.pk])
    else:
        raise template.TemplateSyntaxError("follow_box takes a bill or a committee")
    return {"choices": choices, "atom_url": atom_url, "LANGUAGE_CODE": context.get("LANGUAGE_CODE"),
            "csrf_token": context.get("csrf_token"), "box_id": choices[0][0].replace(":", "-")}
