"""The HR group's spreadsheet import in the Wagtail admin: upload, preview with
row-by-row errors, confirm. The checked rows wait in the session between the
preview and the confirmation, and are checked again before anything is written."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import importer

SESSION_KEY = "directory_import_rows"
PERMISSIONS = ("directory.add_staffmember", "directory.change_staffmember", "directory.add_office")


class ImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Spreadsheet (CSV or Excel .xlsx)"),
        help_text=gettext_lazy(
            "First row: the column names หน่วยงาน, ชื่อ-สกุล, ตำแหน่ง, โทรศัพท์, ต่อ, อีเมล, การเผยแพร่ "
            "(or office, name, position, phone, extension, email, visibility)."
        ),
    )


def can_import(user) -> bool:
    return user.has_perms(PERMISSIONS)


def import_view(request):
    if not can_import(request.user):
        raise PermissionDenied
    context = {
        "form": ImportForm(), "preview": None, "page_title": _("Import phone book"), "header_icon": "upload",
        "header_title": _("Import phone book"),
    }
    if request.method == "POST" and request.POST.get("action") == "confirm":
        return _confirm(request)
    if request.method == "POST":
        form = ImportForm(request.POST, request.FILES)
        context["form"] = form
        if form.is_valid():
            try:
                rows = importer.read(form.cleaned_data["file"])
            except importer.ImportFileError as error:
                form.add_error("file", str(error))
            else:
                preview = importer.check(rows)
                context["preview"] = preview
                if preview.ok:
                    request.session[SESSION_KEY] = rows
                else:
                    request.session.pop(SESSION_KEY, None)
    return TemplateResponse(request, "directory/admin/import.html", context)


def _confirm(request):
    rows = request.session.pop(SESSION_KEY, None)
    if not rows:
        messages.error(request, _("Nothing to import: upload the file again."))
        return redirect("directory_import")
    try:
        outcome = importer.apply(rows)
    except ValueError:
        messages.error(request, _("The rows have changed and now have errors; nothing was imported. Upload the file again."))
        return redirect("directory_import")
    messages.success(
        request,
        _("Imported: %(created)d people added, %(updated)d updated, %(offices)d new offices.")
        % {"created": outcome.created, "updated": outcome.updated, "offices": outcome.offices_created},
    )
    return redirect(reverse("wagtailsnippets_directory_staffmember:list"))
