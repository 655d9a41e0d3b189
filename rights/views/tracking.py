"""Thin views for saved requests. Every one is for the signed-in owner only: another user's
request, file or letter is a 404, never a 403 that would confirm it exists."""

from __future__ import annotations

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core.downloads import attachment

from .. import timeline
from ..forms import RequestForm, answers_from_post
from ..models import ResponseFile, SavedRequest, TimelineEvent
from ..services import escalation, exports, reference, route_tracking, tracking
from ..services import followups as services_followups
from ..tracking_forms import ALLOWED_UPLOADS, DueDateForm, EventForm, NotesForm


def owner_only(view=None, *, unreadable_ok: bool = False):
    """Log in first; then load the user's own request by its id, or 404.

    A request no configured key opens gets a page saying so, except where it needs no reading
    (deleting it).
    """
    if view is None:
        return lambda view: owner_only(view, unreadable_ok=unreadable_ok)

    @login_required
    @never_cache
    @wraps(view)
    def wrapper(request: HttpRequest, request_id, *args, **kwargs):
        try:
            saved = tracking.owned_request(owner=request.user, request_id=request_id)
        except SavedRequest.DoesNotExist:
            raise Http404 from None
        if not saved.readable and not unreadable_ok:
            return render(request, "rights/unreadable.html", {"saved": saved}, status=409)
        return view(request, saved, *args, **kwargs)

    return wrapper


@login_required
@never_cache
@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    board = tracking.dashboard(owner=request.user, today=timezone.localdate())
    route_requests = route_tracking.owned_route_requests(owner=request.user)
    context = {"board": board, "route_requests": route_requests}
    return render(request, "rights/dashboard.html", context)


@login_required
@never_cache
@require_POST
def save(request: HttpRequest) -> HttpResponse:
    """Save the letter shown on the preview (its answers are posted again as hidden fields)."""
    form = RequestForm(request.POST, employer_choices=reference.employer_choices())
    if not form.is_valid():
        return render(request, "rights/request_form.html", {"form": form}, status=400)
    saved = tracking.save_request(
        owner=request.user,
        answers=answers_from_post(request.POST),
        regime_id=form.cleaned_data["regime"],
    )
    messages.success(request, _("Saved. Mark it as sent once you have sent it."))
    return redirect("rights:saved", request_id=saved.pk)


def _detail_context(saved: SavedRequest, **forms) -> dict:
    today = timezone.localdate()
    saved = tracking.with_timeline(saved=saved)
    asked = tracking.asked_items(saved=saved)
    schedule = tracking.schedule_of(saved=saved, today=today)
    return {
        "saved": saved,
        "label": tracking.request_label(saved=saved),
        "schedule": schedule,
        "due_by_right": tracking.due_dates_by_right(saved=saved, schedule=schedule, today=today),
        "events": saved.events.all(),
        "kinds": TimelineEvent.Kind,
        "event_forms": _event_forms(saved, asked, failed=forms.get("event_form")),
        "due_form": forms.get("due_form")
        or DueDateForm(initial={"due_on_override": saved.due_on_override}),
        "notes_form": forms.get("notes_form") or NotesForm(initial={"notes": saved.notes}),
        "asked_items": asked,
        "overdue": tracking.is_overdue(saved=saved, today=today),
        "missing": tracking.missing_items(saved=saved),
        "today": today,
        "followups": escalation.available_followups(saved=saved, today=today),
    }


def _event_forms(saved: SavedRequest, asked, *, failed: EventForm | None) -> list[tuple]:
    """One small form per event that may come next, the failed one with its errors."""
    failed_kind = failed.data.get("kind") if failed is not None else None
    kinds = tracking.next_kinds(saved=saved)
    if failed_kind and failed_kind in TimelineEvent.Kind.values and failed_kind not in kinds:
        kinds = [failed_kind, *kinds]  # show why it was refused, next to its date
    forms = []
    for kind in kinds:
        if kind == failed_kind:
            form = failed
        else:
            form = EventForm(initial={"kind": kind}, asked_items=asked, auto_id=f"id_{kind}_%s")
        forms.append((kind, TimelineEvent.Kind(kind).label, form))
    return forms


@owner_only
@require_GET
def detail(request: HttpRequest, saved: SavedRequest) -> HttpResponse:
    return render(request, "rights/saved_detail.html", _detail_context(saved))


@owner_only
@require_POST
def add_event(request: HttpRequest, saved: SavedRequest) -> HttpResponse:
    kind = request.POST.get("kind", "")
    form = EventForm(
        request.POST,
        request.FILES,
        asked_items=tracking.asked_items(saved=saved),
        auto_id=f"id_{kind}_%s" if kind in TimelineEvent.Kind.values else "id_%s",
    )
    if form.is_valid():
        data = form.cleaned_data
        try:
            tracking.add_event(
                saved=saved,
                kind=data["kind"],
                on=data["on"],
                today=timezone.localdate(),
                received_on=data["received_on"],
                channel=data["channel"],
                details=data["details"],
                answered_items=data["answered_items"],
                outcome=data["outcome"],
                followup_kind=data["followup_kind"],
                files=[data["file"]] if data["file"] else [],
            )
        except timeline.TimelineError as exc:
            form.add_error("on", str(exc))
        else:
            messages.success(request, _("Added to the timeline."))
            return redirect("rights:saved", request_id=saved.pk)
    context = _detail_context(saved, event_form=form)
    return render(request, "rights/saved_detail.html", context, status=400)


@owner_only
@require_POST
def set_due_date(request: HttpRequest, saved: SavedRequest) -> HttpResponse:
    form = DueDateForm(request.POST)
    if not form.is_valid():
        return render(
            request, "rights/saved_detail.html", _detail_context(saved, due_form=form), status=400
        )
    tracking.set_due_override(
        saved=saved, override=form.cleaned_data["due_on_override"], today=timezone.localdate()
    )
    messages.success(request, _("Due date updated."))
    return redirect("rights:saved", request_id=saved.pk)


