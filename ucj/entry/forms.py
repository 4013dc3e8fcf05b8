"""The entry grid's forms: one region's figure for the month, and the reason for changing a locked month."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from regions.coverage import SEGMENTS
from regions.forms import CheckedTextForm, CountField
from regions.validation import FigureContext, figure_problems


class EntryRowForm(CheckedTextForm):
    """One region's figure for the month. Blank means: leave this region as it is."""

    participants = CountField(label=gettext_lazy("Active participants"))
    pu = CountField(label="PU")
    bpu = CountField(label="BPU")
    jakon = CountField(label="Jakon")
    pmi = CountField(label="PMI")
    note = forms.CharField(label=gettext_lazy("Note"), required=False, max_length=500)
    # The row's version as the form saw it; bounded like the column it is compared with.
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0, max_value=2**31 - 1, required=False)
    confirm = forms.BooleanField(label=gettext_lazy("I confirm this change"), required=False)
    reason = forms.CharField(label=gettext_lazy("Reason"), required=False, max_length=500)

    def __init__(self, *args: Any, context: FigureContext, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.context = context

    def clean(self) -> dict[str, Any]:
        data = super().clean() or self.cleaned_data
        participants = data.get("participants")
        segments = {name: data.get(name) for name in SEGMENTS}
        if participants is None:
            if any(value is not None for value in segments.values()) and not self.has_error("participants"):
                self.add_error("participants", _("Enter the active participants as well."))
            return data
        if data.get("version") is None:
            self.add_error("participants", _("The form is out of date: reload the page and enter the figure again."))
        # The same rules the write itself applies (regions.validation.figure_problems), shown beside their fields.
        for problem in figure_problems(
            participants,
            segments,
            self.context,
            confirmed=self.confirmed,
            threshold_pct=settings.UCJ_CHANGE_CONFIRM_PCT,
        ):
            self.add_error(problem.field, problem.message)
        return data

    @property
    def confirmed(self) -> bool:
        data = self.cleaned_data
        return bool(data.get("confirm") and (data.get("reason") or "").strip())

    @property
    def has_entry(self) -> bool:
        return self.cleaned_data.get("participants") is not None

    def figure_values(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "participants": data["participants"],
            **{name: data.get(name) for name in SEGMENTS},
            "note": (data.get("note") or "").strip(),
        }


class GridReasonForm(CheckedTextForm):
    """The reason an admin gives for changing a locked month."""

    reason = forms.CharField(label=gettext_lazy("Reason for changing a locked month"), required=False, max_length=500)
