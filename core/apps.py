from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "Standing core"

    def ready(self) -> None:
        from . import (
            checks,  # noqa: F401 - registers the system checks
            logredact,
        )

        logredact.install()
