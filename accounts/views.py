"""The account page (sign-in e-mail, password, two-factor, sessions), ending one session, and
the admin's sign-in door."""

from allauth.account.adapter import get_adapter as get_account_adapter
from allauth.account.decorators import secure_admin_login
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.views import ActivateTOTPView
from allauth.usersessions.adapter import get_adapter as get_usersessions_adapter
from allauth.usersessions.models import UserSession
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .security import end_other_sessions


@login_required
def overview(request: HttpRequest) -> HttpResponse:
    user = request.user
    authenticators = {a.type: a for a in Authenticator.objects.filter(user_id=user.pk)}
    recovery = authenticators.get(Authenticator.Type.RECOVERY_CODES)
    context = {
        "emails": EmailAddress.objects.filter(user_id=user.pk).order_by("-primary", "email"),
        "has_password": user.has_usable_password(),
        "totp_active": Authenticator.Type.TOTP in authenticators,
        "security_key_count": Authenticator.objects.filter(
            user_id=user.pk, type=Authenticator.Type.WEBAUTHN
        ).count(),
        "unused_recovery_codes": len(recovery.wrap().get_unused_codes()) if recovery else None,
        "session_count": len(UserSession.objects.purge_and_list(user)),
    }
    return render(request, "account/overview.html", context)


@login_required
@require_POST
def end_session(request: HttpRequest, pk: int) -> HttpResponse:
    """Sign one of the user's sessions out; another user's session is a 404."""
    session = get_object_or_404(UserSession, pk=pk, user_id=request.user.pk)
    if session.is_current():
        get_account_adapter(request).logout(request)
        return redirect("home")
    get_usersessions_adapter().end_sessions([session])
    messages.success(request, _("That session has been signed out."))
    return redirect("usersessions_list")


@secure_admin_login
def admin_login(request: HttpRequest) -> HttpResponse:
    """Django's admin login checks a password alone, with no rate limit and no second factor.
    secure_admin_login sends anyone signed out to allauth's login (with `next`) and refuses
    signed-in non-staff, so only signed-in staff get here; a posted password is never read."""
    return redirect("admin:index")


class ActivateTOTPEndingOtherSessions(ActivateTOTPView):
    """allauth's page for turning on an authenticator app (with its reauthentication), which then
    signs out every other session: one stolen before two-factor was on ends with it."""

    def form_valid(self, form) -> HttpResponse:
        response = super().form_valid(form)
        end_other_sessions(user=self.request.user)
        return response


activate_totp = ActivateTOTPEndingOtherSessions.as_view()
