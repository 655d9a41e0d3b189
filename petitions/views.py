"""Thin views for petitions. No view logs or stores a signer's address or client details."""

import functools
from typing import TypeVar
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.html import escape
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core import ratelimit
from core.downloads import attachment

from . import services, tasks
from .forms import CodesForm, ConfirmForm, InviteForm, PetitionForm, ReceiptForm, SignForm
from .models import Petition

PUBLIC = [Petition.Status.LIVE, Petition.Status.CLOSED]
VERIFY_PAGE_SIZE = 1000


def _public_petition(slug: str) -> Petition:
    return get_object_or_404(Petition, slug=slug, status__in=PUBLIC)


def _own_petition(request: HttpRequest, slug: str) -> Petition:
    """A petition the signed-in person organises or co-organises, or a 404."""
    return get_object_or_404(services.managed_by(user=request.user).distinct(), slug=slug)


_Response = TypeVar("_Response", HttpResponse, StreamingHttpResponse)


def _cacheable(response: _Response) -> _Response:
    patch_cache_control(response, public=True, max_age=settings.PETITIONS_COUNT_INTERVAL_SECONDS)
    return response


def _refused(
    request: HttpRequest, error: Exception | str, petition=None, status=400
) -> HttpResponse:
    # "Already signed" after a withdrawal surprises people: the page then says why.
    already_signed = isinstance(error, services.AlreadySigned)
    context = {"reason": str(error), "petition": petition, "already_signed": already_signed}
    return render(request, "petitions/refused.html", context, status=status)


def _batching() -> dict:
    return {
        "batch_min": services.pool.batch_min(),
        "batch_max_hours": settings.PETITIONS_BATCH_MAX_HOURS,
    }


def _rate_limited(request: HttpRequest, scope: str, rate: str) -> bool:
    client = ratelimit.client_hash(ratelimit.client_address(request))
    return not ratelimit.allow(scope=scope, client_hash=client, rate=rate)


def _organiser_rate_limited(request: HttpRequest, scope: str) -> bool:
    """Mail and heavy tasks an organiser can start: counted per account, not per address."""
    account = ratelimit.client_hash(f"account:{request.user.pk}")
    return not ratelimit.allow(
        scope=scope, client_hash=account, rate=settings.PETITIONS_ORGANISER_RATE
    )


@require_GET
def petition_list(request: HttpRequest) -> HttpResponse:
    petitions = Petition.objects.filter(
        visibility=Petition.Visibility.LISTED, status=Petition.Status.LIVE
    )
    return _cacheable(render(request, "petitions/list.html", {"petitions": petitions}))


@require_GET
def petition_detail(request: HttpRequest, slug: str) -> HttpResponse:
    petition = services.refresh_if_stale(petition=_public_petition(slug))
    context = {"petition": petition, "count": services.display_count(petition)}
    return _cacheable(render(request, "petitions/detail.html", context))


@login_required
@never_cache
@require_GET
def petition_preview(request: HttpRequest, slug: str) -> HttpResponse:
    """The public page as it will look, for its organiser only, while no one else can see it."""
    petition = _own_petition(request, slug)
    if petition.status in PUBLIC:
        return redirect("petitions:detail", slug=slug)
    context = {"petition": petition, "count": services.display_count(petition), "preview": True}
    return render(request, "petitions/detail.html", context)


@login_required
@never_cache
def my_petitions(request: HttpRequest) -> HttpResponse:
    """Every petition the organiser started, to get back to its management page."""
    petitions = services.petitions_of(organiser=request.user)
    rows = [{"petition": p, "count": services.display_count(p)} for p in petitions]
    return render(request, "petitions/mine.html", {"rows": rows})


PREFILLABLE = ("title", "body", "employer", "decision_maker", "demands")


