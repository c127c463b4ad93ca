from django.urls import path

from . import views

app_name = "cases"
urlpatterns = [
    path("", views.start, name="start"),
    path("new/", views.file_case, name="file"),
    path("new/done/", views.filed, name="filed"),
    path("track/", views.track, name="track"),
    path("track/<str:code>/", views.track_case, name="track_case"),
    path("attachments/<int:pk>/", views.attachment, name="attachment"),
    path("statistics/", views.statistics, name="statistics"),
]
