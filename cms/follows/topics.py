"""What can be followed, by feed key (cms.records.Feed.key): a bill, a committee, or every
bill of a kind."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from cms.legislation.models import Bill, BillKind, Committee


@dataclass(frozen=True)
class Topic:
    key: str
    label: str
    url: str


def bill_key(bill_id):
    return f"bill:{bill_id}"


def committee_key(committee_id):
    return f"committee:{committee_id}"


def kind_key(kind):
    return f"bills:kind:{kind}"


def resolve(key):
    """The :class:`Topic` of a feed key, or None when it names nothing that exists."""
    prefix, _sep, rest = key.partition(":")
    if prefix == "bill" and rest.isdecimal():
        bill = Bill.objects.filter(pk=int(rest)).first()
        return bill and Topic(key, str(bill), bill.get_absolute_url())
    if prefix == "committee" and rest.isdecimal():
        committee = Committee.objects.filter(pk=int(rest)).first()
        return committee and Topic(key, str(committee), committee.get_absolute_url())
    if prefix == "bills" and rest.startswith("kind:"):
        kind = rest.removeprefix("kind:")
        if kind in BillKind.values:
            from django.urls import reverse

            label = _("Every bill of the kind “%(kind)s”") % {"kind": BillKind(kind).label}
            return Topic(key, str(label), reverse("legislation:bill_list") + f"?kind={kind}")
    return None
