"""Builders for the case tests: categories, departments, officers in their
groups with their profiles, and cases filed through the service."""

import io

import factory
from django.contrib.auth import get_user_model

from cases import services
from cases.models import SLA, Category, CaseKind, Department, OfficerProfile, OfficerRole
from cases.permissions import GROUP_ROLES, grant_group_permissions
from tests.factories import locales

# A real 1×1 PNG and the start of a real PDF.
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000100e221bc330000000049454e44ae426082"
)
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def upload(name, data, content_type="application/octet-stream"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, data, content_type=content_type)


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Category

    name = factory.Sequence(lambda n: f"ความเดือดร้อน {n}")
    slug = factory.Sequence(lambda n: f"category-{n}")
    locale = factory.LazyFunction(lambda: locales()[0])


class DepartmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Department

    name = factory.Sequence(lambda n: f"สำนักกรรมาธิการ {n}")
    code = factory.Sequence(lambda n: f"dept-{n}")
    locale = factory.LazyFunction(lambda: locales()[0])


def make_officer(username, *, group="Case officers", department=None, email=None):
    groups = grant_group_permissions()
    user = get_user_model().objects.create_user(username=username, password="pw-" + username,
                                                email=email if email is not None else f"{username}@senate.example")
    user.groups.add(groups[group])
    OfficerProfile.objects.create(user=user, department=department, role=GROUP_ROLES[group])
    return get_user_model().objects.get(pk=user.pk)  # fresh permission cache


def file_case(*, category=None, pin_holder=None, **fields):
    category = category or CategoryFactory()
    values = {
        "kind": CaseKind.COMPLAINT, "category": category, "subject": "ถนนชำรุดหน้าโรงเรียน",
        "description": "ถนนเป็นหลุมลึกหลายจุด เด็กนักเรียนเดินผ่านลำบากในหน้าฝน",
        "contact_name": "สมชาย ใจดี", "contact_email": "somchai@example.org", "consent": True, "language": "th",
    }
    values.update(fields)
    case, pin = services.case_file(**values)
    if pin_holder is not None:
        pin_holder.append(pin)
    return case


def sla(category, acknowledge=3, resolve=10):
    return SLA.objects.create(category=category, acknowledge_days=acknowledge, resolve_days=resolve)


__all__ = ["CategoryFactory", "DepartmentFactory", "make_officer", "file_case", "upload", "PNG", "PDF", "io",
           "OfficerRole", "sla"]
