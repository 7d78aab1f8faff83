"""URLs of the protocol app (included at the site root, before the admin catch-all). Every view needs a staff
login (``admin.site.admin_view``) and checks its own permissions; changes only by POST.

protocol:overview            (pk)               a delegation's protocol page: precedence, Golden Book, plans
protocol:move                (pk, entry_pk, direction)  POST: move an entry "up" or "down"
protocol:add-missing         (pk)               POST: append guests and hosts not yet in the order
protocol:place-cards         (pk)               place cards for everyone of the delegation (PDF)
protocol:gifts               (pk)               the delegation's gifts register
protocol:gifts-download      (pk, fmt)          the same as csv or xlsx
protocol:running-order       (item_pk)          a programme item's speeches and seating plan, printable
protocol:running-order-pdf   (item_pk)          the same as PDF
protocol:item-place-cards    (item_pk)          place cards of the item's seating plan (PDF)
"""

from django.contrib import admin
from django.urls import path

from .views import gifts, precedence, running_order

app_name = "protocol"

DELEGATION = "admin/delegation/<int:pk>/protokoll/"
ITEM = "admin/programmpunkt/<int:item_pk>/"

urlpatterns = [
    path(DELEGATION, admin.site.admin_view(precedence.overview), name="overview"),
    path(
        f"{DELEGATION}rangfolge/<int:entry_pk>/<slug:direction>/",
        admin.site.admin_view(precedence.move),
        name="move",
    ),
    path(
        f"{DELEGATION}rangfolge/ergaenzen/", admin.site.admin_view(precedence.add_missing), name="add-missing"
    ),
    path(
        f"{DELEGATION}tischkarten.pdf",
        admin.site.admin_view(running_order.delegation_place_cards),
        name="place-cards",
    ),
    path(f"{DELEGATION}geschenke/", admin.site.admin_view(gifts.gift_list), name="gifts"),
    path(
        f"{DELEGATION}geschenke.<slug:fmt>", admin.site.admin_view(gifts.gift_download), name="gifts-download"
    ),
    path(f"{ITEM}protokoll/", admin.site.admin_view(running_order.page), name="running-order"),
    path(f"{ITEM}protokoll.pdf", admin.site.admin_view(running_order.pdf), name="running-order-pdf"),
    path(
        f"{ITEM}tischkarten.pdf",
        admin.site.admin_view(running_order.item_place_cards),
        name="item-place-cards",
    ),
]
