from django.urls import path

from . import views

app_name = "petitions"

urlpatterns = [
    path("", views.petition_list, name="list"),
    path("new/", views.petition_new, name="new"),
    path("mine/", views.my_petitions, name="mine"),
    # <slug:>, not <str:>: an address with characters no slug has (a NUL byte, which PostgreSQL
    # refuses in a query) is a 404 before any database lookup.
    path("<slug:slug>/", views.petition_detail, name="detail"),
    path("<slug:slug>/sign/", views.petition_sign, name="sign"),
    path("<slug:slug>/confirm/<str:token>/", views.petition_confirm, name="confirm"),
    path("<slug:slug>/receipt/", views.petition_receipt, name="receipt"),
    path("<slug:slug>/verify/", views.petition_verify, name="verify"),
    path("<slug:slug>/verify.json", views.petition_verify_json, name="verify_json"),
    path("<slug:slug>/manage/", views.petition_manage, name="manage"),
    path("<slug:slug>/edit/", views.petition_edit, name="edit"),
    path("<slug:slug>/close/", views.petition_close, name="close"),
    path("<slug:slug>/invite/", views.petition_invite, name="invite"),
    path("<slug:slug>/join/<str:token>/", views.petition_join, name="join"),
    path("<slug:slug>/codes/", views.petition_codes, name="codes"),
    path("<slug:slug>/codes/<int:sheet_id>.pdf", views.petition_code_sheet, name="code_sheet"),
    path("<slug:slug>/delivery/", views.petition_delivery_start, name="delivery"),
    path("<slug:slug>/delivery.pdf", views.petition_delivery_download, name="delivery_pdf"),
]
