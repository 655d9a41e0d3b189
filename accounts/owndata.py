"""Own-data rights: every account can download all its data and delete it, at once and for real
(DESIGN.md invariant 5). Standing honours the rights it helps people claim."""

from __future__ import annotations

import datetime
import io
import json
import zipfile

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.usersessions.adapter import get_adapter as get_usersessions_adapter
from allauth.usersessions.models import UserSession
from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction

from core.sessions import end_sessions_naming
from petitions.models import Petition
from petitions.services import hand_over_petitions
from rights.models import RouteRequest, SavedRequest
from rights.services.exports import original_letter_pdf, timeline_pdf


def export_zip(*, user: AbstractBaseUser, today: datetime.date) -> bytes:
    """A zip of my-data.json, each saved request's letter and timeline PDFs and every file."""
    buffer = io.BytesIO()
    requests = list(SavedRequest.objects.filter(owner=user).prefetch_related("events__files"))
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "my-data.json",
            json.dumps(
                export_data(user=user, requests=requests), indent=2, ensure_ascii=False, default=str
            ),
        )
        for saved in requests:
            if not saved.readable:  # no key opens it: my-data.json says so, no PDF can be made
                continue
            folder = f"requests/{saved.pk}"
            letter = original_letter_pdf(saved=saved)
            if letter is not None:
                archive.writestr(f"{folder}/request-letter.pdf", letter)
            archive.writestr(f"{folder}/timeline.pdf", timeline_pdf(saved=saved, today=today))
            for event in saved.events.all():
                for upload in event.files.all():
                    archive.writestr(f"{folder}/files/{upload.pk}", upload.content)
    return buffer.getvalue()


def export_data(*, user: AbstractBaseUser, requests: list[SavedRequest]) -> dict:
    return {
        "account": {
            "email_addresses": list(
                EmailAddress.objects.filter(user=user).values("email", "verified", "primary")
            ),
            "joined": user.date_joined,
            "last_login": user.last_login,
            "two_factor_methods": sorted(
                Authenticator.objects.filter(user=user).values_list("type", flat=True)
            ),
            "sessions": list(
                UserSession.objects.filter(user=user).values("created_at", "last_seen_at")
            ),
        },
        "saved_requests": [_request_data(saved) for saved in requests],
        "saved_letters_and_reminders": [
            {
                "id": str(kept.pk),
                "kind": kept.kind,
                "answers": kept.answers,
                "saved_on": kept.created_on,
                "due_on": kept.due_on,
                "remind_on": kept.remind_on,
                "reminded_on": kept.reminded_on,
                "answered_on": kept.answered_on,
            }
            for kept in RouteRequest.objects.filter(owner_id=user.pk)
        ],
        "petitions_organised": list(
            Petition.objects.filter(organiser=user).values(
                "slug",
                "title",
                "employer",
                "decision_maker",
                "demands",
                "body",
                "goal",
                "closes_on",
                "group_name",
                "visibility",
                "eligibility",
                "status",
                "opened_on",
                "closed_on",
                "counted",
            )
        ),
    }


def _request_data(saved: SavedRequest) -> dict:
    return {
        "id": str(saved.pk),
        "saved_on": saved.created_on,
        "law": saved.regime_id,
        "answers": saved.answers,
        "answers_version": saved.answers_version,
        "notes": saved.notes,
        "status": saved.status,
        "outcome": saved.outcome,
        "due_on": saved.due_on,
        "computed_due_on": saved.computed_due_on,
        "due_on_override": saved.due_on_override,
        "closed_on": saved.closed_on,
        "timeline": [
            {
                "kind": event.kind,
                "on": event.on,
                "received_on": event.received_on,
                "channel": event.channel,
                "followup_kind": event.followup_kind,
                "details": event.details,
                "answered_items": event.answered_items,
                "files": [
                    {"id": f.pk, "name": f.name, "type": f.content_type, "size": f.size}
                    for f in event.files.all()
                ],
            }
            for event in saved.events.all()
        ],
    }


@transaction.atomic
def delete_account(*, user: AbstractBaseUser) -> None:
    """Delete the account and everything hanging off it (requests, files, reminders,
    sessions, e-mail addresses, authenticators) by cascade, in one transaction. Every session
    is ended first, so no signed-in browser outlives the account. The petitions the person
    organises stay, without an organiser: their signers lose nothing."""
    get_usersessions_adapter().end_sessions(list(UserSession.objects.filter(user=user)))
    end_sessions_naming(user_id=user.pk, email=user.email)
    hand_over_petitions(organiser=user)
    user.delete()
