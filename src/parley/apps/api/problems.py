"""RFC 9457 problem details: the body of every API error, and how the OpenAPI schema documents them."""

from parley.errors import problem

PROBLEM_MEDIA_TYPE = "application/problem+json"
PROBLEM_SCHEMA = {
    "type": "object",
    "required": ["type", "title", "status", "detail"],
    "properties": {
        "type": {"type": "string"},
        "title": {"type": "string"},
        "status": {"type": "integer"},
        "detail": {"type": "string"},
        "errors": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["field", "message"],
                "properties": {"field": {"type": "string"}, "message": {"type": "string"}},
            },
        },
    },
}
PROBLEM_REF = {"$ref": "#/components/schemas/Problem"}
DESCRIPTIONS = {
    400: "The request could not be understood",
    401: "A valid API token is required",
    403: "Not allowed",
    404: "Not found",
    422: "Some fields are not valid",
}


def documented(*statuses: int) -> dict:
    """``openapi_extra`` for an operation that answers these error statuses with a problem."""
    return {
        "responses": {
            status: {"description": DESCRIPTIONS[status], "content": {PROBLEM_MEDIA_TYPE: {"schema": PROBLEM_REF}}}
            for status in statuses
        }
    }


def invalid(errors: list[dict]):
    """A 422 problem listing ``[{field, message}]``."""
    detail = errors[0]["message"] if len(errors) == 1 else f"{len(errors)} fields are not valid."
    return problem(422, detail, title="Invalid input", errors=errors)
