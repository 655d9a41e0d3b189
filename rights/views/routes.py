"""Thin views for the rights finder and the routes' letters. Nothing typed is stored or logged."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from core.downloads import attachment
from core.views import too_many_requests

from ..route_forms import FinderForm, RouteLetterForm
from ..route_letters import KINDS, LetterKind
from ..routes import ROUTES
from ..services import routes as route_services
from .drafting import too_many_letter_pdfs


@require_GET
def finder(request: HttpRequest) -> HttpResponse:
    """One GET form: with its answers in the query, the same page lists the routes."""
    form = FinderForm(request.GET if "workplace" in request.GET else None)
    context: dict = {"form": form}
    if form.is_bound and form.is_valid():
        finding, buttons = route_services.find_routes(
            today=timezone.localdate(), **form.cleaned_data
        )
        context.update(finding=finding, buttons=buttons)
    status = 400 if form.is_bound and form.errors else 200
    return render(request, "rights/routes/finder.html", context, status=status)


def _kind(kind: str) -> LetterKind:
    if kind not in KINDS:
        raise Http404
    return KINDS[kind]


def _route_of(kind: LetterKind):
    return next(route for route in ROUTES if route.letter_kind == kind.id)


def _form_page(request, kind: LetterKind, form: RouteLetterForm, status: int = 200):
    context = {
        "form": form,
        "kind": kind,
        "route": _route_of(kind),
        "today": timezone.localdate(),
    }
    return render(request, "rights/routes/letter_form.html", context, status=status)


@require_GET
def route_letter(request: HttpRequest, kind: str) -> HttpResponse:
    letter_kind = _kind(kind)
    initial = {"country": request.GET.get("country", "")[:2]}
    return _form_page(request, letter_kind, RouteLetterForm(kind=letter_kind, initial=initial))


def _valid_letter(request: HttpRequest, kind: str):
    letter_kind = _kind(kind)
    form = RouteLetterForm(request.POST, kind=letter_kind)
    if not form.is_valid():
        return None, _form_page(request, letter_kind, form, status=400)
    return route_services.compose_route_letter(kind=kind, data=form.cleaned_data), form


@require_POST
@never_cache
def route_preview(request: HttpRequest, kind: str) -> HttpResponse:
    rendered, form = _valid_letter(request, kind)
    if rendered is None:
        return form
    context = {
        "form": form,
        "rendered": rendered,
        "route": _route_of(rendered.letter.kind),
        "petition": route_services.petition_prefill(rendered=rendered)
        if rendered.letter.kind.needs_group
        else None,
    }
    return render(request, "rights/routes/preview.html", context)


@require_POST
@never_cache
def route_edit(request: HttpRequest, kind: str) -> HttpResponse:
    """Back from the preview to the form, filled in, without showing errors."""
    letter_kind = _kind(kind)
    initial = {name: request.POST.get(name, "") for name in RouteLetterForm.base_fields}
    return _form_page(request, letter_kind, RouteLetterForm(kind=letter_kind, initial=initial))


@require_POST
@never_cache
def route_pdf(request: HttpRequest, kind: str) -> HttpResponse:
    rendered, form = _valid_letter(request, kind)
    if rendered is None:
        return form
    if too_many_letter_pdfs(request):
        return too_many_requests(request, retry_after=60)
    return attachment(
        route_services.route_letter_pdf(rendered=rendered),
        filename=route_services.route_letter_filename(rendered=rendered, extension="pdf"),
        content_type="application/pdf",
    )


@require_POST
@never_cache
def route_text(request: HttpRequest, kind: str) -> HttpResponse:
    rendered, form = _valid_letter(request, kind)
    if rendered is None:
        return form
    text = f"{rendered.letter.subject}\n\n{rendered.email_text}"
    return attachment(
        text,
        filename=route_services.route_letter_filename(rendered=rendered, extension="txt"),
        content_type="text/plain; charset=utf-8",
    )
