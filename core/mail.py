"""E-mail as a triplet of templates: <name>_subject.txt, <name>.txt and <name>.html.

Scheduled mail (reminders, retention notices, a petition's goal and closing) goes out after
the work that decided it has committed, never while a transaction holds row locks, and at
most once however often its task runs: see ``send_once``.
"""

import logging
from collections.abc import Callable

from django.core.mail import EmailMultiAlternatives, get_connection
from django.core.mail.backends.console import EmailBackend as ConsoleBackend
from django.db import transaction
from django.template.loader import render_to_string

logger = logging.getLogger(__name__)


def templated_mail(*, template: str, context: dict, to: list[str]) -> EmailMultiAlternatives:
    # One line: a line break from a user's text (a petition title saved before titles were
    # checked) would make the mail refused as header injection.
    subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
    text = render_to_string(f"{template}.txt", context)
    html = render_to_string(f"{template}.html", context)
    message = EmailMultiAlternatives(subject=subject, body=text, to=to)
    message.attach_alternative(html, "text/html")
    return message


def send_templated_mail(*, template: str, context: dict, to: list[str]) -> None:
    templated_mail(template=template, context=context, to=to).send()


def send_once(*, claim: Callable[[], bool], template: str, context: dict, to: list[str]) -> bool:
    """Send a mail that must go at most once; True if this call sent it.

    Call it outside a transaction (or through ``send_once_on_commit``). The message is rendered
    and the mail server reached first; only then does ``claim`` run: a conditional update that
    commits at once and says whether this call is the one to send. A server that cannot be
    reached leaves the claim for the next run. Once claimed, a failure while sending is not
    given back: the server may have taken the message, and a retry must not send it twice.
    """
    message = templated_mail(template=template, context=context, to=to)
    connection = get_connection()
    try:
        connection.open()
    except Exception as error:  # any failure to connect: nothing claimed, the next run sends
        logger.warning("mail server unreachable, left for the next run: %s", type(error).__name__)
        return False
    try:
        if not claim():
            return False
        message.connection = connection
        message.send()
    finally:
        connection.close()
    return True


def send_once_on_commit(
    *, claim: Callable[[], bool], template: str, context: dict, to: list[str]
) -> None:
    """``send_once`` when the current transaction commits (at once outside one)."""
    transaction.on_commit(lambda: send_once(claim=claim, template=template, context=context, to=to))


DEVELOPMENT_BANNER = (
    "Development only: the console e-mail backend prints whole messages, signing links "
    "included. Never use it in production (manage.py check --deploy refuses it)."
)


class DevelopmentConsoleBackend(ConsoleBackend):
    """The embedded default's mail: each message printed under a banner saying what it is."""

    def write_message(self, message) -> None:
        self.stream.write(DEVELOPMENT_BANNER + "\n")
        super().write_message(message)
