from django.urls import path

from accounts import owndata_views, views

app_name = "accounts"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("sessions/<int:pk>/end/", views.end_session, name="end_session"),
    path("data/", owndata_views.my_data, name="my_data"),
    path("data/standing-data.zip", owndata_views.download, name="download_data"),
    path("delete/", owndata_views.delete_account, name="delete"),
    # In front of allauth's page at the same address (mfa_activate_totp): it also ends the
    # account's other sessions.
    path("2fa/totp/activate/", views.activate_totp, name="activate_totp"),
]
