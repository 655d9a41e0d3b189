import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.text import no_markup

from .models import Petition

DOMAIN = re.compile(r"^(?=.{1,253}$)([a-z0-9-]{1,63}\.)+[a-z]{2,63}$")


def plain(max_length: int, label, **kwargs) -> forms.CharField:
    return forms.CharField(label=label, max_length=max_length, validators=[no_markup], **kwargs)


class PetitionForm(forms.Form):
    title = plain(150, _("Title"))
    body = forms.CharField(
        label=_("Text"),
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_("Markdown: *emphasis*, lists with '-', links. HTML is removed."),
    )
    employer = plain(200, _("Employer addressed"))
    decision_maker = plain(200, _("Decision maker addressed"), help_text=_("e.g. the CEO"))
    demands = plain(3_000, _("Demands"), widget=forms.Textarea(attrs={"rows": 5}))
    goal = forms.IntegerField(label=_("Goal (signatures)"), min_value=1, max_value=10_000_000)
    closes_on = forms.DateField(
        label=_("Closing date"), widget=forms.DateInput(attrs={"type": "date"})
    )
    group_name = plain(
        120,
        _("Name of the organising group"),
        help_text=_("Shown instead of your account, which is never shown."),
    )
    visibility = forms.ChoiceField(
        label=_("Who can find it"),
        choices=Petition.Visibility.choices,
        widget=forms.RadioSelect,
        initial=Petition.Visibility.UNLISTED,
    )
    eligibility = forms.ChoiceField(
        label=_("Who can sign"),
        choices=Petition.Eligibility.choices,
        widget=forms.RadioSelect,
        initial=Petition.Eligibility.CODES,
    )
    allowed_domains = forms.CharField(
        label=_("Allowed e-mail domains"),
        max_length=500,
        required=False,
        help_text=_("Comma-separated, e.g. example.com, example.ie. Only for domain mode."),
    )

    # Each message says what to do, not only that something is missing.
    REQUIRED = {
        "title": _("Give the petition a title."),
        "body": _("Write the text of the petition."),
        "employer": _("Name the employer the petition is addressed to."),
        "decision_maker": _("Name who decides, such as the chief executive."),
        "demands": _("Say what you ask for."),
        "goal": _("Give a number of signatures to aim for, such as 100."),
        "closes_on": _("Give the day the petition closes."),
        "group_name": _("Give your group's name: it is shown instead of your account."),
        "visibility": _("Choose who can find the petition."),
        "eligibility": _("Choose who can sign it."),
    }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for name, message in self.REQUIRED.items():
            self.fields[name].error_messages["required"] = message
        self.fields["goal"].error_messages["invalid"] = _("Give a whole number, such as 100.")
        self.fields["closes_on"].error_messages["invalid"] = _(
            "Give a date, such as 2027-03-31, or pick one."
        )

    def clean_closes_on(self):
        closes_on = self.cleaned_data["closes_on"]
        if closes_on < timezone.localdate():
            raise ValidationError(_("The closing date cannot be in the past."))
        return closes_on

    def clean_allowed_domains(self) -> str:
        domains = [d.strip().lower() for d in self.cleaned_data["allowed_domains"].split(",")]
        domains = [d for d in domains if d]
        bad = [d for d in domains if not DOMAIN.match(d)]
        if bad:
            raise ValidationError(_("Not a domain: %(bad)s") % {"bad": ", ".join(bad)})
        return ", ".join(domains)

    def clean(self):
        cleaned = super().clean()
        # The title goes into e-mail subjects, where a line break is refused.
        if len(cleaned.get("title", "").splitlines()) > 1:
            self.add_error("title", _("Keep the title on one line."))
        if cleaned.get("eligibility") == Petition.Eligibility.DOMAIN and not cleaned.get(
            "allowed_domains"
        ):
            self.add_error("allowed_domains", _("Domain mode needs at least one domain."))
        return cleaned


class InviteForm(forms.Form):
    email = forms.EmailField(label=_("Co-organiser's e-mail address"), max_length=254)


class CodesForm(forms.Form):
    count = forms.IntegerField(label=_("How many codes?"), min_value=1, max_value=2_000)


class PublicNameForm(forms.Form):
    """What a signer may show publicly: asked where they press Confirm, never in a mail."""

    # The labels say where these go: nowhere on this site, only into the delivery document.
    show_name = forms.BooleanField(
        label=_("Print my name in the petition handed to the employer"), required=False
    )
    public_name = plain(
        80,
        _("Name to print"),
        required=False,
        help_text=_("Printed as you type it. Leave the box above unticked to stay unnamed."),
    )
    comment = plain(
        500,
        _("Comment (optional, printed in the petition handed to the employer)"),
        required=False,
    )

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("show_name"):
            cleaned["public_name"] = ""
        elif not cleaned.get("public_name"):
            self.add_error("public_name", _("Give the name to print, or untick the box."))
        return cleaned


class ConfirmForm(PublicNameForm):
    pass


class SignForm(PublicNameForm):
    # Each message says what to do, not only what is wrong.
    email = forms.EmailField(
        label=_("Your e-mail address"),
        max_length=254,
        required=False,
        error_messages={
            "required": _("Give your e-mail address: the link to confirm is sent there."),
            "invalid": _("Give a whole e-mail address, such as name@example.org."),
        },
    )
    code = forms.CharField(
        label=_("Your signing code"),
        max_length=40,
        required=False,
        error_messages={"required": _("Type the code printed on your slip.")},
    )
    consent = forms.BooleanField(
        label=_("I support this petition and want my signature counted."),
        error_messages={"required": _("Tick this box to sign: it says that you support it.")},
    )
    # A field people never see: bots that fill every field are refused.
    website = forms.CharField(
        required=False,
        label=_("Leave this empty"),
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    def __init__(self, *args, petition: Petition, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.petition = petition
        uses_codes = petition.eligibility == Petition.Eligibility.CODES
        self.fields["email" if uses_codes else "code"].widget = forms.HiddenInput()
        self.fields["code" if uses_codes else "email"].required = True
        if petition.eligibility == Petition.Eligibility.EMAIL:
            self.fields["email"].help_text = _(
                "Use a personal address, not your work one: your employer can read work e-mail "
                "and would see our message arrive. The address is not kept."
            )
        if not uses_codes:
            # By e-mail, the name and comment are asked on the confirm page: the link in the
            # mail then carries nothing the signer typed.
            for name in ("show_name", "public_name", "comment"):
                del self.fields[name]

    def clean_website(self) -> str:
        if self.cleaned_data["website"]:
            raise ValidationError(_("This field must be left empty."))
        return ""

    def clean(self):
        cleaned = super().clean() if "show_name" in self.fields else forms.Form.clean(self)
        # A quoted mailbox name may hold another @ ("a@b"@example.org): valid, but no one-address
        # one-signature check can tell where it is delivered.
        if (cleaned.get("email") or "").count("@") > 1:
            self.add_error("email", _("Use a plain address, such as name@example.org."))
        return cleaned


class ReceiptForm(forms.Form):
    receipt = forms.CharField(
        label=_("Your receipt code"),
        max_length=60,
        error_messages={"required": _("Type the receipt code you were shown when you signed.")},
    )
