from django.contrib import admin
from django.urls import include, path

from accounts.views import admin_login
from core import views as core_views
from petitions import views as petition_views
from rights.views import drafting as rights_drafting_views
from rights.views import routes as rights_route_views

# The admin signs in through allauth's login, with its rate limits and second factor.
admin.site.login = admin_login

urlpatterns = [
    path("", rights_drafting_views.home, name="home"),
    path("about/", core_views.about, name="about"),
    path("privacy/", core_views.privacy, name="privacy"),
    # The rights finder: every route open to a monitored worker.
    path("rights/", rights_route_views.finder, name="finder"),
    path("requests/", include("rights.urls")),
    path("petitions/", include("petitions.urls")),
    # The short, typeable address printed on code slips.
    path("s/<str:address>/", petition_views.petition_short_address, name="short_address"),
    # The account page and ending one session, next to allauth's own pages.
    path("accounts/", include("accounts.urls")),
    path("accounts/", include("allauth.urls")),
    path("admin/", admin.site.urls),
]

handler400 = "core.views.bad_request"
handler404 = "core.views.not_found"