@login_required
@require_http_methods(["GET", "POST"])
def petition_new(request: HttpRequest) -> HttpResponse:
    # A letter elsewhere on the site opens this form filled in. It posts its text with "prefill",
    # so the text never sits in an address (access logs, history) and nothing is saved yet.
    prefilling = "prefill" in request.POST
    initial = {name: request.POST[name] for name in PREFILLABLE if name in request.POST}
    data = None if prefilling else (request.POST or None)
    form = PetitionForm(data, initial=initial if prefilling else {})
    if request.method == "POST" and form.is_valid():
        petition = services.create_petition(
            organiser=request.user, data=services.PetitionInput(**form.cleaned_data)
        )
        return redirect("petitions:manage", slug=petition.slug)
    return render(request, "petitions/form.html", {"form": form}, status=_status(form))


def _status(form) -> int:
    return 400 if form.is_bound and form.errors else 200


@login_required
@require_http_methods(["GET", "POST"])
def petition_edit(request: HttpRequest, slug: str) -> HttpResponse:
    petition = _own_petition(request, slug)
    initial = {name: getattr(petition, name) for name in PetitionForm.base_fields}
    form = PetitionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_petition(
                petition=petition, data=services.PetitionInput(**form.cleaned_data)
            )
        except services.PetitionLocked:
            return _refused(request, _("Once someone has signed, a petition can only be closed."))
        return redirect("petitions:manage", slug=petition.slug)
    context = {"form": form, "petition": petition}
    return render(request, "petitions/form.html", context, status=_status(form))


@login_required
@never_cache
def petition_manage(request: HttpRequest, slug: str) -> HttpResponse:
    petition = services.refresh_if_stale(petition=_own_petition(request, slug))
    sheets = list(petition.code_sheets.only("pk", "count", "state"))
    context = {
        "petition": petition,
        "count": services.display_count(petition),
        "has_signatures": services.has_signatures(petition=petition),
        "delivery": services.delivery_status(petition=petition),
        "short_address": services.short_address(petition=petition),
        "codes_form": CodesForm(),
        "invite_form": InviteForm(),
        "code_sheets": sheets,
        "sheet_in_progress": any(sheet.state in {"queued", "running"} for sheet in sheets),
        **_batching(),
    }
    return render(request, "petitions/manage.html", context)


@login_required
@require_POST
def petition_close(request: HttpRequest, slug: str) -> HttpResponse:
    services.close_petition(petition=_own_petition(request, slug))
    return redirect("petitions:manage", slug=slug)


@login_required
@require_POST
@never_cache
def petition_codes(request: HttpRequest, slug: str) -> HttpResponse:
    petition = _own_petition(request, slug)
    if _organiser_rate_limited(request, "code-sheet"):
        return _refused(request, _("Too many at once. Please wait and try later."), petition, 429)
    form = CodesForm(request.POST)
    if petition.eligibility != Petition.Eligibility.CODES or not form.is_valid():
        return _refused(request, _("Give a number of codes from 1 to 2,000."), petition)
    try:
        services.queue_code_sheet(
            petition=petition,
            count=form.cleaned_data["count"],
            enqueue=tasks.build_code_sheet.delay,
        )
    except services.PetitionNotOpen as error:
        return _refused(request, error, petition)
    return redirect("petitions:manage", slug=slug)


@login_required
@require_POST
def petition_invite(request: HttpRequest, slug: str) -> HttpResponse:
    petition = _own_petition(request, slug)
    if _organiser_rate_limited(request, "invite"):
        return _refused(request, _("Too many at once. Please wait and try later."), petition, 429)
    form = InviteForm(request.POST)
    if not form.is_valid():
        return _refused(request, _("Give the e-mail address to invite."), petition)
    services.invite_co_organiser(
        petition=petition,
        email=form.cleaned_data["email"],
        site_url=request.build_absolute_uri("/")[:-1],
    )
    messages.success(request, _("Invitation sent. It works for seven days."))
    return redirect("petitions:manage", slug=slug)


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def petition_join(request: HttpRequest, slug: str, token: str) -> HttpResponse:
    try:
        if request.method == "GET":
            petition = services.read_invitation(slug=slug, token=token, user=request.user)
            return render(request, "petitions/join.html", {"petition": petition})
        services.accept_invitation(slug=slug, token=token, user=request.user)
    except services.InvitationInvalid:
        # Said without naming the petition: the link may be a guess.
        reason = _(
            "This invitation is not valid: it may have expired, or it was sent to an address "
            "this account has not verified. Ask the organiser for a new one."
        )
        return _refused(request, reason)
    return redirect("petitions:manage", slug=slug)


