from django.db import models
from django.utils.translation import gettext_lazy as _

VERIFIED_CHOICES = [
    ("primary", _("Seen on the official page or in the law")),
    ("secondary", _("Seen in a secondary source")),
    ("unverified", _("Not verified")),
]


class Authority(models.Model):
    """A supervisory authority a worker can complain to."""

    slug = models.SlugField(_("identifier"), unique=True)
    name = models.CharField(_("name"), max_length=200)
    country_code = models.CharField(_("country"), max_length=2)
    region = models.CharField(_("region"), max_length=100, blank=True)
    regimes = models.JSONField(_("regimes handled"), default=list)
    website = models.URLField(_("website"), blank=True)
    complaint_url = models.URLField(_("complaint page"), max_length=500, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    postal_address = models.TextField(_("postal address"), blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    verified = models.CharField(_("verified"), max_length=10, choices=VERIFIED_CHOICES)

    class Meta:
        ordering = ["country_code", "region", "name"]
        verbose_name = _("supervisory authority")
        verbose_name_plural = _("supervisory authorities")

    def __str__(self) -> str:
        return self.name


class Employer(models.Model):
    """An employer in the directory, with the contact a request goes to."""

    slug = models.SlugField(_("identifier"), unique=True)
    legal_name = models.CharField(_("legal entity"), max_length=200)
    display_name = models.CharField(_("name shown to workers"), max_length=200)
    country_code = models.CharField(_("country"), max_length=2)
    us_state = models.CharField(_("US state"), max_length=2, blank=True)
    privacy_email = models.EmailField(_("privacy or DPO e-mail"), blank=True)
    postal_address = models.TextField(_("postal address"), blank=True)
    web_form_url = models.URLField(_("privacy web form"), max_length=500, blank=True)
    lead_authority = models.ForeignKey(
        Authority,
        verbose_name=_("lead supervisory authority"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="employers",
    )
    notes = models.TextField(_("notes"), blank=True)
    verified = models.CharField(_("verified"), max_length=10, choices=VERIFIED_CHOICES)

    class Meta:
        ordering = ["display_name"]
        verbose_name = _("employer")
        verbose_name_plural = _("employers")

    def __str__(self) -> str:
        return self.display_name
