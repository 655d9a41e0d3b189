from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        from allauth.usersessions.models import UserSession
        from django.db.models.signals import pre_save

        from accounts import privacy
        from accounts.mfa_adapter import rotate_authenticator_secrets
        from core.fields import register_rotation

        pre_save.connect(
            privacy.minimise_user_session,
            sender=UserSession,
            dispatch_uid="accounts.minimise_user_session",
        )
        privacy.store_hashed_session_keys(UserSession)
        register_rotation("mfa.Authenticator", rotate_authenticator_secrets)
