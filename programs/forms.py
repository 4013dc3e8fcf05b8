"""Forms for recording a meeting and changing a commitment's status; lengths come from the models' own columns."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from programs.actions import AttendeeInput
from programs.models import Attendance, Commitment, Meeting, PersonAlias, web_link
from regions import codes
from regions.forms import CheckedTextForm
from regions.limits import MAX_TEXT, max_length


class CommitmentStatusForm(CheckedTextForm):
    status = forms.ChoiceField(choices=Commitment.Status.choices)
    note = forms.CharField(required=False, max_length=MAX_TEXT)


class MeetingForm(CheckedTextForm):
    kind = forms.ChoiceField(label=gettext_lazy("Kind"), choices=Meeting.Kind.choices)
    title = forms.CharField(label=gettext_lazy("Title"), max_length=max_length(Meeting, "title"))
    date = forms.DateField(label=gettext_lazy("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    venue = forms.CharField(label=gettext_lazy("Venue"), max_length=max_length(Meeting, "venue"), required=False)
    regions = forms.CharField(label=gettext_lazy("Region codes"), help_text=gettext_lazy("e.g. 13.02, 13.72"))
    attendees = forms.CharField(
        label=gettext_lazy("Attendees"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy("One per line: name | position | institution; add * before the chair's name."),
    )
    figures_announced = forms.CharField(
        label=gettext_lazy("Figures announced"),
        required=False,
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    commitment = forms.CharField(
        label=gettext_lazy("Commitment made"),
        required=False,
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    commitment_who = forms.CharField(
        label=gettext_lazy("Committed by (institution)"),
        required=False,
        max_length=max_length(Commitment, "who_institution"),
    )
    commitment_due = forms.DateField(
        label=gettext_lazy("Due"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    source_url = forms.URLField(
        label=gettext_lazy("Source link"),
        required=False,
        max_length=max_length(Meeting, "source_url"),
        assume_scheme="https",
        validators=[web_link],
    )
    note = forms.CharField(
        label=gettext_lazy("Note"), required=False, max_length=MAX_TEXT, widget=forms.Textarea(attrs={"rows": 2})
    )

    def clean_regions(self) -> list[str]:
        found = [code.strip() for code in self.cleaned_data["regions"].replace(";", ",").split(",") if code.strip()]
        bad = [code for code in found if not codes.is_valid_code(code)]
        if bad or not found:
            raise forms.ValidationError(_("Give Kemendagri codes separated by commas, e.g. 13.02."))
        return found

    def clean_attendees(self) -> list[AttendeeInput]:
        result = []
        for number, line in enumerate(self.cleaned_data["attendees"].splitlines(), start=1):
            parts = [part.strip() for part in line.split("|")]
            if not parts[0]:
                continue
            chair = parts[0].startswith("*")
            name = parts[0].lstrip("*").strip()
            position, institution = [*parts[1:3], "", ""][:2]
            name_limit = min(max_length(Attendance, "named_as"), max_length(PersonAlias, "alias"))
            for value, limit in (
                (name, name_limit),
                (position, max_length(Attendance, "position")),
                (institution, max_length(Attendance, "institution")),
            ):
                if len(value) > limit:
                    raise forms.ValidationError(
                        _("Line %(line)d: %(value)r… is longer than %(limit)d characters.")
                        % {"line": number, "value": value[:30], "limit": limit}
                    )
            result.append(AttendeeInput(name, position, institution, is_chair=chair))
        return result

    def attendee_inputs(self) -> list[AttendeeInput]:
        return self.cleaned_data["attendees"]
