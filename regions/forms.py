"""Form fields every app shares: counts and percentages typed the Indonesian way, text without control characters.

They parse with regions.validation, so a number means the same in a form, an import and the admin.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from regions.validation import FigureError, has_control_characters, parse_count, parse_percentage


def refuse_control_characters(value: Any) -> None:
    if isinstance(value, str) and has_control_characters(value):
        raise ValidationError(
            _(
                "Remove the control characters (such as NUL) from this text; "
                "they often come with a copy from another program."
            ),
            code="control_characters",
        )


class CheckedTextForm(forms.Form):
    """A form whose every text field refuses control characters (tab and line breaks are fine)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field, forms.CharField):
                field.validators.append(refuse_control_characters)


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
