"""Thin views for own-data rights: download everything, delete everything."""

from allauth.account.decorators import reauthentication_required
from django import forms
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from core.downloads import attachment
from petitions.models import Petition

from . import owndata
from .security import notify_owner


class DeleteAccountForm(forms.Form):
    confirm = forms.BooleanField(
        label=gettext_lazy("I understand: everything is deleted now and cannot be brought back."),
        error_messages={"required": gettext_lazy("Tick the box to confirm.")},
    )


@login_required
@never_cache
@require_GET
def my_data(request: HttpRequest) -> HttpResponse:
    return render(request, "account/my_data.html")


# Downloading everything and deleting everything ask for the password (or second factor) again
# when the last one is not recent, so a stolen session cannot take either quietly.
@login_required
@reauthentication_required
@never_cache
@require_GET
def download(request: HttpRequest) -> HttpResponse:
    archive = owndata.export_zip(user=request.user, today=timezone.localdate())
    notify_owner(request=request, user=request.user, change="data_downloaded", context=None)
    return attachment(archive, filename="my-standing-data.zip", content_type="application/zip")


@login_required
@reauthentication_required
@never_cache
@require_http_methods(["GET", "POST"])
def delete_account(request: HttpRequest) -> HttpResponse:
    form = DeleteAccountForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        user = request.user
        # While the address still exists to be mailed.
        notify_owner(request=request, user=user, change="account_deleted", context=None)
        logout(request)
        owndata.delete_account(user=user)
        messages.success(request, _("Your account and everything in it are deleted."))
        return redirect("home")
    petitions = Petition.objects.filter(organiser=request.user).only("title")
    status = 400 if form.is_bound else 200
    return render(
        request, "account/delete.html", {"form": form, "petitions": petitions}, status=status
    )
