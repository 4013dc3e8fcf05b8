"""Forms for entering figures: one row of the monthly grid, baselines and targets, reverts."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from regions.models import Baseline
from regions.validation import (
    FigureError,
    check_not_above_baseline,
    check_segments_add_up,
    describe_change,
    needs_confirmation,
    parse_count,
    parse_percentage,
)

SEGMENTS = ("pu", "bpu", "jakon", "pmi")


class CountField(forms.CharField):
    """A whole non-negative number, typed as 18092 or 18.092."""

    widget = forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off", "class": "count"})

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> int | None:  # type: ignore[override]
        try:
            return parse_count(super().to_python(value))
        except FigureError as error:
            raise forms.ValidationError(str(error), code="invalid") from None


class PercentageField(forms.CharField):
    widget = forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"})

    def to_python(self, value: Any) -> Any:
        try:
            return parse_percentage(super().to_python(value))
        except FigureError as error:
            raise forms.ValidationError(str(error), code="invalid") from None


class EntryRowForm(forms.Form):
    """One region's figure for the month. Blank means: leave this region as it is."""

    participants = CountField(label=gettext_lazy("Active participants"))
    pu = CountField(label="PU")
    bpu = CountField(label="BPU")
    jakon = CountField(label="Jakon")
    pmi = CountField(label="PMI")
    note = forms.CharField(label=gettext_lazy("Note"), required=False, max_length=500)
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0, required=False)
    confirm = forms.BooleanField(label=gettext_lazy("I confirm this change"), required=False)
    reason = forms.CharField(label=gettext_lazy("Reason"), required=False, max_length=500)

    def __init__(self, *args: Any, baseline: int | None, previous: int | None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.baseline = baseline
        self.previous = previous

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        participants = data.get("participants")
        segments = {name: data.get(name) for name in SEGMENTS}
        if participants is None:
            if any(value is not None for value in segments.values()) and not self.has_error("participants"):
                self.add_error("participants", _("Enter the active participants as well."))
            return data
        if data.get("version") is None:
            self.add_error("participants", _("The form is out of date: reload the page and enter the figure again."))
        try:
            check_segments_add_up(participants, segments)
        except FigureError as error:
            self.add_error("pu", str(error))
        try:
            check_not_above_baseline(participants, self.baseline)
        except FigureError as error:
            self.add_error("participants", str(error))
        limit = settings.UCJ_CHANGE_CONFIRM_PCT
        confirmed = data.get("confirm") and (data.get("reason") or "").strip()
        if needs_confirmation(self.previous, participants, limit) and not confirmed:
            message = _(
                "That is %(change)s against last month (more than ±%(limit)d %%): confirm it and give a reason."
            )
            self.add_error(
                "confirm", message % {"change": describe_change(self.previous, participants), "limit": limit}
            )
        return data

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


class GridReasonForm(forms.Form):
    """The reason an admin gives for changing a locked month."""

    reason = forms.CharField(label=gettext_lazy("Reason for changing a locked month"), required=False, max_length=500)


class BaselineForm(forms.Form):
    year = forms.IntegerField(label=gettext_lazy("Year"), min_value=2000)
    kind = forms.ChoiceField(label=gettext_lazy("Kind"), choices=Baseline.Kind.choices)
    count = CountField(label=gettext_lazy("Count"), required=True)
    source = forms.CharField(label=gettext_lazy("Source"), max_length=1000)
    reason = forms.CharField(label=gettext_lazy("Reason for the change"), required=False, max_length=500)

    def clean_year(self) -> int:
        year = self.cleaned_data["year"]
        if year > timezone.localdate().year + 1:
            raise forms.ValidationError(_("The year is too far ahead."))
        return year


class TargetForm(forms.Form):
    year = forms.IntegerField(label=gettext_lazy("Year"), min_value=2000)
    percentage = PercentageField(label=gettext_lazy("Target (%)"))
    legal_basis = forms.CharField(label=gettext_lazy("Legal basis"), max_length=1000)
    reason = forms.CharField(label=gettext_lazy("Reason for the change"), required=False, max_length=500)

    def clean_year(self) -> int:
        year = self.cleaned_data["year"]
        if year > timezone.localdate().year + 5:
            raise forms.ValidationError(_("The year is too far ahead."))
        return year


class RevertForm(forms.Form):
    reason = forms.CharField(label=gettext_lazy("Reason for the revert"), max_length=500)
