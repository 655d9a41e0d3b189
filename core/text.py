"""Plain-text and Markdown handling shared by the apps. Pure: no models."""

import re

import markdown
import nh3
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

MARKUP = re.compile(r"<\s*[/!?a-zA-Z]")


def no_markup(value: str) -> None:
    """Plain-text fields refuse HTML and scripts with a message, rather than mangle them."""
    if MARKUP.search(value):
        raise ValidationError(_("Please leave out HTML tags such as <script>: plain text only."))


def render_markdown(text: str) -> str:
    """Markdown to HTML, then sanitised: no scripts, styles, event handlers or iframes survive."""
    return nh3.clean(markdown.markdown(text, extensions=["sane_lists"]))
