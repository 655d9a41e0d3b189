from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RightsConfig(AppConfig):
    name = "rights"
    verbose_name = _("Data-rights requests")

    def ready(self) -> None:
        from rights.forms import clean_saved_answers
        from rights.services import tracking

        tracking.use_answer_cleaner(clean_saved_answers)
