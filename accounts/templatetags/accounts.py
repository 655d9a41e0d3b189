from django import template

from accounts.privacy import describe_client

register = template.Library()


@register.filter
def client(stored: str) -> str:
    """A session's stored browser family, in words: "Firefox on Linux"."""
    return describe_client(stored)
