"""The authority finder: which supervisory authority to complain to. Needs no account."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from ..forms import AuthorityFinderForm
from ..services import reference
from ..services.authorities import find_authority_matches


@require_GET
def authority_finder(request: HttpRequest) -> HttpResponse:
    submitted = bool(request.GET)
    form = AuthorityFinderForm(
        request.GET if submitted else None, employer_choices=reference.employer_choices()
    )
    context = {"form": form, "matches": None}
    if not submitted:
        return render(request, "rights/authorities.html", context)
    if not form.is_valid():
        return render(request, "rights/authorities.html", context, status=400)
    place = form.cleaned_data["place"]
    context["regime"] = form.cleaned_data["regime"]
    context["workplace"] = place
    context["matches"] = find_authority_matches(
        regime_id=form.cleaned_data["regime"].id,
        country=place.country,
        us_state=place.us_state,
        employer_slug=form.cleaned_data["employer"],
    )
    return render(request, "rights/authorities.html", context)
