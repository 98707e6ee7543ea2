"""Publishers (sites), their terms, their API tokens and their articles."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone

EXTERNAL_ID_VALIDATOR = RegexValidator(
    r"^[A-Za-z0-9][A-Za-z0-9._:/-]{0,199}$",
    "Use letters, digits and . _ : / - (up to 200 characters, starting with a letter or digit).",
)


class ModerationMode(models.TextChoices):
    PRE = "pre", "Pre-moderation: a moderator approves every comment"
    POST = "post", "Automatic: the engine publishes what passes every check"


class Site(models.Model):
    slug = models.SlugField(unique=True, help_text="Short name used in URLs and the embed script.")
    name = models.CharField(max_length=200)
    domains = models.JSONField(
        default=list, blank=True, help_text="Host names of the publisher's site, e.g. [\"news.example\"]."
    )
    moderation_mode = models.CharField(max_length=8, choices=ModerationMode, default=ModerationMode.PRE)
    require_email = models.BooleanField(default=False)
    comment_min_length = models.PositiveIntegerField(default=2, validators=[MinValueValidator(1)])
    comment_max_length = models.PositiveIntegerField(
        default=5000, validators=[MinValueValidator(20), MaxValueValidator(50000)]
    )
    auto_close_days = models.PositiveIntegerField(
        null=True, blank=True, validators=[MaxValueValidator(36500)], help_text="Close comments this many days after an article is published."
    )
    appeal_contact = models.CharField(
        max_length=200, blank=True, help_text="Where commenters send an appeal (an e-mail address or URL)."
    )
    policy = models.JSONField(default=dict, blank=True, help_text="Moderation policy settings for the engine.")
    reports_to_pending = models.PositiveSmallIntegerField(
        default=3, validators=[MinValueValidator(1), MaxValueValidator(1000)],
        help_text="This many open reader reports take a published comment off the page until a moderator decides.",
    )
    related_recency_boost = models.FloatField(
        default=0.05, validators=[MinValueValidator(0.0), MaxValueValidator(1.0)],
        help_text="Related articles: how much a story published today gains over an old one (0 to 1; 0 turns it off).",
    )
    related_half_life_days = models.PositiveIntegerField(
        default=30, validators=[MinValueValidator(1), MaxValueValidator(3650)],
        help_text="Related articles: after this many days a story keeps half of the recency boost.",
    )
    related_version = models.PositiveBigIntegerField(
        default=0, editable=False,
        help_text="Goes up whenever an article vector of the site changes; processes compare it with their index.",
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def current_terms(self) -> Terms | None:
        return self.terms_versions.order_by("-version").first()

    def get_terms_url(self) -> str:
        return reverse("comments:terms", args=[self.slug])


class Terms(models.Model):
    """One version of a site's comment terms. Versions are kept; commenters accept a specific one."""

    site = models.ForeignKey(Site, on_delete=models.CASCADE, related_name="terms_versions")
    version = models.PositiveIntegerField()
    text = models.TextField(help_text="Markdown.")
    published_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["site", "-version"]
        constraints = [models.UniqueConstraint(fields=["site", "version"], name="terms_unique_version")]
        verbose_name_plural = "terms"

    def __str__(self) -> str:
        return f"{self.site} terms v{self.version}"


class ApiTokenQuerySet(models.QuerySet):
    def authenticate(self, raw: str) -> ApiToken | None:
        if not raw:
            return None
        token = self.select_related("site").filter(key_hash=ApiToken.hash_key(raw), revoked_at=None).first()
        if token is not None:
            ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
        return token


class ApiToken(models.Model):
    """A publisher's token for the article API. Only a hash of the key is stored."""

    site = models.ForeignKey(Site, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=100)
    prefix = models.CharField(max_length=12, editable=False)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    def __str__(self) -> str:
        return f"{self.site.slug}: {self.name} ({self.prefix}…)"

    @staticmethod
    def hash_key(raw: str) -> str:
        return hashlib.sha256(raw.encode()).hexdigest()

    @classmethod
    def issue(cls, site: Site, name: str) -> tuple[ApiToken, str]:
        raw = "pk_" + secrets.token_urlsafe(32)
        token = cls.objects.create(site=site, name=name, prefix=raw[:10], key_hash=cls.hash_key(raw))
        return token, raw


