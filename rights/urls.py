from django.urls import path

from . import views
from .views import authorities as authority_views

app_name = "rights"

urlpatterns = [
    path("new/", views.request_form, name="new"),
    path("edit/", views.request_edit, name="edit"),
    path("preview/", views.request_preview, name="preview"),
    path("letter.pdf", views.request_pdf, name="pdf"),
    path("letter.txt", views.request_text, name="text"),
    path("authorities/", authority_views.authority_finder, name="authorities"),
]
