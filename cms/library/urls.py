from django.urls import path

from . import views

app_name = "library"
urlpatterns = [
    path("", views.academic_list, name="academic_list"),
    path("documents/", views.document_list, name="document_list"),
    path("documents/<int:page_id>/file/", views.document_file, name="document_file"),
    path("archive/", views.archive, name="archive"),
    path("archive/<int:pk>/", views.archive_record, name="archive_record"),
]
