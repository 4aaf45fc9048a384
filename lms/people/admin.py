from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin

from .models import User


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    ordering = ["email"]
    list_display = ["email", "preferred_name", "certificate_name", "is_active", "is_superuser"]
    search_fields = ["email", "preferred_name", "certificate_name"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        ("Names", {"fields": ["preferred_name", "certificate_name", "phone"]}),
        (
            "Access",
            {"fields": ["is_active", "is_staff", "is_superuser", "groups", "user_permissions"]},
        ),
        ("Dates", {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (
            None,
            {
                "classes": ["wide"],
                "fields": [
                    "email",
                    "preferred_name",
                    "certificate_name",
                    "password1",
                    "password2",
                ],
            },
        )
    ]


def _superusers_only(request):
    # The Django admin is a maintenance back door; everyone else works in Wagtail's admin.
    return request.user.is_active and request.user.is_superuser


admin.site.has_permission = _superusers_only
admin.site.site_header = "Peer Training Hub maintenance"