@login_required
@never_cache
def petition_code_sheet(request: HttpRequest, slug: str, sheet_id: int) -> HttpResponse:
    pdf = services.take_code_sheet(petition=_own_petition(request, slug), sheet_id=sheet_id)
    if pdf is None:
        raise Http404
    return attachment(pdf, filename=f"signing-codes-{slug}.pdf", content_type="application/pdf")


@login_required
@require_POST
def petition_delivery_start(request: HttpRequest, slug: str) -> HttpResponse:
    petition = _own_petition(request, slug)
    services.queue_delivery(petition=petition, enqueue=tasks.build_delivery.delay)
    return redirect("petitions:manage", slug=slug)


@login_required
@never_cache
def petition_delivery_download(request: HttpRequest, slug: str) -> HttpResponse:
    petition = _own_petition(request, slug)
    pdf = services.delivery_pdf(petition=petition)
    if pdf is None:
        raise Http404
    return attachment(pdf, filename=f"petition-{petition.slug}.pdf", content_type="application/pdf")


@never_cache
@require_http_methods(["GET", "POST"])
def petition_sign(request: HttpRequest, slug: str) -> HttpResponse:
    petition = _public_petition(slug)
    # The QR code on a printed slip links here with the code filled in.
    initial = {"code": request.GET.get("code", "")[:40]}
    if not petition.takes_signatures:
        return _refused(request, services.PetitionNotOpen(), petition)
    form = SignForm(request.POST or None, petition=petition, initial=initial)
    if request.method == "GET" or not form.is_valid():
        context = {"petition": petition, "form": form}
        return render(request, "petitions/sign.html", context, status=_status(form))
    if _rate_limited(request, "sign", settings.PETITIONS_SIGN_RATE):
        return _refused(request, _("Too many attempts. Please wait and try later."), petition, 429)
    data = form.cleaned_data
    try:
        if petition.eligibility == Petition.Eligibility.CODES:
            receipt = services.sign_with_code(
                petition=petition,
                code=data["code"],
                public_name=data["public_name"],
                comment=data["comment"],
            )
            return _receipt_page(request, petition.slug, receipt)
        services.request_email_signature(
            petition=petition, email=data["email"], site_url=request.build_absolute_uri("/")[:-1]
        )
    except services.SigningError as error:
        return _refused(request, error, petition)
    return render(request, "petitions/check_email.html", {"petition": petition})


def _receipt_page(request: HttpRequest, slug: str, receipt: str) -> HttpResponse:
    if _signed_in(request):
        context = {"slug": slug, "receipt": receipt, **_batching()}
        return HttpResponse(render_to_string("petitions/receipt.html", context, request))
    before, after = _anonymous_receipt_page(slug, translation.get_language())
    response = HttpResponse(before + escape(receipt) + after)
    # The page still depends on the cookie, as if the session had been read. Both callers are
    # never_cache views besides: the receipt is never stored by a cache.
    patch_vary_headers(response, ["Cookie"])
    return response


def _signed_in(request: HttpRequest) -> bool:
    # Signers have no session: without its cookie, skip loading a session and a user.
    return settings.SESSION_COOKIE_NAME in request.COOKIES and request.user.is_authenticated


_RECEIPT_SLOT = "RECEIPT-SLOT"


@functools.lru_cache(maxsize=1024)
def _anonymous_receipt_page(slug: str, language: str) -> tuple[str, str]:
    """The receipt page around its one changing part, rendered once per petition and language.

    Confirming is the hot path of a petition going viral, and rendering the page was the
    largest part of it. Only the receipt differs between anonymous signers.
    """
    context = {"slug": slug, "receipt": _RECEIPT_SLOT, **_batching()}
    html = render_to_string("petitions/receipt.html", context)
    before, _slot, after = html.partition(_RECEIPT_SLOT)
    return before, after


