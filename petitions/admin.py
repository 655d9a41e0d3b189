from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from core.text import render_markdown

from . import services
from .models import Petition


@admin.register(Petition)
class PetitionAdmin(admin.ModelAdmin):
    list_display = ["title", "group_name", "status", "visibility", "eligibility", "closes_on"]
    list_filter = ["status", "visibility", "eligibility"]
    search_fields = ["title", "group_name"]
    # The organiser's account is never shown to the public; staff see only what moderation needs.
    exclude = ["organiser"]
    readonly_fields = ["status", "opened_on", "closed_on", "counted", "counted_at"]
    actions = ["approve"]

    def save_model(self, request, obj, form, change) -> None:
        # The stored HTML follows the text, whoever edits it.
        obj.body_html = render_markdown(obj.body)
        super().save_model(request, obj, form, change)

    @admin.action(description=_("Approve the selected petitions"))
    def approve(self, request, queryset) -> None:
        for petition in queryset:
            services.approve_petition(petition=petition)
