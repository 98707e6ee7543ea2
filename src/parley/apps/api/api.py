"""The versioned JSON API, and how every error becomes an RFC 9457 problem."""

import logging

from django.core.exceptions import ObjectDoesNotExist
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from parley.apps.api import routes_articles, routes_comments, routes_publisher
from parley.apps.api.problems import PROBLEM_SCHEMA, invalid
from parley.apps.comments.services import PostingError
from parley.errors import problem

logger = logging.getLogger(__name__)


class ParleyAPI(NinjaAPI):
    """Names each operation after its function and documents the problem details every error uses."""

    def get_openapi_schema(self, **kwargs):
        schema = super().get_openapi_schema(**kwargs)
        schema["components"].setdefault("schemas", {})["Problem"] = PROBLEM_SCHEMA
        return schema

    def get_openapi_operation_id(self, operation) -> str:
        return operation.view_func.__name__


api = ParleyAPI(
    version="1",
    urls_namespace="api-v1",
    title="Parley API",
    description="Reader comments for news publishers. Errors are RFC 9457 problem details.",
)
api.add_router("/publisher", routes_publisher.router)
api.add_router("/articles", routes_articles.router)
api.add_router("/articles", "parley.apps.api.routes_related.router")
api.add_router("", routes_comments.router)
api.add_router("", "parley.apps.api.routes_reports.router")

BODY_PARAM = "payload"  # the name every route gives its JSON body parameter


def _field(loc: tuple) -> str:
    source, *path = loc
    if source == "body" and path[:1] == [BODY_PARAM]:
        path = path[1:]
    return ".".join(str(part) for part in path) or source


@api.exception_handler(ValidationError)
def _invalid_input(request, exc: ValidationError):
    return invalid([{"field": _field(tuple(error["loc"])), "message": error["msg"]} for error in exc.errors])


@api.exception_handler(DjangoValidationError)
def _invalid_model(request, exc: DjangoValidationError):
    if hasattr(exc, "error_dict"):
        return invalid([{"field": f, "message": m} for f, messages in exc.message_dict.items() for m in messages])
    return invalid([{"field": "__all__", "message": m} for m in exc.messages])


@api.exception_handler(PostingError)
def _not_posted(request, exc: PostingError):
    if exc.field == "__all__":
        return problem(403, exc.message, title="Comments are closed")
    field = "parent_id" if exc.field == "parent" else exc.field
    return invalid([{"field": field, "message": exc.message}])


@api.exception_handler(AuthenticationError)
def _unauthenticated(request, exc: AuthenticationError):
    response = problem(
        401, "Send a valid API token: Authorization: Bearer <token>.", title="Authentication required"
    )
    response["WWW-Authenticate"] = "Bearer"
    return response


@api.exception_handler(HttpError)
def _http_error(request, exc: HttpError):
    if isinstance(exc.__cause__, ValueError):  # the body could not be parsed
        return problem(400, "The request body is not valid JSON.", title="Malformed request body")
    return problem(exc.status_code, exc.message)


@api.exception_handler(Http404)
def _not_found(request, exc: Http404):
    return problem(404, str(exc) or "There is nothing at this address.")


@api.exception_handler(ObjectDoesNotExist)
def _missing(request, exc: ObjectDoesNotExist):
    return problem(404, "There is nothing at this address.")


@api.exception_handler(Exception)
def _server_error(request, exc: Exception):
    logger.exception("API error on %s %s", request.method, request.path, exc_info=exc)
    return problem(500, "Something went wrong on our side. The error has been logged.")
