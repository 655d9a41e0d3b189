"""What keeps a stolen session from becoming a takeover: the owner hears of each sensitive
change at the address they already have, and turning on two-factor signs every other session
out. The password or second factor asked again before such changes is allauth's reauthentication
(ACCOUNT_REAUTHENTICATION_REQUIRED in settings, the decorator on the own-data views)."""

from typing import Any

from allauth.account.adapter import get_adapter as get_account_adapter
from allauth.usersessions.adapter import get_adapter as get_usersessions_adapter
from allauth.usersessions.models import UserSession
from django.contrib.auth.models import AbstractBaseUser
from django.http import HttpRequest


def notify_owner(
    *, request: HttpRequest, user: AbstractBaseUser, change: str, context: dict[str, Any] | None
) -> None:
    """Mail the account's primary address the templates account/email/<change>_*.txt."""
    get_account_adapter(request).send_notification_mail(f"account/email/{change}", user, context)


def end_other_sessions(*, user: AbstractBaseUser) -> int:
    """Sign out every session of `user` but the one making this request; how many ended."""
    others = [
        session
        for session in UserSession.objects.filter(user_id=user.pk)
        if not session.is_current()
    ]
    get_usersessions_adapter().end_sessions(others)
    return len(others)
