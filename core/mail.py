"""E-mail as a triplet of templates: <name>_subject.txt, <name>.txt and <name>.html."""

from django.core.mail import EmailMultiAlternatives
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
