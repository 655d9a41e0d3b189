from django.contrib import admin

from .models import Authority, Employer


@admin.register(Authority)
class AuthorityAdmin(admin.ModelAdmin):
    list_display = ["name", "country_code", "region", "verified"]
    list_filter = ["country_code", "verified"]
    search_fields = ["name", "slug", "region"]


@admin.register(Employer)
class EmployerAdmin(admin.ModelAdmin):
    list_display = ["display_name", "legal_name", "country_code", "us_state", "lead_authority"]
    list_filter = ["country_code", "verified"]
    search_fields = ["display_name", "legal_name", "slug"]
    autocomplete_fields = ["lead_authority"]
