"""Atom feed of new handbook editions."""

import datetime

from django.contrib.syndication.views import Feed
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from .models import HandbookEdition


class EditionsFeed(Feed):
    feed_type = Atom1Feed

    def __init__(self, index):
        super().__init__()
        self.index = index

    def title(self):
        return _("Sức Trẻ — ấn bản cẩm nang mới")

    def link(self):
        return self.index.url

    def subtitle(self):
        return _("Các ấn bản mới của cẩm nang quản lý, điều phối hoạt động tình nguyện.")

    def items(self):
        return (
            HandbookEdition.objects.filter(page__live=True, page__path__startswith=self.index.path)
            .select_related("page")
            .order_by("-date", "-pk")[:30]
        )

    def item_title(self, item):
        return f"{item.page.title} — {item.label}"

    def item_description(self, item):
        return item.changes

    def item_link(self, item):
        return item.page.url

    def item_guid(self, item):
        return f"{item.page.full_url}#edition-{item.pk}"

    def item_updateddate(self, item):
        return timezone.make_aware(datetime.datetime.combine(item.date, datetime.time(8)))

    item_pubdate = item_updateddate
