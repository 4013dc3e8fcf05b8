"""The admins' forms for a region's baselines and targets, and the reason for a revert."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from regions.forms import CheckedTextForm, CountField, PercentageField
from regions.models import Baseline


class BaselineForm(CheckedTextForm):
    year = forms.IntegerField(label=gettext_lazy("Year"), min_value=2000)
    kind = forms.ChoiceField(label=gettext_lazy("Kind"), choices=Baseline.Kind.choices)
    count = CountField(label=gettext_lazy("Count"), required=True)
    source = forms.CharField(label=gettext_lazy("Source"), max_length=1000)
    primary = forms.BooleanField(
        label=gettext_lazy("Primary: the basis the coverage is computed on this year"), required=False
    )
    reason = forms.CharField(label=gettext_lazy("Reason for the change"), required=False, max_length=500)

    def clean_year(self) -> int:
        year = self.cleaned_data["year"]
        if year > timezone.localdate().year + 1:
            raise forms.ValidationError(_("The year is too far ahead."))
        return year


class TargetForm(CheckedTextForm):
    year = forms.IntegerField(label=gettext_lazy("Year"), min_value=2000)
    percentage = PercentageField(label=gettext_lazy("Target (%)"))
    legal_basis = forms.CharField(label=gettext_lazy("Legal basis"), max_length=1000)
    reason = forms.CharField(label=gettext_lazy("Reason for the change"), required=False, max_length=500)

    def clean_year(self) -> int:
        year = self.cleaned_data["year"]
        if year > timezone.localdate().year + 5:
            raise forms.ValidationError(_("The year is too far ahead."))
        return year


class RevertForm(CheckedTextForm):
    reason = forms.CharField(label=gettext_lazy("Reason for the revert"), max_length=500)
