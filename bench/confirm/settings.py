"""Settings for the confirm benchmark: the app's own settings plus one bare comparison view."""

from config.settings import *  # noqa: F403

ROOT_URLCONF = "bench.confirm.urls"
