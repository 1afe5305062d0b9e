"""The upload of a spreadsheet to import, checked for its size and kind before any row
is read: part of the spreadsheet toolkit, shared by the plan import and procurement's
tender and contract import."""

from django import forms
from django.utils.translation import gettext_lazy as _

from mvimonitor.exchange.problems import SpreadsheetError
from mvimonitor.exchange.reading import check_size, detect_kind


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Spreadsheet"),
        help_text=_("An Excel (.xlsx), OpenDocument (.ods) or CSV file (.csv) with a header row."),
        widget=forms.ClearableFileInput(
            attrs={
                "accept": ".xlsx,.ods,.csv,application/vnd.openxmlformats-officedocument."
                "spreadsheetml.sheet,application/vnd.oasis.opendocument.spreadsheet,text/csv"
            }
        ),
    )

    def clean_file(self) -> bytes:
        """The file's content, once it is known to be a readable spreadsheet of a
        size we accept; the rows are checked by the import itself."""
        upload = self.cleaned_data["file"]
        try:
            check_size(upload.size or 0)
            content = upload.read()
            detect_kind(content, filename=upload.name or "")
        except SpreadsheetError as error:
            raise forms.ValidationError(error.message, code="unreadable") from error
        self.file_name = upload.name or "import"
        return bytes(content)
