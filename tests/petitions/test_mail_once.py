"""A petition's goal and closing mails go once, after their work has committed."""

import datetime
import smtplib

import pytest
import time_machine
from django.core import mail
from django.db import connection, transaction
from django.utils import timezone

from petitions import services
from petitions.models import Petition
from tests.support.mail_backends import HERE, transactions_open_while_sending

from .conftest import confirm, sign_by_email

pytestmark = pytest.mark.django_db(transaction=True)


def test_closing_retried_after_the_mail_went_out_does_not_mail_again(make_petition, settings):
    make_petition(closes_on=timezone.localdate() + datetime.timedelta(days=1))
    settings.EMAIL_BACKEND = HERE + "AcceptedThenDropped"
    later = timezone.now() + datetime.timedelta(days=2)
    with time_machine.travel(later), pytest.raises(smtplib.SMTPServerDisconnected):
        services.close_due_petitions()
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    with time_machine.travel(later):
        assert services.close_due_petitions() == 0
    assert [m.subject.split(":")[0] for m in mail.outbox] == ["Petition closed"]


def test_the_goal_mail_waits_for_the_commit_and_goes_once(
    client, make_petition, mailoutbox, settings
):
    petition = make_petition(goal=1)
    confirm(client, sign_by_email(client, petition, mailoutbox, email="g@ex.org"))
    settings.EMAIL_BACKEND = HERE + "Watching"
    transactions_open_while_sending.clear()
    with transaction.atomic():
        services.refresh_count(petition=Petition.objects.get(pk=petition.pk))
        assert not [m for m in mail.outbox if m.subject.startswith("Goal reached")]
    services.refresh_count(petition=Petition.objects.get(pk=petition.pk))
    goal = [m for m in mail.outbox if m.subject.startswith("Goal reached")]
    assert len(goal) == 1 and transactions_open_while_sending == [False]
    assert not connection.in_atomic_block
