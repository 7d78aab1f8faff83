"""Request middleware of the project: the staff admin speaks German unless a user chose another language."""

from django.conf import settings
from django.urls import reverse
from django.utils import translation


class AdminGermanByDefaultMiddleware:
    """Under the admin's path, use German instead of the browser's language when no language was chosen.

    Staff work in German whatever their browser says; a choice made through `set_language` (the language
    cookie) still wins. Public and guest pages keep the language `LocaleMiddleware` found. Place right after
    `LocaleMiddleware`.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info.startswith(reverse("admin:index")) and not self._chosen_language(request):
            translation.activate(settings.LANGUAGE_CODE)
            request.LANGUAGE_CODE = translation.get_language()
        return self.get_response(request)

    @staticmethod
    def _chosen_language(request) -> str | None:
        code = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if code and translation.check_for_language(code) and code in dict(settings.LANGUAGES):
            return code
        return None
