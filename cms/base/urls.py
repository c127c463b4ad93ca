from django.contrib.auth import views as auth_views
from django.urls import path
from wagtail import views as wagtail_views
from wagtail.urls import WAGTAIL_FRONTEND_LOGIN_TEMPLATE

# Wagtail's views for password-protected pages, mounted under /<lang>/_util/;
# pages themselves are routed by cms.base.views.serve (see cms.urls).
wagtail_util_urls = [
    path(
        "authenticate_with_password/<int:page_view_restriction_id>/<int:page_id>/",
        wagtail_views.authenticate_with_password,
        name="wagtailcore_authenticate_with_password",
    ),
    path(
        "login/",
        auth_views.LoginView.as_view(template_name=WAGTAIL_FRONTEND_LOGIN_TEMPLATE),
        name="wagtailcore_login",
    ),
]
