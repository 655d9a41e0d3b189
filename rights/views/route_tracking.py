"""Route letters kept in "My requests": save, view, download, mark answered, delete; and the
e-mail reminder for a right that has not begun."""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from core.downloads import attachment
from core.fields import is_unreadable

from ..models import RouteRequest
from ..route_forms import RouteLetterForm
from ..route_letters import KINDS
from ..routes import ROUTES
from ..services import route_tracking
from ..services import routes as route_services
from .routes import _kind, _valid_letter


@login_required
@never_cache
@require_POST
def route_save(request: HttpRequest, kind: str) -> HttpResponse:
    rendered, form = _valid_letter(request, kind)
    if rendered is None:
        return form
    answers = {name: str(request.POST.get(name, "")) for name in form.fields}
    saved = route_tracking.save_route_letter(
        owner=request.user, kind=kind, answers=answers, due_on=rendered.letter.due_on
    )
    messages.success(request, _("Saved. Only you can see it, and it is stored encrypted."))
    return redirect("rights:saved_route", request_id=saved.pk)


@login_required
@never_cache
@require_POST
def route_wait(request: HttpRequest, kind: str) -> HttpResponse:
    letter_kind = _kind(kind)
    route = next(route for route in ROUTES if route.letter_kind == letter_kind.id)
    if route.starts_on is None or route.starts_on <= timezone.localdate():
        raise Http404
    route_tracking.wait_for_right(owner=request.user, route_id=route.id)
    messages.success(
        request,
        _("We will e-mail you on %(day)s, once.") % {"day": date_format(route.starts_on, "j F Y")},
    )
    return redirect("rights:route_letter", kind=kind)


def owner_only(view):
    @login_required
    @never_cache
    @wraps(view)
    def wrapper(request: HttpRequest, request_id, *args, **kwargs):
        try:
            saved = route_tracking.owned_route_request(owner=request.user, request_id=request_id)
        except RouteRequest.DoesNotExist:
            raise Http404 from None
        return view(request, saved, *args, **kwargs)

    return wrapper


def _rendered(saved: RouteRequest):
    """The kept letter, composed again from its answers; None for a reminder or no key."""
    if saved.waiting or is_unreadable(saved.answers) or saved.kind not in KINDS:
        return None
    form = RouteLetterForm(saved.answers, kind=KINDS[saved.kind])
    if not form.is_valid():
        return None
    return route_services.compose_route_letter(kind=saved.kind, data=form.cleaned_data)


@owner_only
@require_GET
def saved_route(request: HttpRequest, saved: RouteRequest) -> HttpResponse:
    context = {
        "saved": saved,
        "rendered": _rendered(saved),
        "today": timezone.localdate(),
        "deletion_day": route_tracking.deletion_day(saved=saved),
    }
    return render(request, "rights/routes/saved_detail.html", context)


@owner_only
@require_GET
def saved_route_pdf(request: HttpRequest, saved: RouteRequest) -> HttpResponse:
    rendered = _rendered(saved)
    if rendered is None:
        raise Http404
    return attachment(
        route_services.route_letter_pdf(rendered=rendered),
        filename=route_services.route_letter_filename(rendered=rendered, extension="pdf"),
        content_type="application/pdf",
    )


@owner_only
@require_POST
def saved_route_answered(request: HttpRequest, saved: RouteRequest) -> HttpResponse:
    day = route_tracking.mark_answered(saved=saved, today=timezone.localdate())
    messages.success(
        request,
        _("Marked as answered. No reminder will be sent. It will be deleted on %(day)s.")
        % {"day": date_format(day, "j F Y")},
    )
    return redirect("rights:saved_route", request_id=saved.pk)


@owner_only
@require_POST
def saved_route_delete(request: HttpRequest, saved: RouteRequest) -> HttpResponse:
    if request.POST.get("confirm") != "yes":
        messages.error(request, _("Tick the box to confirm, then press Delete."))
        return redirect("rights:saved_route", request_id=saved.pk)
    route_tracking.delete_route_request(saved=saved)
    messages.success(request, _("Deleted, for real."))
    return redirect("rights:mine")
