"""Saved requests made through the pages, and events logged on their timelines."""

from django.urls import reverse

from rights.models import SavedRequest

MONITORING = ["keystrokes", "mouse", "screen", "activity", "inferences", "ai_training"]


def save_request(client, answers) -> SavedRequest:
    response = client.post(reverse("rights:save"), answers)
    assert response.status_code == 302, response.content.decode()
    return SavedRequest.objects.get(pk=response.url.rstrip("/").rsplit("/", 1)[-1])


def log_event(client, saved, **fields):
    return client.post(reverse("rights:add_event", kwargs={"request_id": saved.pk}), fields)
