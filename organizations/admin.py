"""Django admin for superusers; changes that have a service go through it."""

from django.contrib import admin

from . import services
from .models import Cadre, Invitation, OrgUnit, Post, RoleAssignment, User


@admin.register(User)
class UserAdmin(admin.ModelAdmin):
    list_display = ["email", "full_name", "is_active", "is_superuser", "last_login"]
    search_fields = ["email", "full_name"]
    exclude = ["password"]
    readonly_fields = ["last_login", "date_joined"]


@admin.register(OrgUnit)
class OrgUnitAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "level", "organisation", "is_active"]
    list_filter = ["level", "organisation", "is_island", "is_mountain", "is_border", "is_active"]
    search_fields = ["code", "name"]
    readonly_fields = ["path", "depth", "numchild", "code"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class PostInline(admin.TabularInline):
    model = Post
    extra = 0
    autocomplete_fields = ["unit"]


@admin.register(Cadre)
class CadreAdmin(admin.ModelAdmin):
    list_display = ["full_name", "code", "unit", "national_id", "user"]
    search_fields = ["search_name", "code", "national_id", "email"]
    autocomplete_fields = ["unit", "user"]
    inlines = [PostInline]


@admin.register(RoleAssignment)
class RoleAssignmentAdmin(admin.ModelAdmin):
    list_display = ["user", "role", "unit", "granted_by", "created_at"]
    list_filter = ["role"]
    autocomplete_fields = ["user", "unit"]
    fields = ["user", "role", "unit"]

    def save_model(self, request, obj, form, change):
        assignment = services.role_assign(
            actor=request.user, user=obj.user, role=obj.role, unit=obj.unit
        )
        obj.pk = assignment.pk

    def delete_model(self, request, obj):
        services.role_revoke(actor=request.user, assignment=obj)


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["email", "cadre", "created_at", "sent_at", "accepted_at", "expires_at"]
    readonly_fields = [f.name for f in Invitation._meta.fields]

    def has_add_permission(self, request):
        return False
