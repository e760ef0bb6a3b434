"""Form fields checked as the API checks its JSON bodies, so a page refuses with the API's own words."""

from typing import Any, TypeVar

from fastapi.exceptions import RequestValidationError
from pydantic import BaseModel, ValidationError

from mouflow.domain.content import TYPED_IN_A_FORM

Model = TypeVar("Model", bound=BaseModel)


def as_body(model: type[Model], fields: dict[str, Any]) -> Model:
    """Validated as FastAPI validates the API's JSON body, so a refusal has the API's words (`body.url: ...`)."""
    try:
        return model.model_validate(fields, context={TYPED_IN_A_FORM: True})  # a form's numbers are text
    except ValidationError as error:
        raise RequestValidationError([{**e, "loc": ("body", *e["loc"])} for e in error.errors()]) from error
