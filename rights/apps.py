from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RightsConfig(AppConfig):
    name = "rights"
    verbose_name = _("Data-rights requests")

    def ready(self) -> None:
        from rights.forms import clean_saved_answers
        from rights.services import tracking

        tracking.use_answer_cleaner(clean_saved_answers)

        from allauth.account.signals import user_logged_in

        from rights.views.keep import keep_letter_after_sign_in

        user_logged_in.connect(keep_letter_after_sign_in, dispatch_uid="rights-keep-letter")
