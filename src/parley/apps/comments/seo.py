"""What search engines read: sitemap.xml (every article's comments page) and robots.txt."""

from django.contrib.sitemaps import Sitemap
from django.http import HttpResponse
from django.urls import reverse
from django.views.decorators.cache import cache_page
from django.views.decorators.http import require_GET

from parley.apps.articles.models import Article


class ArticleCommentsSitemap(Sitemap):
    """Every article's comments page; ``lastmod`` is when its public comments last changed."""

    changefreq = "hourly"
    limit = 10000

    def items(self):
        return Article.objects.only("pk", "updated_at", "comments_updated_at", "published_at").order_by("pk")

    def location(self, item):
        return item.get_absolute_url()

    def lastmod(self, item):
        return max(d for d in (item.comments_updated_at, item.updated_at, item.published_at) if d is not None)


SITEMAPS = {"comments": ArticleCommentsSitemap}

ROBOTS_DISALLOW = ["/admin/", "/status/", "/articles/*/post/", "/api/"]


@require_GET
@cache_page(3600)
def robots_txt(request):
    lines = ["User-agent: *"]
    lines += [f"Disallow: {path}" for path in ROBOTS_DISALLOW]
    lines += ["Allow: /", "", f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
