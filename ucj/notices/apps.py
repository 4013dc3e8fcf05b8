from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NoticesConfig(AppConfig):
    name = "ucj.notices"
    # Its own label and migrations, so the reminder log never waits on the project package's migrations.
    label = "notices"
    verbose_name = _("Reminders")

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from ucj.notices.language import remember_language_at_sign_in

        user_logged_in.connect(remember_language_at_sign_in, dispatch_uid="notices.remember_language")
