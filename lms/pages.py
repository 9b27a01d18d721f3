"""Page behaviour shared by the apps that publish Wagtail pages."""

from django.utils.text import slugify

from organizations.text import fold


class FoldedSlugMixin:
    """Readable ASCII slugs from Vietnamese titles: "Điều phối" → "dieu-phoi".

    Django's slugify drops "đ" (it has no decomposition); folding first keeps it as "d".
    The admin's own slug field already transliterates; this covers pages made in code.
    """

    def full_clean(self, *args, **kwargs):
        if not self.slug and self.title:
            self.slug = slugify(fold(self.title))[:255]
        return super().full_clean(*args, **kwargs)
