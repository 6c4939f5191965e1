"""Long lists a page at a time, so a page costs the same however much data there is."""

from django.core.paginator import Page, Paginator


def page_of(request, items, per_page: int) -> Page:
    """The page of `items` named by ?page=; a missing, mistyped or too-large number gives
    the first or last page rather than an error. The page carries `numbers`, the page numbers
    to link to, with Paginator.ELLIPSIS where a run is left out."""
    paginator = Paginator(items, per_page)
    page = paginator.get_page(request.GET.get("page"))
    page.numbers = list(paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1))
    page.ellipsis = Paginator.ELLIPSIS
    return page
