"""Error pages: RFC 9457 problem details under /api/, a plain page elsewhere."""

from django.http import JsonResponse
from django.shortcuts import render

TITLES = {
    400: "Bad request",
    401: "Unauthorized",
    403: "Forbidden",
    404: "Not found",
    405: "Method not allowed",
    409: "Conflict",
    413: "Request too large",
    415: "Unsupported media type",
    422: "Invalid input",
    429: "Too many requests",
    500: "Server error",
}


def problem(status: int, detail: str, *, title: str | None = None, errors: list | None = None,
            type_: str = "about:blank") -> JsonResponse:
    body = {"type": type_, "title": title or TITLES.get(status, "Error"), "status": status, "detail": detail}
    if errors:
        body["errors"] = errors
    return JsonResponse(body, status=status, content_type="application/problem+json")


def _respond(request, status: int, detail: str):
    if request.path.startswith("/api/"):
        return problem(status, detail)
    response = render(request, "error.html", {"status": status, "title": TITLES[status], "message": detail},
                      status=status)
    response["X-Robots-Tag"] = "noindex"
    return response


def bad_request(request, exception=None):
    return _respond(request, 400, "The request could not be understood.")


def forbidden(request, exception=None):
    return _respond(request, 403, "You are not allowed to do that.")


def not_found(request, exception=None):
    return _respond(request, 404, "There is nothing at this address.")


def server_error(request):
    return _respond(request, 500, "Something went wrong on our side. The error has been logged.")


def csrf_failure(request, reason=""):
    if request.path.startswith("/api/"):
        return problem(403, "The request was refused by cross-site request forgery protection.")
    response = render(
        request,
        "error.html",
        {
            "status": 403,
            "title": "Please try again",
            "message": "This form has expired or your browser blocked its cookie, so it could not be sent safely. "
            "Go back, reload the page and post your comment again.",
        },
        status=403,
    )
    response["X-Robots-Tag"] = "noindex"
    return response
