from django.contrib import admin
from django.urls import include, path

from rights import views as rights_views

urlpatterns = [
    path("", rights_views.home, name="home"),
    path("requests/", include("rights.urls")),
    path("admin/", admin.site.urls),
]

handler400 = "core.views.bad_request"
