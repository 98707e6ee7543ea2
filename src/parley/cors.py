"""CORS for the embed and the public API: publishers' own domains (Site.domains) may call Parley from the
browser. Credentials are never allowed, so a cross-site call cannot act as a logged-in moderator."""

from __future__ import annotations

from urllib.parse import urlsplit

from django.core.cache import cache
from django.http import HttpResponse

CORS_PREFIXES = ("/api/v1/", "/embed/")
ALLOWED_METHODS = "GET, POST, PUT, PATCH, OPTIONS"
ALLOWED_HEADERS = "Content-Type, Authorization, Accept"
CACHE_KEY = "parley:cors:domains"


def allowed_hosts() -> set[str]:
    hosts = cache.get(CACHE_KEY)
    if hosts is None:
        from parley.apps.articles.models import Site

        hosts = {d.strip().lower() for domains in Site.objects.values_list("domains", flat=True) for d in domains or []}
        cache.set(CACHE_KEY, hosts, 60)
    return hosts


def forget_domains() -> None:
    cache.delete(CACHE_KEY)


def origin_allowed(origin: str) -> bool:
    parts = urlsplit(origin)
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        return False
    return parts.hostname.lower() in allowed_hosts()


class SiteCorsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        origin = request.headers.get("Origin")
        applies = origin and request.path.startswith(CORS_PREFIXES) and origin_allowed(origin)
        if applies and request.method == "OPTIONS" and "Access-Control-Request-Method" in request.headers:
            response = HttpResponse(status=204)
            response["Access-Control-Allow-Methods"] = ALLOWED_METHODS
            response["Access-Control-Allow-Headers"] = ALLOWED_HEADERS
            response["Access-Control-Max-Age"] = "3600"
        else:
            response = self.get_response(request)
        if applies:
            response["Access-Control-Allow-Origin"] = origin
            response["Vary"] = ", ".join(filter(None, [response.get("Vary"), "Origin"]))
        return response