class Article(models.Model):
    site = models.ForeignKey(Site, on_delete=models.CASCADE, related_name="articles")
    external_id = models.CharField(max_length=200, validators=[EXTERNAL_ID_VALIDATOR])
    url = models.URLField(max_length=500, help_text="The article's canonical URL on the publisher's site.")
    title = models.CharField(max_length=300)
    body = models.TextField(blank=True, help_text="Body or summary, used for context and relevance.")
    published_at = models.DateTimeField(default=timezone.now)
    comments_closed = models.BooleanField(default=False, help_text="Close comments by hand.")
    closed_reason = models.CharField(max_length=300, blank=True)
    close_after_days = models.PositiveIntegerField(
        null=True, blank=True, validators=[MaxValueValidator(36500)], help_text="Overrides the site's auto-close setting for this article."
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)
    comments_updated_at = models.DateTimeField(
        null=True, blank=True, help_text="When a comment on this article was last published or withdrawn."
    )

    class Meta:
        ordering = ["-published_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["site", "external_id"], name="article_unique_external_id")
        ]
        indexes = [models.Index(fields=["site", "-published_at"], name="article_site_published")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("comments:article", args=[self.pk])

    @property
    def auto_close_at(self):
        days = self.close_after_days if self.close_after_days is not None else self.site.auto_close_days
        if days is None:
            return None
        return self.published_at + timedelta(days=days)

    def closed_because(self, now=None) -> str:
        """Why comments are closed, in plain words; empty when they are open."""
        if self.comments_closed:
            return self.closed_reason or "Comments on this article have been closed by the editors."
        close_at = self.auto_close_at
        if close_at is not None and (now or timezone.now()) >= close_at:
            return f"Comments close automatically {(close_at - self.published_at).days} days after publication."
        return ""

    @property
    def comments_open(self) -> bool:
        return not self.closed_because()


def _forget_cors_domains(sender, **kwargs):
    from parley.cors import forget_domains

    forget_domains()


models.signals.post_save.connect(_forget_cors_domains, sender=Site, dispatch_uid="parley-site-cors")
models.signals.post_delete.connect(_forget_cors_domains, sender=Site, dispatch_uid="parley-site-cors-delete")


class ArticleEmbedding(models.Model):
    """The article's vector for related articles (title and start of body, the engine's shared encoder).

    Kept apart from ``Article`` so listing articles never loads vectors and storing one never touches the
    article. ``fingerprint`` names the encoder model that made it: a vector of another model is stale.
    """

    article = models.OneToOneField(Article, on_delete=models.CASCADE, primary_key=True, related_name="embedding")
    vector = models.BinaryField()
    fingerprint = models.CharField(max_length=100)
    text_hash = models.CharField(max_length=64, help_text="SHA-256 of the embedded text.")
    updated_at = models.DateTimeField(default=timezone.now)
    site_version = models.PositiveBigIntegerField(
        default=0, db_index=True,
        help_text="The site's related_version this vector was stored at: a process whose index is at an "
                  "older version loads only the vectors stored since.",
    )

    def __str__(self) -> str:
        return f"embedding of article {self.article_id} ({self.fingerprint})"


class RelatedPin(models.Model):
    """An article a publisher placed by hand in another article's related list (pins come first, by position)."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="related_pins")
    pinned = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="pinned_in",
                               verbose_name="pinned article")
    position = models.PositiveSmallIntegerField(default=0, validators=[MaxValueValidator(1000)])

    class Meta:
        ordering = ["article", "position", "id"]
        constraints = [models.UniqueConstraint(fields=["article", "pinned"], name="related_pin_unique")]
        verbose_name = "pinned related article"

    def __str__(self) -> str:
        return f"{self.pinned} pinned on {self.article}"

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        article = self.article if self.article_id or RelatedPin.article.is_cached(self) else None
        pinned = self.pinned if self.pinned_id else None
        if article is None or pinned is None:
            return
        if article.pk is not None and article.pk == pinned.pk:
            raise ValidationError({"pinned": "An article cannot be related to itself."})
        if pinned.site_id != article.site_id:
            raise ValidationError({"pinned": "Pin an article of the same site."})
