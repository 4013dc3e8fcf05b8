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
        # A check box's label reads as a sentence beside it, without the colon Django adds.
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        # No choice made yet means the product's language: show it as chosen.
        self.initial["language"] = self.instance.language or settings.LANGUAGE_CODE
        # Offer only what the user can receive (ucj/notices/reminders.py): reminders go to branch officers,
        # the summary to officials of a region; a field left out keeps its stored value.
        if self.instance.role != Profile.Role.OFFICER:
            del self.fields["email_reminders"]
        if self.instance.role != Profile.Role.OFFICIAL or self.instance.region_id is None:
            del self.fields["monthly_summary"]
