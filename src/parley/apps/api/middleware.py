"""Keep every error under /api/ in problem-details form, including the ones the router answers itself."""

from parley.errors import problem


class ApiProblemMiddleware:
    """Turn the router's bare 405 into RFC 9457 problem JSON, keeping its Allow header."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code == 405 and request.path.startswith("/api/"):
            allowed = response.get("Allow", "")
            converted = problem(405, f"{request.method} is not allowed here. Allowed: {allowed or 'none'}.")
            if allowed:
                converted["Allow"] = allowed
            return converted
        return response
