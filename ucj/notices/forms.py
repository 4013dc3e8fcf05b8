from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from regions.models import Profile


class AccountSettingsForm(forms.ModelForm):
    """What a user may change about themselves: their emails and their language; nothing of their role."""

    language = forms.TypedChoiceField(
        label=_("Language of emails and pages"),
        choices=settings.LANGUAGES,
        error_messages={"invalid_choice": _("Choose Bahasa Indonesia or English.")},
    )

    class Meta:
        model = Profile
        fields = ["language", "email_reminders", "monthly_summary"]
        labels = {
            "email_reminders": _(
                "Email me reminders: regions of my branch that have not reported, overdue commitments"
            ),
            "monthly_summary": _("Email me a monthly summary of my region: coverage, change and gap"),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # No choice made yet means the product's language: show it as chosen.
        self.initial["language"] = self.instance.language or settings.LANGUAGE_CODE
        if self.instance.region_id is None:
            # The summary is of the official's own region; other roles have none to summarise.
            del self.fields["monthly_summary"]
