"""Mounted under the language prefix: /th/bills/, /th/sittings/, /th/committees/, /th/senators/, /th/votes/."""

from django.urls import include, path

from . import views

app_name = "legislation"
urlpatterns = [
    path("bills/", views.bill_list, name="bill_list"),
    path("bills/<int:pk>/", views.bill_detail, name="bill_detail"),
    path("committees/", views.committee_list, name="committee_list"),
    path("committees/bills/", views.committee_bill_list, name="committee_bill_list"),
    path("committees/<int:pk>/", views.committee_detail, name="committee_detail"),
    path("sittings/", views.sitting_list, name="sitting_list"),
    path("sittings/upcoming.ics", views.sittings_calendar, name="sitting_calendar"),
    path("sittings/<int:pk>/", views.sitting_detail, name="sitting_detail"),
    path("votes/<int:pk>/", views.vote_detail, name="vote_detail"),
    path("senators/", views.senator_list, name="senator_list"),
    path("senators/<int:pk>/", views.senator_detail, name="senator_detail"),
    # The live sitting (cms.live): /th/live/ and /th/live/<id>/, as legislation:live.
    path("", include("cms.live.page_urls")),
]
