"""Forms of the funding app: booking a cost with its receipt (staff page and admin)."""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import BudgetLine, Cost
from .receipts import check_receipt, download_name


class ReceiptCheckMixin:
    """Checks the receipt by its content and names the stored file after what the content is."""

    def clean_receipt(self):
        upload = self.cleaned_data.get("receipt")
        if upload is None or upload is False or getattr(upload, "_committed", False):
            return upload  # unchanged: the receipt already stored
        suffix = check_receipt(upload)
        upload.name = download_name(upload.name, suffix)
        self.receipt_name = upload.name
        return upload

    def _apply_receipt_name(self, cost: Cost) -> None:
        if getattr(self, "receipt_name", None):
            cost.receipt_name = self.receipt_name


class CostForm(ReceiptCheckMixin, forms.ModelForm):
    """A cost booked on the funding's page: the budget line chosen among the funding's own."""

    amount = forms.DecimalField(
        label=_("Betrag (€)"),
        max_digits=12,
        decimal_places=2,
        min_value=Decimal("0.01"),
        localize=True,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
        error_messages={"min_value": _("Der Betrag muss größer als 0 sein.")},
    )

    class Meta:
        model = Cost
        fields = ["line", "spent_on", "description", "payee", "amount", "receipt"]
        widgets = {
            "spent_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "receipt": forms.FileInput(
                attrs={"accept": ".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"}
            ),
        }

    def __init__(self, *args, funding, **kwargs):
        super().__init__(*args, **kwargs)
        lines = BudgetLine.objects.filter(funding=funding)
        self.fields["line"].queryset = lines
        self.fields["line"].empty_label = None
        self.fields["receipt"].required = True

    def save_booked(self, *, booked_by) -> Cost:
        cost = self.save(commit=False)
        cost.booked_by = booked_by
        self._apply_receipt_name(cost)
        cost.save()
        return cost


class CostAdminForm(ReceiptCheckMixin, forms.ModelForm):
    class Meta:
        model = Cost
        fields = ["line", "spent_on", "description", "payee", "amount", "receipt"]
        # A plain file input: the clearable one would print the storage's URL, which serves nothing.
        widgets = {"receipt": forms.FileInput()}
