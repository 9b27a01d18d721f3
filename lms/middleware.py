"""Vietnamese first: the browser's Accept-Language header does not pick the language.

Cadres' phones are often set to English; the programme's working language is Vietnamese.
English is a deliberate choice (the language switch sets a cookie; Wagtail users set it in
their account), so LocaleMiddleware must not see the header.
"""


class IgnoreAcceptLanguageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.META.pop("HTTP_ACCEPT_LANGUAGE", None)
        return self.get_response(request)
