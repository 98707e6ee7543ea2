"""How a request's network address is kept: only as a salted hash."""

import hashlib
import hmac

from django.conf import settings


def hash_ip(ip: str) -> str:
    if not ip:
        return ""
    key = hashlib.sha256(("parley-ip:" + settings.SECRET_KEY).encode()).digest()
    return hmac.new(key, ip.encode(), hashlib.sha256).hexdigest()


def client_ip(request) -> str:
    return request.META.get("REMOTE_ADDR", "") or ""


def user_agent(request) -> str:
    return (request.META.get("HTTP_USER_AGENT", "") or "")[:300]
