"""What the core hands to a site engine: pages (Markdown and facts about them) and the menu."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Union

@dataclass(frozen=True)
class Page:
    path: str
    title: str  # short: navigation and breadcrumbs
    markdown: str
    source: str | None = None  # content file the page comes from, relative to the content folder ("edit" links)
    head_title: str | None = None  # long: the browser tab and search results
    # As-of date of the page (sitemap lastmod): taken from the content, never the build
    # date, so that the same content always gives the same bytes.
    date: dt.date | None = None
    chart: tuple[Bar, ...] = ()  # an entente's contributions, drawn by the theme
    in_nav: bool = True  # former versions and schedules are reached by links, not the menu
    json_ld: str = ""  # schema.org data for search engines (escaped JSON), put in the page's head by the theme


@dataclass(frozen=True)
class Bar:
    """One bar of the contributions chart; texts are plain (the theme escapes them)."""

    label: str
    amount: str
    share: str
    ratio: float  # 0..1 of the largest contribution, for the bar's length
    in_kind: bool  # the whole contribution is in kind
    in_kind_ratio: float = 0.0  # 0..1 of the largest contribution: its in-kind part, hatched
    in_kind_amount: str = ""  # the in-kind part of a cash contribution, if any


NavItem = Union[str, dict[str, Union[str, list["NavItem"]]]]
