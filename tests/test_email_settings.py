"""Email: printed to the console unless EMAIL_HOST is set, then SMTP with the server's settings from the environment."""

from tests.test_deploy import production_value


def test_email_is_printed_to_the_console_without_a_mail_server():
    assert production_value("settings.EMAIL_BACKEND") == "django.core.mail.backends.console.EmailBackend"


def test_email_goes_out_by_smtp_with_the_servers_settings_from_the_environment(monkeypatch):
    for name, value in {
        "EMAIL_HOST": "smtp.example.id",
        "EMAIL_PORT": "587",
        "EMAIL_HOST_USER": "ucj",
        "EMAIL_HOST_PASSWORD": "secret",
        "EMAIL_USE_TLS": "true",
        "DEFAULT_FROM_EMAIL": "UCJ <ucj@example.id>",
    }.items():
        monkeypatch.setenv(name, value)

    assert production_value(
        "(settings.EMAIL_BACKEND, settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_HOST_USER, "
        "settings.EMAIL_HOST_PASSWORD, settings.EMAIL_USE_TLS, settings.DEFAULT_FROM_EMAIL)"
    ) == (
        "('django.core.mail.backends.smtp.EmailBackend', 'smtp.example.id', 587, 'ucj', 'secret', True, "
        "'UCJ <ucj@example.id>')"
    )
