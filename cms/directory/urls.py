from django.urls import path

from . import views

app_name = "directory"
urlpatterns = [
    path("", views.staff_list, name="staff_list"),
    path("people/<int:pk>/vcard/", views.person_vcard, name="person_vcard"),
    path("offices/<int:pk>/vcard/", views.office_vcard, name="office_vcard"),
    path("travel/", views.travel_guide, name="travel_guide"),
    path("links/", views.links, name="links"),
    path("banners/<str:language>/<str:slug>.png", views.banner, name="banner"),
    path("qr.<str:fmt>", views.qr_code, name="qr"),
]
