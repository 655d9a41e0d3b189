"""E-mail as a triplet of templates: <name>_subject.txt, <name>.txt and <name>.html."""

from django.core.mail import EmailMultiAlternatives
from django.core.mail.backends.console import EmailBackend as ConsoleBackend
from django.template.loader import render_to_string


def send_templated_mail(*, template: str, context: dict, to: list[str]) -> None:
    # One line: a line break from a user's text (a petition title saved before titles were
    # checked) would make the mail refused as header injection.
    subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
    text = render_to_string(f"{template}.txt", context)
    html = render_to_string(f"{template}.html", context)
    message = EmailMultiAlternatives(subject=subject, body=text, to=to)
    message.attach_alternative(html, "text/html")
    message.send()


DEVELOPMENT_BANNER = (
    "Development only: the console e-mail backend prints whole messages, signing links "
    "included. Never use it in production (manage.py check --deploy refuses it)."
)


class DevelopmentConsoleBackend(ConsoleBackend):
    """The embedded default's mail: each message printed under a banner saying what it is."""

    def write_message(self, message) -> None:
        self.stream.write(DEVELOPMENT_BANNER + "\n")
        super().write_message(message)
