"""The largest values the app accepts, in one place: the models, the forms and the imports read them."""

from __future__ import annotations

from django.db.models import CharField, Model

# The largest count of workers or participants any region can have: more than Indonesia's whole
# population (about 280 million in 2024) and about twice its labour force (about 150 million, BPS), so
# no true figure comes near it, and far below 2^31 - 1, the largest number the database's integer holds.
MAX_COUNT = 300_000_000
# Free text (a note, a source, a commitment, a reason) is a few paragraphs at most; longer is a paste gone wrong.
MAX_TEXT = 5000


def max_length(model: type[Model], field: str) -> int:
    """What the model's text column holds: the one number a cell or a form field is checked against."""
    column = model._meta.get_field(field)
    if not isinstance(column, CharField) or column.max_length is None:
        raise ValueError(f"{model.__name__}.{field} is no text column with a length")
    return column.max_length
