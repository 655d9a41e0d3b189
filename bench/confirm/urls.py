"""The app's URLs plus the bare comparison: a view that inserts one row and nothing else."""

import uuid

from django.http import HttpRequest, HttpResponse
from django.urls import path
from django.utils import timezone
from django.views.decorators.http import require_POST

from config.urls import urlpatterns as app_urlpatterns
from petitions.models import Signature


@require_POST
def bare_insert(request: HttpRequest, petition_id: int, token: str) -> HttpResponse:
    Signature.objects.create(
        petition_id=petition_id,
        receipt_hash=uuid.uuid4().hex + uuid.uuid4().hex,
        signed_on=timezone.localdate(),
    )
    return HttpResponse("inserted")


urlpatterns = [path("bench/bare/<int:petition_id>/<str:token>/", bare_insert), *app_urlpatterns]
