"""The one-click unsubscribe address of follow e-mails: short and outside the language
prefix, so that the List-Unsubscribe header fits on one line (RFC 8058)."""

from django.urls import path

from . import views

app_name = "follow_mail"

urlpatterns = [
    path("<str:token>/", views.unsubscribe, name="unsubscribe"),
]
