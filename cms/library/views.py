"""Public pages of the library: the academic and legal database, the document
listing, a document's file for the inline viewer, and the archive. Reads go
through selectors."""

from __future__ import annotations

from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.csp import CSP
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.csp import csp_override
from django.views.decorators.http import require_GET

from cms.base.navigation import active_locale
from cms.base.public import public

from . import selectors
from .models import ACADEMIC_TYPES, DocumentPage

# The file is shown inside the document's own page (an <iframe> of the same origin).
FILE_CSP = {"default-src": [CSP.NONE], "frame-ancestors": [CSP.SELF]}


def _listing_context(request, *, types=()):
    filters = selectors.DocumentFilters.from_query(request.GET, types=types)
    page_obj = selectors.paginate(selectors.documents(filters=filters), request.GET.get("page"))
    return {
        "filters": filters, "page_obj": page_obj, "documents": page_obj.object_list,
        "options": selectors.filter_options(types=types),
    }


@require_GET
def document_list(request):
    return render(request, "library/document_list.html", _listing_context(request))


@require_GET
def academic_list(request):
    """The academic and legal database: a search over documents, the archive, laws and
    bills with a type facet; without a query, the academic and legal documents."""
    query = request.GET.get("q", "").strip()
    context = {"query": query, "kind": request.GET.get("type", "")}
    if query:
        context["result"] = selectors.database_search(query, kind=context["kind"], page=request.GET.get("page"))
    else:
        context.update(_listing_context(request, types=ACADEMIC_TYPES))
    return render(request, "library/academic_list.html", context)


@require_GET
@xframe_options_sameorigin
@csp_override(FILE_CSP)
def document_file(request, page_id):
    """The document's file, inline, for the viewer on its page (same origin only)."""
    page = get_object_or_404(public(DocumentPage.objects.live()), pk=page_id)
    if not page.file_id:
        raise Http404
    document = page.file
    response = FileResponse(document.file.open("rb"), content_type=document.content_type, filename=document.filename)
    response["Content-Disposition"] = f"inline; filename*=UTF-8''{_quote(document.filename)}"
    return response


def _quote(name: str) -> str:
    from urllib.parse import quote

    return quote(name)


@require_GET
def archive(request):
    filters = selectors.ArchiveFilters.from_query(request.GET)
    page_obj = selectors.paginate(selectors.archive_records(filters=filters), request.GET.get("page"), per_page=30)
    return render(request, "library/archive.html", {
        "filters": filters, "page_obj": page_obj, "records": page_obj.object_list, "options": selectors.archive_options(),
    })


@require_GET
def archive_record(request, pk):
    record = selectors.archive_record(pk=pk)
    locale = active_locale()
    if record.locale_id != locale.pk:
        translated = record.get_translation_or_none(locale)
        if translated is not None and translated.published:
            return redirect(translated.get_absolute_url())
    bills = list(record.linked_bills())
    return render(request, "library/archive_record.html", {
        "record": record, "bills": bills, "bills_from_wevis": any(bill.is_wevis for bill in bills),
    })
