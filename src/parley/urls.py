from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

from parley.apps.comments.seo import SITEMAPS, robots_txt
from parley.apps.moderation.otp import StaffAdminSite

# The admin signs in through the staff login and needs a session verified with the second factor.
admin.site.__class__ = StaffAdminSite
admin.site.site_header = "Parley administration"
admin.site.site_title = "Parley"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("robots.txt", robots_txt, name="robots"),
    path("api/", include("parley.apps.api.urls")),
    path("embed/", include("parley.apps.comments.embed_urls")),
    path("moderate/", include("parley.apps.moderation.urls")),
    path("", include("parley.apps.moderation.urls.public")),
    path("", include("parley.apps.comments.urls")),
]

handler400 = "parley.errors.bad_request"
handler403 = "parley.errors.forbidden"
handler404 = "parley.errors.not_found"
handler500 = "parley.errors.server_error"
