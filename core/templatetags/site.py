from django import template
from django.conf import settings
from django.forms import BoundField

register = template.Library()


@register.simple_tag
def contact_email() -> str:
    """The operator's contact address, or "". A tag, not a context processor: the footer also
    appears on pages rendered without a request (the cached receipt page, the 500 page)."""
    return settings.STANDING_CONTACT_EMAIL


@register.simple_tag
def site_url() -> str:
    """The start of absolute links in documents made without a request (the delivery PDF)."""
    return settings.STANDING_SITE_URL


@register.filter
def without_final_period(value: str) -> str:
    """For a name that ends a sentence: "Meta Platforms, Inc." then takes no second period."""
    return str(value).removesuffix(".")


@register.filter
def carried(field: BoundField) -> str:
    """A field's answer posted on as hidden inputs: no id and no aria attributes (Django's
    as_hidden still points them at help text that is not on the page)."""
    return field.field.hidden_widget().render(field.html_name, field.value())