@never_cache
@require_http_methods(["GET", "POST"])
def petition_confirm(request: HttpRequest, slug: str, token: str) -> HttpResponse:
    # The petition is loaded only to explain a refusal: a successful POST is one statement.
    if _rate_limited(request, "confirm", settings.PETITIONS_CONFIRM_RATE):
        error = _("Too many attempts. Please wait and try later.")
        return _refused(request, error, _public_petition(slug), 429)
    try:
        shown = _shown_publicly(request)
        if isinstance(shown, ConfirmForm):
            petition = _public_petition(slug)
            services.read_confirmation(slug=slug, token=token)
            context = {"petition": petition, "form": shown}
            return render(request, "petitions/confirm.html", context, status=_status(shown))
        receipt = services.confirm_signature(slug=slug, token=token, **shown)
    except services.SigningError as error:
        return _refused(request, error, _public_petition(slug))
    return _receipt_page(request, slug, receipt)


def _shown_publicly(request: HttpRequest) -> dict | ConfirmForm:
    """What the signer chose to show (public_name, comment), or the form to show the page with.

    Most signers type nothing: their Confirm needs no form at all, on the hot path of a
    petition going viral.
    """
    if request.method == "POST" and not any(request.POST.get(f) for f in ConfirmForm.base_fields):
        return {"public_name": "", "comment": ""}
    form = ConfirmForm(request.POST if request.method == "POST" else None)
    if request.method == "GET" or not form.is_valid():
        return form
    return {
        "public_name": form.cleaned_data["public_name"],
        "comment": form.cleaned_data["comment"],
    }


@never_cache
@require_http_methods(["GET", "POST"])
def petition_receipt(request: HttpRequest, slug: str) -> HttpResponse:
    petition = _public_petition(slug)
    form = ReceiptForm(request.POST or None)
    outcome = None
    if request.method == "POST" and form.is_valid():
        receipt = form.cleaned_data["receipt"]
        action = request.POST.get("action")
        if action == "withdraw":
            outcome = (
                "withdrawn" if services.withdraw(petition=petition, receipt=receipt) else "unknown"
            )
        else:
            outcome = services.receipt_status(petition=petition, receipt=receipt)
            # Withdrawing cannot be undone, so the first press only asks to confirm.
            if action == "ask-withdraw" and outcome != "unknown":
                outcome = "confirm-withdraw"
    context = {"petition": petition, "form": form, "outcome": outcome, **_batching()}
    return render(request, "petitions/receipt_check.html", context)


@require_GET
def petition_verify(request: HttpRequest, slug: str) -> HttpResponse:
    petition = _public_petition(slug)
    summary = services.verification_summary(petition=petition)
    # A page at a time, read from the database: a large petition's full list is the JSON.
    pages = Paginator(range(summary.count), VERIFY_PAGE_SIZE)
    page = pages.get_page(request.GET.get("page"))
    hashes = services.receipt_hash_page(
        petition=petition, number=page.number, size=VERIFY_PAGE_SIZE
    )
    context = {
        "petition": petition,
        "page": page,
        "hashes": hashes if summary.count else [],
        "digest": summary.digest,
        "count": summary.count,
        "recipe": services.DIGEST_RECIPE,
        **_batching(),
    }
    return _cacheable(render(request, "petitions/verify.html", context))


@require_GET
def petition_verify_json(request: HttpRequest, slug: str) -> StreamingHttpResponse:
    petition = _public_petition(slug)
    body = services.listing_json(petition=petition)
    return _cacheable(StreamingHttpResponse(body, content_type="application/json"))


@require_GET
def petition_short_address(request: HttpRequest, address: str) -> HttpResponse:
    """The typeable address on printed slips (/s/7KQ2-M9XA): not case-sensitive, dashes
    optional; it leads to the sign page, keeping a code the QR carried."""
    slug = services.slug_at_short_address(address=address)
    if slug is None:
        raise Http404
    url = reverse("petitions:sign", args=[slug])
    code = request.GET.get("code", "")[:40]
    return redirect(f"{url}?{urlencode({'code': code})}" if code else url)
