"""Publisher authentication: ``Authorization: Bearer <token>`` with a site's API token."""

from ninja.security import HttpBearer

from parley.apps.articles.models import ApiToken


class PublisherToken(HttpBearer):
    """Authenticates as the token; the publisher's site is ``request.auth.site``."""

    def authenticate(self, request, token: str) -> ApiToken | None:
        return ApiToken.objects.authenticate(token.strip())
