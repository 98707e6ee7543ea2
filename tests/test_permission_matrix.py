"""The permission matrix: every URL of the moderation workspace, every public due-process page and every API
route, asked by every role, with real objects of one site ("site A", The Harbour Gazette).

The URLs come from the resolver and the API's OpenAPI schema, so pages added later are covered without editing
this file: each moderation view must declare its capability (``access.requires``), and each path parameter is
filled with a site-A object found from its name (``comment_id``, ``token``...) or the path segment before it
(``comments/<pk>/``). A parameter nothing here knows how to fill is reported, as is every other mismatch: the tests
collect them all and then assert the list is empty.

Roles: anonymous; a staff member whose session is not verified with the second factor; a reader (a plain
account); a moderator of another site; an analyst; a moderator of site A; a Parley admin. All staff are verified.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.db import transaction
from django.shortcuts import resolve_url
from django.test import Client
from django.urls import NoReverseMatch, URLPattern, URLResolver, get_resolver, reverse
from django.utils.crypto import get_random_string
from django_otp.plugins.otp_totp.models import TOTPDevice
from ninja.security import HttpBearer

from parley.apps.api.api import api
from parley.apps.articles.models import ApiToken, Site
from parley.apps.comments.links import status_token
from parley.apps.comments.models import CommentRevision
from parley.apps.moderation import access, actions, appeals, notices, restrictions, takedown
from parley.apps.moderation.models import AuditEvent
from tests.workspace import admin, analyst, moderator

MARKER = "Lantern Quay"  # in every site-A comment: a page for another site's moderator must not show it
ROLES = ("anonymous", "unverified", "reader", "other_site_moderator", "analyst", "site_moderator", "admin")
STAFF_NAMESPACE = "moderation"
PUBLIC_NAMESPACE = "due_process"
MAX_TRIES = 40  # combinations of candidate values tried per URL


# --- what each role should get


def expected(role: str, capability: str, scoped: bool) -> str:
    """``login``, ``verify``, ``forbidden`` (403), ``hidden`` (403 or 404) or ``allowed``."""
    if role == "anonymous":
        return "login"
    if role == "unverified":
        return "verify"
    grants = {
        "reader": set(),
        "other_site_moderator": {"moderate"},
        "analyst": {"reports", "export"},
        "site_moderator": {"moderate"},
        "admin": set(access.CHECKS),
    }[role]
    if capability not in grants:
        return "forbidden"
    if role == "other_site_moderator" and scoped:
        return "hidden"  # site A's objects are not theirs
    return "allowed"


# --- site A, its objects, and the people


@dataclass
class World:
    site: Site
    clients: dict[str, Client]
    objects: dict[str, list[int]]  # a model key ("comment", "notice"...) -> ids of site-A objects, best first
    public_objects: dict[str, list[int]]  # the same, in the order public pages want them (published first)
    tokens: list[str]
    strings: dict[str, list[str]]
    api_token: str
    csrf: str  # the CSRF secret every client sends with its POSTs


def csrf_client(secret: str) -> Client:
    client = Client(enforce_csrf_checks=True, raise_request_exception=False)
    client.cookies[settings.CSRF_COOKIE_NAME] = secret
    return client


@pytest.fixture
def world(site, article, make_comment, published, verified_login):
    other_site = Site.objects.create(slug="courier", name="The Valley Courier", domains=["courier.example"])
    boss = admin()
    people = {
        "unverified": admin("ida.unverified"),
        "reader": User.objects.create_user("mara.reader", password="not-a-real-pw"),
        "other_site_moderator": moderator(other_site, username="vera.elsewhere"),
        "analyst": analyst(),
        "site_moderator": moderator(site, username="tomas.mod"),
        "admin": boss,
    }
    TOTPDevice.objects.create(user=people["unverified"], name="Authenticator app", confirmed=True)

    held = make_comment(f"Held for a moderator: the ferry timetable at {MARKER} is wrong.", name="Jonas Berg")
    shown = published(f"Published: the new pier at {MARKER} looks good.", name="Rosa Lind")
    reported = published(f"Published and reported: the harbour master at {MARKER} is useless.", name="Otto Brink")
    declined = make_comment(f"Declined: buy ferry tickets cheap at {MARKER} tickets dot example.",
                            name="Pia Sand")
    doomed = published(f"Taken down: a threat against the {MARKER} ferry.", name="Karl Roth")
    statement = actions.decline(declined, actor=boss, rule="spam", message="We do not publish adverts.")
    appeal = appeals.file_appeal(statement, explanation="It was a useful tip for other readers.",
                                 email="pia@example.org")
    notice = notices.submit_notice(reported, rule="personal_attack", good_faith=True, email="reader@example.org",
                                   explanation="This attacks a named official personally rather than arguing.")
    restriction = restrictions.premoderate(held.commenter, actor=boss, duration=None,
                                           reason="Repeated off-topic posts.")
    removal = takedown.take_down(str(doomed.pk), actor=boss, reason="A removal order for a terrorist threat.")
    actions.edit(shown, f"Published: the new pier at {MARKER} looks very good.", actor=boss, reason="typo")
    _, raw_token = ApiToken.issue(site, "matrix")

    comments = [c.pk for c in (held, declined, shown, reported, doomed)]
    objects = {
        "comment": comments,
        "notice": [notice.pk], "report": [notice.pk],
        "appeal": [appeal.pk],
        "statement": [statement.pk],
        "restriction": [restriction.pk],
        "takedown": [removal.pk],
        "commenter": [held.commenter_id, declined.commenter_id, shown.commenter_id],
        "article": [article.pk],
        "site": [site.pk],
        "revision": list(CommentRevision.objects.filter(comment=shown).values_list("pk", flat=True)),
        "event": [AuditEvent.objects.filter(comment=declined).first().pk],
        "user": [people["site_moderator"].pk], "moderator": [people["site_moderator"].pk],
        "sitemoderator": list(people["site_moderator"].moderated_sites.values_list("pk", flat=True)),
    }
    objects["audit"] = objects["auditevent"] = objects["event"]
    public_objects = dict(objects, comment=[shown.pk, reported.pk, declined.pk, held.pk, doomed.pk])
    tokens = [status_token(declined), status_token(shown), status_token(held)]
    try:  # the signed receipt link of a reader's report, where the public pages offer one
        from parley.apps.moderation.views.public import notice_token
    except ImportError:
        pass
    else:
        tokens.insert(1, notice_token(notice))

    secret = get_random_string(32)
    clients = {role: csrf_client(secret) for role in ROLES}
    for role, user in people.items():
        if role == "unverified":
            clients[role].force_login(user)
        else:
            verified_login(clients[role], user)
    return World(site=site, clients=clients, objects=objects, public_objects=public_objects, tokens=tokens,
                 strings={"slug": [site.slug], "site_slug": [site.slug], "external_id": [article.external_id]},
                 api_token=raw_token, csrf=secret)


# --- walking the URLconf


@dataclass
class Route:
    namespace: str
    name: str | None
    route: str  # the whole pattern, for messages and for the segment before a parameter
    params: dict[str, str]  # name -> converter name or the regex of the group
    callback: object


def walk(patterns, namespace: tuple = (), prefix: str = "", converters: dict | None = None):
    for entry in patterns:
        own = _params(entry.pattern)
        params = {**(converters or {}), **own}
        text = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            yield from walk(entry.url_patterns, namespace + ((entry.namespace,) if entry.namespace else ()),
                            text, params)
        elif isinstance(entry, URLPattern):
            yield Route(":".join(namespace), entry.name, text, params, entry.callback)


def _params(pattern) -> dict[str, str]:
    converters = getattr(pattern, "converters", None)
    if converters:
        return {name: type(converter).__name__ for name, converter in converters.items()}
    regex = getattr(pattern, "_regex", "")
    return {name: _group(regex, name) for name in re.compile(regex).groupindex} if regex else {}


def _group(regex: str, name: str) -> str:
    match = re.search(rf"\(\?P<{name}>((?:[^()]|\([^()]*\))*)\)", regex)
    return match.group(1) if match else ""


def routes(namespace: str) -> list[Route]:
    return [r for r in walk(get_resolver().url_patterns) if r.namespace == namespace]


# --- filling path parameters


def candidates(world: World, route: Route, param: str, kind: str, *, public: bool = False) -> list | None:
    objects = world.public_objects if public else world.objects
    if param in world.strings:
        return world.strings[param]
    if param == "token" or param.endswith("_token"):
        return world.tokens
    if is_choice(kind):
        return kind.split("|")  # a regex group listing its values: (?P<queue>pending|reported|...)
    base = re.sub(r"_(id|pk|slug)$", "", param)
    if (base == "site" and kind in ("StringConverter", "SlugConverter")) or param == "site_slug":
        return world.strings["slug"]
    if base in objects:
        return objects[base]
    if param in ("pk", "id"):
        before = re.search(rf"([A-Za-z_-]+)/(?:<(?:\w+:)?{param}>|\(\?P<{param}>)", route.route)
        key = before.group(1).lower().replace("-", "").replace("_", "").rstrip("s") if before else ""
        first = objects.get(key, [])
        rest = [pk for values in objects.values() for pk in values if pk not in first]
        return list(dict.fromkeys(first + rest)) or None
    return None


def is_choice(kind: str) -> bool:
    """Is this regex group a list of fixed values (not a reference to an object)?"""
    return bool(kind) and "Converter" not in kind and re.fullmatch(r"\w+(?:\|\w+)*", kind) is not None


def is_scoped(route: Route) -> bool:
    """Does the URL name an object of site A (rather than only, say, which queue)?"""
    return any(not is_choice(kind) for kind in route.params.values())


def fillings(world: World, route: Route, *, public: bool = False):
    """Candidate ``kwargs`` for the route, best guess first; raises LookupError for a parameter nothing fills."""
    options = {}
    for param, kind in route.params.items():
        values = candidates(world, route, param, kind, public=public)
        if not values:
            raise LookupError(f"no site-A value for the path parameter {param!r} ({kind}); "
                              "teach tests/test_permission_matrix.py how to fill it")
        options[param] = values
    names = list(options)
    for combo in itertools.islice(itertools.product(*(options[n] for n in names)), MAX_TRIES):
        yield dict(zip(names, combo, strict=True))


# --- asking


def ask(world: World, role: str, method: str, url: str, *, follow: bool = False, **extra):
    """One request, rolled back afterwards so that no answer changes what the next role sees."""
    client = world.clients[role]
    secret = world.csrf
    if method != "get":
        if "content_type" in extra:
            extra.setdefault("headers", {})["X-CSRFToken"] = secret
        else:
            extra["data"] = {"csrfmiddlewaretoken": secret, **extra.get("data", {})}
    with transaction.atomic():
        response = getattr(client, method)(url, follow=follow, **extra)
        if getattr(response, "streaming", False):
            response.content_consumed = b"".join(response.streaming_content)
        transaction.set_rollback(True)
    return response


def describe(response) -> str:
    text = str(response.status_code)
    if response.status_code in (301, 302, 303, 307, 308):
        text += f" to {response['Location']}"
    exc = getattr(response, "exc_info", None)
    if exc:
        text += f" ({exc[0].__name__}: {exc[1]})"
    return text


def account_paths() -> dict[str, str]:
    return {step: reverse(f"moderation:account_{step}") for step in ("login", "verify", "enrol", "logout")}


def check(outcome: str, response, *, method: str, api: bool = False) -> bool:
    status = response.status_code
    location = urlsplit(response.get("Location", "")).path if 300 <= status < 400 else ""
    paths = account_paths()
    if outcome == "login":
        return status == 401 if api else (status == 302 and location == resolve_url(settings.LOGIN_URL))
    if outcome == "verify":
        return status == 401 if api else (status == 302 and location in (paths["verify"], paths["enrol"]))
    if outcome == "forbidden":
        return status == 403
    if outcome == "hidden":
        return status in (403, 404)
    hops = [urlsplit(url).path for url, _ in getattr(response, "redirect_chain", [])]
    if any(hop in paths.values() for hop in hops + [location]):
        return False
    if method == "get":
        return status == 200
    return status < 500 and status not in (401, 403, 404, 405)


def probe(world: World, role: str, route: Route, *, public: bool = False):
    """The first filling that the role expected to succeed is not refused as unknown (404, or 400 for a signed
    link of another kind), and the methods the URL takes."""
    for kwargs in fillings(world, route, public=public):
        try:
            url = reverse(f"{route.namespace}:{route.name}", kwargs=kwargs)
        except NoReverseMatch:
            continue
        got = ask(world, role, "get", url)
        if got.status_code in (400, 404, 410):  # not a value this page takes (a link of another kind, say)
            continue
        posted = ask(world, role, "post", url)
        if got.status_code == 405 and posted.status_code == 404:
            continue
        return url, [m for m, r in (("get", got), ("post", posted)) if r.status_code != 405]
    return None, []


# --- the tests


def test_every_moderation_view_declares_a_capability():
    walked = routes(STAFF_NAMESPACE)
    assert {"account_login", "account_verify", "account_enrol", "account_logout"} <= {r.name for r in walked}
    known = set(access.CHECKS) | {access.ACCOUNT}
    undeclared = [f"{r.route} ({r.name}): declares {access.capability_of(r.callback)!r}" for r in walked
                  if access.capability_of(r.callback) not in known]
    unnamed = [f"{r.route}: has no name, so it cannot be reversed" for r in walked if not r.name]
    assert not undeclared + unnamed, "\n".join(undeclared + unnamed)


def test_moderation_urls_answer_every_role_as_expected(world):
    mismatches, asked = [], 0
    for route in routes(STAFF_NAMESPACE):
        capability = access.capability_of(route.callback)
        if capability is None or not route.name:
            mismatches.append(f"{route.route}: no capability declared or no name")
            continue
        if capability == access.ACCOUNT:
            for role in ROLES:  # the staff login pages: open to anyone (a reader may not enrol), never an error
                response = ask(world, role, "get", reverse(f"moderation:{route.name}"))
                asked += 1
                if response.status_code not in (200, 302, *((403,) if role == "reader" else ())):
                    mismatches.append(f"GET {route.route} as {role}: {describe(response)}")
            continue
        try:
            url, methods = probe(world, "admin", route)
        except LookupError as error:
            mismatches.append(f"{route.route}: {error}")
            continue
        if url is None:
            mismatches.append(f"{route.route}: every site-A value tried gives the admin a 404")
            continue
        if not methods:
            mismatches.append(f"{url}: answers neither GET nor POST")
        scoped = is_scoped(route)
        for method, role in itertools.product(methods, ROLES):
            outcome = expected(role, capability, scoped)
            response = ask(world, role, method, url, follow=(method == "get" and outcome == "allowed"))
            asked += 1
            if not check(outcome, response, method=method):
                mismatches.append(f"{method.upper()} {url} ({capability}) as {role}: expected {outcome}, "
                                  f"got {describe(response)}")
            elif role == "other_site_moderator" and outcome == "allowed" and MARKER in _text(response):
                mismatches.append(f"{method.upper()} {url} ({capability}) as {role}: shows site A's comments")
    assert asked >= 4 * len(ROLES)
    assert not mismatches, f"{len(mismatches)} mismatches:\n" + "\n".join(mismatches)


def _text(response) -> str:
    if "html" not in response.get("Content-Type", "") and "json" not in response.get("Content-Type", ""):
        return ""
    body = getattr(response, "content_consumed", None)
    return (body if body is not None else response.content).decode(errors="replace")


def test_public_due_process_urls_are_open_to_anyone(world):
    mismatches = []
    for route in routes(PUBLIC_NAMESPACE):
        try:
            url, methods = probe(world, "anonymous", route, public=True)
        except LookupError as error:
            mismatches.append(f"{route.route}: {error}")
            continue
        if url is None:
            mismatches.append(f"{route.route}: every site-A value tried gives a 404")
            continue
        for method in methods:
            response = ask(world, "anonymous", method, url, follow=(method == "get"))
            if not check("allowed", response, method=method):
                mismatches.append(f"{method.upper()} {url} anonymously: got {describe(response)}")
    assert not mismatches, f"{len(mismatches)} mismatches:\n" + "\n".join(mismatches)


# --- the API


def api_operations():
    """Every operation in the OpenAPI schema with its authentication callbacks."""
    root = reverse("api-v1:api-root")
    schema = api.get_openapi_schema(path_prefix=root)
    auth_by_name = {}
    for bound in api._get_bound_routers():
        for path_view in bound.path_operations.values():
            for operation in path_view.operations:
                auth_by_name[operation.view_func.__name__] = list(operation.auth_callbacks)
    for path_template, operations in schema["paths"].items():
        for method, spec in operations.items():
            yield path_template, method, spec, auth_by_name.get(spec.get("operationId"))


def api_kind(spec, auth) -> tuple[str, str | None]:
    if not spec.get("security"):
        return "public", None
    capabilities = {getattr(callback, "parley_capability", None) for callback in auth or []} - {None}
    if capabilities:
        return "staff", capabilities.pop()
    if auth and all(isinstance(callback, HttpBearer) for callback in auth):
        return "token", None
    return "unknown", None


def api_fillings(world: World, path_template: str):
    params = re.findall(r"{(?:\w+:)?(\w+)}", path_template)
    route = Route("api", None, path_template.replace("{", "<").replace("}", ">"), dict.fromkeys(params, ""), None)
    for kwargs in fillings(world, route, public=True):
        url = path_template
        for name, value in kwargs.items():
            url = re.sub(rf"{{(?:\w+:)?{name}}}", str(value), url)
        yield url


def api_ask(world: World, role: str, method: str, url: str, *, token: str | None = None):
    extra = {"headers": {"Authorization": f"Bearer {token}"}} if token else {}
    if method in ("post", "put", "patch"):
        extra.update(data="{}", content_type="application/json")
    return ask(world, role, method, url, **extra)


def test_api_routes_answer_every_role_as_expected(world):
    mismatches, seen = [], 0
    for path_template, method, spec, auth in api_operations():
        seen += 1
        where = f"{method.upper()} {path_template}"
        if auth is None:
            mismatches.append(f"{where}: the operation {spec.get('operationId')!r} was not found in the API")
            continue
        kind, capability = api_kind(spec, auth)
        if kind == "unknown":
            mismatches.append(f"{where}: secured, but neither a publisher token nor a staff capability "
                              "(use access.StaffSession)")
            continue
        success_role, token = {"public": ("anonymous", None), "token": ("anonymous", world.api_token),
                               "staff": ("admin", None)}[kind]
        try:
            url = next((u for u in api_fillings(world, path_template)
                        if api_ask(world, success_role, method, u, token=token).status_code != 404), None)
        except LookupError as error:
            mismatches.append(f"{where}: {error}")
            continue
        if url is None:
            mismatches.append(f"{where}: every site-A value tried gives a 404")
            continue

        if kind == "public":
            response = api_ask(world, "anonymous", method, url)
            if not check("allowed", response, method=method, api=True):
                mismatches.append(f"{method.upper()} {url} anonymously: expected reachable, got {describe(response)}")
        elif kind == "token":
            for role in ("anonymous", "admin"):  # a session is not a publisher token
                response = api_ask(world, role, method, url)
                if response.status_code != 401:
                    mismatches.append(f"{method.upper()} {url} as {role} without a token: expected 401, "
                                      f"got {describe(response)}")
            response = api_ask(world, "anonymous", method, url, token=world.api_token)
            if not check("allowed", response, method=method, api=True):
                mismatches.append(f"{method.upper()} {url} with site A's token: got {describe(response)}")
        else:
            scoped = "{" in path_template
            for role in ROLES:
                outcome = expected(role, capability, scoped)
                response = api_ask(world, role, method, url)
                if not check(outcome, response, method=method, api=True):
                    mismatches.append(f"{method.upper()} {url} ({capability}) as {role}: expected {outcome}, "
                                      f"got {describe(response)}")
    assert seen > 0
    assert not mismatches, f"{len(mismatches)} mismatches:\n" + "\n".join(mismatches)
