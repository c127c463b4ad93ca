from django.urls import path

from . import views

app_name = "laws"
urlpatterns = [
    path("", views.constitution_list, name="constitution_list"),
    path("regulations/", views.regulation_list, name="regulation_list"),
    path("compare/", views.compare, name="compare"),
    path("glossary/", views.glossary, name="glossary"),
    path("glossary/<slug:slug>/", views.glossary_term, name="glossary_term"),
    path("<slug:slug>/", views.instrument_detail, name="instrument"),
    path("<slug:slug>/print/", views.instrument_print, name="instrument_print"),
    path("<slug:slug>/<str:number>/", views.provision_detail, name="provision"),
    path("<slug:slug>/<str:number>/history/", views.provision_history, name="provision_history"),
]
