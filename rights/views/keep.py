"""Keeping a letter drafted without an account.

The answers ride along as hidden fields through the sign-up or sign-in form, exactly as the
preview posts them to the PDF, and are saved only in the request that creates the account or
proves the password (or, with a second factor, once that is given too): nothing about the
requester is stored before the account exists
(docs/architecture.md, invariant 3). These are allauth's own views, with its rate limits,
checks and e-mails; only what happens once the account is known is added here.
"""

from __future__ import annotations

from allauth.account.views import LoginView, SignupView
from allauth.core.exceptions import ImmediateHttpResponse
from allauth.mfa.utils import is_mfa_enabled
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic.edit import FormView

from ..forms import RequestForm, answers_from_post
from ..services import reference, tracking

PENDING_LETTER = "rights_letter_after_second_factor"


class _CarriesAnswers(FormView):
    template_name = "rights/keep.html"
    mode = ""

    def get(self, request, *args, **kwargs) -> HttpResponse:
        # Answers only ever arrive posted from the preview.
        return redirect("rights:new")

    def post(self, request, *args, **kwargs) -> HttpResponse:
        self.answers = RequestForm(request.POST, employer_choices=reference.employer_choices())
        if not self.answers.is_valid():
            return redirect("rights:new")
        if request.POST.get("start"):
            # Straight from the preview: the empty form, no errors yet.
            kwargs = self.get_form_kwargs()
            unbound = {k: v for k, v in kwargs.items() if k not in ("data", "files")}
            form = self.get_form_class()(**unbound)
            return self.render_to_response(self.get_context_data(form=form))
        return super().post(request, *args, **kwargs)

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        context.update(answers=self.answers, mode=self.mode)
        return context

    def keep(self, user) -> None:
        self.saved = tracking.save_request(
            owner=user,
            answers=answers_from_post(self.request.POST),
            regime_id=self.answers.cleaned_data["regime"],
        )
        messages.success(self.request, _("Your letter is saved in My requests."))


class KeepBySignup(_CarriesAnswers, SignupView):
    mode = "signup"

    def form_valid(self, form) -> HttpResponse:
        response = super().form_valid(form)
        # allauth leaves no user when the address already has an account: it mails the owner
        # and answers as for a new one. Nothing is saved then, so the answer tells nobody.
        if self.user is not None:
            self.keep(self.user)
        return response


class KeepBySignin(_CarriesAnswers, LoginView):
    mode = "signin"

    def form_valid(self, form) -> HttpResponse:
        if is_mfa_enabled(form.user):
            # The password alone does not sign this person in: the letter waits in the
            # session (encrypted, core/sessions.py) and is kept once the second factor is given.
            self.request.session[PENDING_LETTER] = {
                "owner": form.user.pk,
                "answers": answers_from_post(self.request.POST),
                "regime_id": self.answers.cleaned_data["regime"],
            }
            redirect_url = reverse("rights:mine")
        else:
            self.keep(form.user)
            redirect_url = reverse("rights:saved", args=[self.saved.pk])
        try:
            return form.login(self.request, redirect_url=redirect_url)
        except ImmediateHttpResponse as stage:
            return stage.response


def keep_letter_after_sign_in(*, request, user, **_kwargs) -> None:
    """allauth's user_logged_in: keep a letter that waited for the second factor, and only in
    the account whose password was given."""
    pending = request.session.pop(PENDING_LETTER, None) if request is not None else None
    if not pending or pending.get("owner") != user.pk:
        return
    tracking.save_request(owner=user, answers=pending["answers"], regime_id=pending["regime_id"])
    messages.success(request, _("Your letter is saved in My requests."))


keep_by_signup = KeepBySignup.as_view()
keep_by_signin = KeepBySignin.as_view()
