"""Under the language prefix: /th/follow/…"""

from django.urls import path

from . import feeds, views

app_name = "follows"

urlpatterns = [
    path("", views.follow, name="follow"),
    path("confirm/<str:token>/", views.confirm, name="confirm"),
    path("manage/<str:token>/", views.manage, name="manage"),
    path("bills/<int:pk>/atom.xml", feeds.BillFeed(), name="bill_atom"),
    path("committees/<int:pk>/atom.xml", feeds.CommitteeFeed(), name="committee_atom"),
]
