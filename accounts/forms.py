"""allauth's form for adding an e-mail address, telling the owner's current address."""

from allauth.account.forms import AddEmailForm as AllauthAddEmailForm

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
