from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from core.text import render_markdown

from . import services
from .models import Petition

# What staff may edit, and only until someone signs: the signers agreed to this text.
CONTENT_FIELDS = [
    "title",
    "body",
    "employer",
    "decision_maker",
    "demands",
    "goal",
    "closes_on",
    "group_name",
    "visibility",
    "eligibility",
    "allowed_domains",
]
# Written by the services and the batch tasks alone.
KEPT_BY_THE_SERVICES = [
    "status",
    "opened_on",
    "closed_on",
    "counted",
    "counted_at",
    "goal_announced",
    "hashes_purged",
    "batches_flushed",
    "published_batch",
    "final_batch_size",
    "listing_digest",
    "listing_count",
    "listing_batch",
]


@admin.register(Petition)
class PetitionAdmin(admin.ModelAdmin):
    list_display = ["title", "group_name", "status", "visibility", "eligibility", "closes_on"]
    list_filter = ["status", "visibility", "eligibility"]
    search_fields = ["title", "group_name"]
    # The organiser's account is never shown to the public; staff see only what moderation needs.
    exclude = ["organiser"]
    actions = ["approve"]

    def get_readonly_fields(self, request, obj=None) -> list[str]:
        if obj is not None and services.has_signatures(petition=obj):
            return CONTENT_FIELDS + KEPT_BY_THE_SERVICES
        return KEPT_BY_THE_SERVICES

    def change_view(self, request, object_id, form_url="", extra_context=None):
        petition = self.get_object(request, object_id)
        if petition is not None and services.has_signatures(petition=petition):
            messages.info(request, _("Someone has signed this petition: its text is locked."))
        return super().change_view(request, object_id, form_url, extra_context)

    def save_model(self, request, obj, form, change) -> None:
        # The stored HTML follows the text, whoever edits it.
        obj.body_html = render_markdown(obj.body)
        super().save_model(request, obj, form, change)

    @admin.action(description=_("Approve the selected petitions"))
    def approve(self, request, queryset) -> None:
        for petition in queryset:
            services.approve_petition(petition=petition)
