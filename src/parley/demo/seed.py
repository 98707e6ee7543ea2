"""The demo site, "The Levant Ledger": articles from the demo feed, a discussion in every state, a moderator."""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field, replace
from datetime import timedelta
from pathlib import Path

from django.contrib.auth.models import Group, Permission, User
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from parley.apps.articles import feeds
from parley.apps.articles.models import ApiToken, Article, ModerationMode, Site, Terms
from parley.apps.comments.models import Comment, EditorKind, Status
from parley.apps.comments.services import NewComment, edit_comment, post_comment, set_status
from parley.apps.moderation import otp
from parley.apps.moderation.models import SiteModerator
from parley.demo.comments import CLOSED_ARTICLE, CLOSED_REASON, COMMENTS, DemoComment

DEMO_SLUG = "demo"
HERE = Path(__file__).parent
FEED_PATH = HERE / "feed.xml"  # the latest stories, which carry the demo discussion
ARCHIVE_PATH = HERE / "archive.xml"  # earlier stories on the same subjects, for related articles
TERMS_PATH = HERE / "terms.md"

MODERATOR_USERNAME = "moderator"
MODERATOR_GROUP = "Moderators"
MODERATOR_PERMISSIONS = [
    ("comments", "view_comment"), ("comments", "change_comment"),
    ("comments", "view_commenter"), ("comments", "change_commenter"),
    ("comments", "view_commentrevision"),
    ("articles", "view_article"), ("articles", "change_article"),
    ("moderation", "view_auditevent"),
]


@dataclass
class SeedResult:
    site: Site
    seeded: bool  # False: the site already existed and was left as it was
    moderator: User
    password: str | None  # set on this run, else None
    token: str | None  # issued on this run, else None
    otpauth_uri: str | None = None  # the moderator's authenticator key, when set on this run
    backup_codes: list[str] = field(default_factory=list)  # the moderator's backup codes, when issued on this run

    @property
    def featured_article(self) -> Article | None:
        external_id = next(iter(COMMENTS))
        return self.site.articles.filter(external_id=external_id).first() or self.site.articles.first()


@transaction.atomic
def seed_demo(*, password: str | None = None, reset: bool = False) -> SeedResult:
    """Create the demo site once; always make sure the moderator exists.

    The moderator's password is set when the account is created, with ``reset``, or when ``password`` is given;
    their second factor (an authenticator key and backup codes) is renewed at the same time, or made when missing.
    """
    site = Site.objects.filter(slug=DEMO_SLUG).first()
    seeded = site is None
    token = None
    if seeded:
        site = create_site()
        _, token = ApiToken.issue(site, "demo")
    moderator, new_password = ensure_moderator(password=password, reset=reset)
    SiteModerator.objects.get_or_create(user=moderator, site=site)  # the workspace shows the sites one moderates
    uri, codes = ensure_second_factor(moderator, renew=new_password is not None)
    if seeded:
        import_demo_articles(site)
        create_discussion(site, moderator)
    return SeedResult(site=site, seeded=seeded, moderator=moderator, password=new_password, token=token,
                      otpauth_uri=uri, backup_codes=codes)


def create_site() -> Site:
    site = Site.objects.create(
        slug=DEMO_SLUG,
        name="The Levant Ledger",
        domains=["127.0.0.1", "localhost"],
        moderation_mode=ModerationMode.POST,
        appeal_contact="appeals@ledger.example",
    )
    Terms.objects.create(site=site, version=1, text=TERMS_PATH.read_text(encoding="utf-8").strip())
    return site


def ensure_moderator(*, password: str | None = None, reset: bool = False) -> tuple[User, str | None]:
    group, _ = Group.objects.get_or_create(name=MODERATOR_GROUP)
    for app_label, codename in MODERATOR_PERMISSIONS:
        group.permissions.add(Permission.objects.get(content_type__app_label=app_label, codename=codename))
    user, created = User.objects.get_or_create(username=MODERATOR_USERNAME, defaults={"is_staff": True})
    new_password = None
    if created or reset or password:
        new_password = password or secrets.token_urlsafe(12)
        user.set_password(new_password)
    user.is_staff = user.is_active = True
    user.save()
    user.groups.add(group)
    return user, new_password


def ensure_second_factor(user: User, *, renew: bool) -> tuple[str | None, list[str]]:
    """Give the demo moderator an authenticator key and backup codes (staff sign in with a second factor).

    Returns the key as an ``otpauth://`` address and the backup codes when they were made on this run."""
    if not renew and otp.has_device(user):
        return None, []
    device = otp.ensure_app_device(user, renew=True)
    return otp.otpauth_uri(device), otp.issue_backup_codes(user)


def import_demo_articles(site: Site) -> feeds.ImportResult:
    """Import the demo feed and archive, their dates moved so that the newest article is an hour old."""
    entries = [entry for path in (FEED_PATH, ARCHIVE_PATH) for entry in feeds.parse_feed(path.read_bytes()).entries]
    newest = max(entry.published_at for entry in entries)
    shift = timezone.now() - timedelta(hours=1) - newest
    return feeds.import_entries(site, [replace(e, published_at=e.published_at + shift) for e in entries])


def create_discussion(site: Site, moderator: User) -> None:
    terms = site.current_terms
    for external_id, threads in COMMENTS.items():
        article = site.articles.get(external_id=external_id)
        for demo in threads:
            _post(article, demo, None, moderator, terms)
    Article.objects.filter(site=site, external_id=CLOSED_ARTICLE).update(
        comments_closed=True, closed_reason=CLOSED_REASON
    )


def _post(article: Article, demo: DemoComment, parent: Comment | None, moderator: User, terms: Terms) -> None:
    email = f"{slugify(demo.author).replace('-', '.')}@example.com"
    comment = post_comment(article, NewComment(author_name=demo.author, text=demo.text, email=email,
                                               parent=parent, accepted_terms=terms))
    if demo.edited_text:
        edit_comment(comment, demo.edited_text, editor=moderator, kind=EditorKind.MODERATOR, reason=demo.edit_reason)
    if demo.replies or demo.status in (Status.PUBLISHED, Status.DELETED):
        set_status(comment, Status.PUBLISHED, actor=moderator, reason="Approved.")
    for reply in demo.replies:
        _post(article, reply, comment, moderator, terms)
    if comment.status != demo.status:
        set_status(comment, demo.status, actor=moderator, reason=demo.reason)
