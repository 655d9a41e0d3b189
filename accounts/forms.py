"""allauth's forms for adding an e-mail address (telling the owner's current address) and for
signing up (as slow for a taken address as for a new one)."""

from allauth.account.forms import AddEmailForm as AllauthAddEmailForm
from allauth.account.forms import SignupForm as AllauthSignupForm
from django.contrib.auth.hashers import make_password

from .security import notify_owner


class AddEmailForm(AllauthAddEmailForm):
    def save(self, request):
        # Sent before the new address is confirmed: a thief adding their own address to take
        # the account over is seen at once.
        email_address = super().save(request)
        notify_owner(
            request=request,
            user=self.user,
            change="email_added",
            context={"added_email": email_address.email},
        )
        return email_address


class SignupForm(AllauthSignupForm):
    def try_save(self, request):
        # For an address that already has an account allauth creates nothing and mails its owner
        # instead, with the same answer (ACCOUNT_PREVENT_ENUMERATION). A new account hashes its
        # password, about 0.4 s: without the same work here the quick answer would tell.
        if self.account_already_exists:
            make_password(self.cleaned_data.get("password1") or "")
        return super().try_save(request)
