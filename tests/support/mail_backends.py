"""Mail backends for tests of scheduled mail: a server that fails in the ways real ones do,
and one that notes whether a transaction was open while it was sent to."""

import smtplib

from django.core.mail.backends import locmem
from django.db import connection

HERE = "tests.support.mail_backends."
transactions_open_while_sending: list[bool] = []


class AcceptedThenDropped(locmem.EmailBackend):
    """The server takes the message, then the connection drops: the sender sees a failure."""

    def send_messages(self, messages):
        super().send_messages(messages)
        raise smtplib.SMTPServerDisconnected("connection lost after the message was taken")


class Unreachable(locmem.EmailBackend):
    def open(self):
        raise ConnectionRefusedError("no mail server")


class Watching(locmem.EmailBackend):
    def send_messages(self, messages):
        transactions_open_while_sending.append(connection.in_atomic_block)
        return super().send_messages(messages)
