from django.urls import path

from . import views

app_name = "petitions"

urlpatterns = [
    path("", views.petition_list, name="list"),
    path("new/", views.petition_new, name="new"),
    path("<str:slug>/", views.petition_detail, name="detail"),
    path("<str:slug>/sign/", views.petition_sign, name="sign"),
    path("<str:slug>/confirm/<str:token>/", views.petition_confirm, name="confirm"),
    path("<str:slug>/receipt/", views.petition_receipt, name="receipt"),
    path("<str:slug>/verify/", views.petition_verify, name="verify"),
    path("<str:slug>/verify.json", views.petition_verify_json, name="verify_json"),
    path("<str:slug>/manage/", views.petition_manage, name="manage"),
    path("<str:slug>/edit/", views.petition_edit, name="edit"),
    path("<str:slug>/close/", views.petition_close, name="close"),
    path("<str:slug>/codes/", views.petition_codes, name="codes"),
    path("<str:slug>/delivery/", views.petition_delivery_start, name="delivery"),
    path("<str:slug>/delivery.pdf", views.petition_delivery_download, name="delivery_pdf"),
]
