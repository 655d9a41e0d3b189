"""Thin views for drafting a request. Nothing the requester types is stored or logged."""

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from core import ratelimit
from core.downloads import attachment
from core.views import too_many_requests

from ..followups import FollowUpKind
from ..forms import RequestForm
from ..services import drafting, exports, reference, unsaved_followups
from ..services.authorities import preview_authorities


def _form(data=None, initial=None) -> RequestForm:
    return RequestForm(
        data,
        initial=initial,
        employer_choices=reference.employer_choices(),
        employer_caveats=reference.employer_caveats(),
    )


def too_many_letter_pdfs(request: HttpRequest) -> bool:
    """Each PDF costs about a tenth of a second of CPU, and needs no account: a script could keep
    a worker busy. Counted per client under a keyed hash, in the cache only, as petitions are."""
    client = ratelimit.client_hash(ratelimit.client_address(request))
    return not all(
        ratelimit.allow(scope=f"letter-pdf:{rate}", client_hash=client, rate=rate)
        for rate in settings.RIGHTS_LETTER_PDF_RATES
    )


def _invalid(request: HttpRequest, form: RequestForm) -> HttpResponse:
    return render(request, "rights/request_form.html", {"form": form}, status=400)


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "home.html")


@require_GET
def request_form(request: HttpRequest) -> HttpResponse:
    initial = {"workplace": request.GET.get("workplace", "")}
    return render(request, "rights/request_form.html", {"form": _form(initial=initial)})


@require_POST
@never_cache
def request_edit(request: HttpRequest) -> HttpResponse:
    """Back from the preview to the form, filled in, without showing errors yet."""
    form = _form(initial=RequestForm.initial_from(request.POST))
    return render(request, "rights/request_form.html", {"form": form})


@require_POST
@never_cache
def request_preview(request: HttpRequest) -> HttpResponse:
    form = _form(data=request.POST)
    if not form.is_valid():
        return _invalid(request, form)
    rendered = drafting.compose_from_cleaned(form.cleaned_data)
    authorities = preview_authorities(
        workplace=form.cleaned_data["workplace"],
        residence=form.cleaned_data.get("residence"),
        regime_id=form.cleaned_data["regime"],
        employer_slug=form.cleaned_data["employer"],
    )
    context = {"form": form, "rendered": rendered, "authorities": authorities}
    return render(request, "rights/preview.html", context)


@require_POST
@never_cache
def request_pdf(request: HttpRequest) -> HttpResponse:
    form = _form(data=request.POST)
    if not form.is_valid():
        return _invalid(request, form)
    if too_many_letter_pdfs(request):
        return too_many_requests(request, retry_after=60)
    rendered = drafting.compose_from_cleaned(form.cleaned_data)
    return attachment(
        drafting.letter_pdf(rendered=rendered),
        filename=drafting.letter_filename(rendered=rendered, extension="pdf"),
        content_type="application/pdf",
    )


@require_POST
@never_cache
def request_calendar(request: HttpRequest) -> HttpResponse:
    """The due date as a calendar entry, without an account: made from the posted answers."""
    form = _form(data=request.POST)
    if not form.is_valid():
        return _invalid(request, form)
    rendered = drafting.compose_from_cleaned(form.cleaned_data)
    link = request.build_absolute_uri(reverse("rights:authorities"))
    ics = exports.unsaved_calendar_entry(due_on=rendered.letter.due_on, link=link)
    return attachment(ics, filename="due-date.ics", content_type="text/calendar; charset=utf-8")


@require_POST
@never_cache
def request_text(request: HttpRequest) -> HttpResponse:
    form = _form(data=request.POST)
    if not form.is_valid():
        return _invalid(request, form)
    rendered = drafting.compose_from_cleaned(form.cleaned_data)
    text = f"{rendered.letter.subject}\n\n{rendered.email_text}"
    return attachment(
        text,
        filename=drafting.letter_filename(rendered=rendered, extension="txt"),
        content_type="text/plain; charset=utf-8",
    )


@require_POST
@never_cache
def request_next(request: HttpRequest) -> HttpResponse:
    """What happens next, without an account: the due date and the follow-up letters."""
    form = _form(data=request.POST)
    if not form.is_valid():
        return _invalid(request, form)
    rendered = drafting.compose_from_cleaned(form.cleaned_data)
    steps = unsaved_followups.next_steps(
        cleaned=form.cleaned_data, original=rendered, today=timezone.localdate()
    )
    context = {"form": form, "rendered": rendered, "steps": steps}
    return render(request, "rights/next_steps.html", context)


@require_POST
@never_cache
def request_followup(request: HttpRequest) -> HttpResponse:
    """A reminder or complaint drafted from the answers posted again; kept nowhere."""
    form = _form(data=request.POST)
    if not form.is_valid():
        return _invalid(request, form)
    try:
        kind = FollowUpKind(request.POST.get("kind", ""))
        followup = unsaved_followups.unsaved_followup(
            cleaned=form.cleaned_data,
            original=drafting.compose_from_cleaned(form.cleaned_data),
            kind=kind,
            today=timezone.localdate(),
        )
    except ValueError:
        return request_next(request)
    return render(request, "rights/next_followup.html", {"form": form, "followup": followup})
