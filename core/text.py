"""Plain-text and Markdown handling shared by the apps. Pure: no models."""

import re

import nh3
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from markdown_it import MarkdownIt

MARKUP = re.compile(r"<\s*[/!?a-zA-Z]")


def no_markup(value: str) -> None:
    """Plain-text fields refuse HTML and scripts with a message, rather than mangle them."""
    if MARKUP.search(value):
        raise ValidationError(_("Please leave out HTML tags such as <script>: plain text only."))


# CommonMark, raw HTML off: markdown-it's parser stays linear on hostile input (10,000 "["
# took 13 s of CPU in the parser this replaced), and anything HTML-like is shown as text.
_MARKDOWN = MarkdownIt("commonmark", {"html": False})


def render_markdown(text: str) -> str:
    """Markdown to HTML, then sanitised: no scripts, styles, event handlers or iframes survive.

    Petitions store the result when they are saved, so no page view renders Markdown.
    """
    return nh3.clean(_MARKDOWN.render(text))
