"""sitemap.xml and robots.txt: every article's comments page, nothing unpublished."""

import re
from datetime import timedelta

from django.utils import timezone

from parley.apps.articles.models import Article
from parley.apps.comments.models import Status
from parley.apps.comments.services import set_status


def test_sitemap_lists_comment_pages_with_lastmod(client, article, published, site):
    other = Article.objects.create(site=site, external_id="other", url="https://gazette.example/other",
                                   title="Other", published_at=timezone.now() - timedelta(days=2))
    published("Comment on the ferry")
    response = client.get("/sitemap.xml")
    xml = response.content.decode()
    assert response.status_code == 200
    assert f"<loc>http://testserver{article.get_absolute_url()}</loc>" in xml
    assert f"<loc>http://testserver{other.get_absolute_url()}</loc>" in xml
    lastmods = dict(re.findall(r"<loc>[^<]*/articles/(\d+)/</loc><lastmod>([^<]+)</lastmod>", xml))
    assert lastmods[str(article.pk)] == timezone.now().date().isoformat()


def test_sitemap_lastmod_moves_when_a_comment_is_published(client, article, make_comment):
    article.published_at = timezone.now() - timedelta(days=30)
    article.save()
    Article.objects.filter(pk=article.pk).update(updated_at=timezone.now() - timedelta(days=30))
    before = client.get("/sitemap.xml").content.decode()
    assert f"<lastmod>{(timezone.now() - timedelta(days=30)).date().isoformat()}</lastmod>" in before
    comment = make_comment("Fresh comment")
    set_status(comment, Status.PUBLISHED, actor_label="moderator")
    after = client.get("/sitemap.xml").content.decode()
    assert f"<lastmod>{timezone.now().date().isoformat()}</lastmod>" in after


def test_sitemap_never_contains_comment_text(client, article, make_comment):
    make_comment("Secret pending words")
    assert "Secret pending words" not in client.get("/sitemap.xml").content.decode()


def test_robots_txt(client, db):
    response = client.get("/robots.txt")
    body = response.content.decode()
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    assert "Sitemap: http://testserver/sitemap.xml" in body
    assert "Disallow: /status/" in body and "Disallow: /admin/" in body