@owner_only
@require_POST
def save_notes(request: HttpRequest, saved: SavedRequest) -> HttpResponse:
    form = NotesForm(request.POST)
    if not form.is_valid():
        return render(
            request, "rights/saved_detail.html", _detail_context(saved, notes_form=form), status=400
        )
    tracking.save_notes(saved=saved, notes=form.cleaned_data["notes"])
    messages.success(request, _("Notes saved."))
    return redirect("rights:saved", request_id=saved.pk)


@owner_only
@require_POST
def reopen(request: HttpRequest, saved: SavedRequest) -> HttpResponse:
    tracking.reopen_request(saved=saved, today=timezone.localdate())
    messages.success(request, _("Reopened: the deadline and reminders are back."))
    return redirect("rights:saved", request_id=saved.pk)


@owner_only(unreadable_ok=True)
@require_http_methods(["GET", "POST"])
def delete(request: HttpRequest, saved: SavedRequest) -> HttpResponse:
    # Deleting cannot be undone: only the confirmation page's own button deletes.
    if request.method == "GET" or request.POST.get("confirm") != "yes":
        # A request no key opens has no label to show, and no case file to offer.
        label = tracking.request_label(saved=saved) if saved.readable else ""
        context = {"saved": saved, "label": label}
        return render(request, "rights/delete_confirm.html", context)
    tracking.delete_request(saved=saved)
    messages.success(request, _("The request and its files are deleted."))
    return redirect("rights:mine")


@owner_only
@require_GET
def letter_pdf(request: HttpRequest, saved: SavedRequest) -> HttpResponse:
    pdf = exports.original_letter_pdf(saved=saved)
    if pdf is None:
        raise Http404
    return attachment(pdf, content_type="application/pdf", filename=f"request-{saved.pk}.pdf")


@owner_only
@require_GET
def calendar(request: HttpRequest, saved: SavedRequest) -> HttpResponse:
    if saved.due_on is None:
        raise Http404
    link = request.build_absolute_uri(reverse("rights:saved", kwargs={"request_id": saved.pk}))
    ics = exports.calendar_entry(saved=saved, link=link)
    return attachment(ics, content_type="text/calendar; charset=utf-8", filename="due-date.ics")


@owner_only
@require_GET
def timeline_pdf(request: HttpRequest, saved: SavedRequest) -> HttpResponse:
    pdf = exports.timeline_pdf(saved=saved, today=timezone.localdate())
    return attachment(pdf, content_type="application/pdf", filename="timeline.pdf")


@owner_only
@require_GET
def response_file(request: HttpRequest, saved: SavedRequest, file_id: int) -> HttpResponse:
    try:
        upload = tracking.owned_file(owner=request.user, file_id=file_id)
    except ResponseFile.DoesNotExist:
        raise Http404 from None
    if upload.event.request_id != saved.pk:
        raise Http404
    extension = ALLOWED_UPLOADS.get(upload.content_type, ("",))[0]
    return attachment(
        upload.content,
        content_type=upload.content_type,
        filename=f"response-{upload.pk}{extension}",
    )


def _followup_or_404(saved: SavedRequest, kind: str, *, sworn: bool = False):
    try:
        return escalation.followup_letter(
            saved=saved, kind=kind, today=timezone.localdate(), sworn=sworn
        )
    except (escalation.FollowUpNotAvailable, tracking.StoredAnswersInvalid):
        raise Http404 from None


@owner_only
@require_GET
def followup(request: HttpRequest, saved: SavedRequest, kind: str) -> HttpResponse:
    letter = _followup_or_404(saved, kind, sworn=request.GET.get("sworn") == "1")
    context = {
        "saved": saved,
        "label": tracking.request_label(saved=saved),
        "followup": letter,
        "sworn_offered": kind == "complaint" and escalation.sworn_complaint_offered(saved=saved),
        "log_form": _log_followup_form(saved, letter),
    }
    return render(request, "rights/followup.html", context)


def _log_followup_form(saved: SavedRequest, letter) -> EventForm | None:
    """The one-click "I sent this" form, while the timeline still takes a follow-up."""
    if TimelineEvent.Kind.FOLLOWED_UP not in tracking.next_kinds(saved=saved):
        return None
    channel = TimelineEvent.Channel.EMAIL if letter.addressee_email else TimelineEvent.Channel.POST
    initial = {
        "kind": TimelineEvent.Kind.FOLLOWED_UP,
        "followup_kind": letter.kind.value,
        "on": timezone.localdate(),
        "channel": channel,
    }
    return EventForm(initial=initial, auto_id="id_log_%s")


@owner_only
@require_GET
def followup_pdf(request: HttpRequest, saved: SavedRequest, kind: str) -> HttpResponse:
    letter = _followup_or_404(saved, kind, sworn=request.GET.get("sworn") == "1")
    return attachment(
        services_followups.followup_pdf(letter=letter),
        content_type="application/pdf",
        filename=services_followups.followup_filename(letter=letter),
    )


@owner_only
@require_GET
def case_file(request: HttpRequest, saved: SavedRequest) -> HttpResponse:
    today = timezone.localdate()
    letters = {
        kind.value.replace("_", "-"): services_followups.followup_pdf(
            letter=escalation.followup_letter(saved=saved, kind=kind, today=today)
        )
        for kind in escalation.available_followups(saved=saved, today=today)
    }
    archive = exports.case_file(saved=saved, today=today, followups=letters)
    return attachment(archive, content_type="application/zip", filename="case-file.zip")
