"""Workbooks for people: the tables of :mod:`.csv_tables` as typed .xlsx files (XlsxWriter).

Amounts and percentages are numbers shown in French style (« 1 800 000 $ », « 62,7 % » in a
spreadsheet set to French), dates are dates, headers are the columns' French titles, the
header row stays in view, and the data dictionary has its own sheet. Text is written as
text, never as a formula. Same tables, same bytes: the workbook's date is fixed.
"""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import xlsxwriter

from generator.opendata.csv_tables import Row, Table, echeance_date

# Excel's codes are locale-neutral: "," groups thousands, "." marks decimals, and a spreadsheet
# set to French (Canada) shows them as spaces and commas. "%" multiplies by 100.
_FORMATS = {
    "$": '#,##0\\ "$"',
    "$.": '#,##0.00\\ "$"',  # amounts with cents
    "%": '0.0\\ %',
    "date": "yyyy-mm-dd",
    "yearmonth": "yyyy-mm",
    "integer": "0",
    "year": "0",
}
_TYPES_IN_FRENCH = {
    "string": "texte", "integer": "nombre entier", "year": "année", "number": "nombre",
    "date": "date (AAAA-MM-JJ)", "yearmonth": "mois (AAAA-MM)",
}
_FIXED_DATE = dt.datetime(2000, 1, 1)  # the workbook's creation date: never today's, so the bytes never change


def workbook(sheets: list[tuple[Table, list[Row]]], title: str, licence: str, source: str) -> bytes:
    """One workbook: a sheet per table, then the dictionary of their columns."""
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False})
    book.set_properties({"title": title, "created": _FIXED_DATE, "comments": f"{licence}. {source}"})
    header = book.add_format({"bold": True, "text_wrap": True, "valign": "top", "bg_color": "#E8EEF4", "border": 1})
    wrap = book.add_format({"text_wrap": True, "valign": "top"})
    formats = {key: book.add_format({"num_format": code, "valign": "top"}) for key, code in _FORMATS.items()}
    for table, rows in sheets:
        sheet = book.add_worksheet(table.sheet)
        for col, column in enumerate(table.columns):
            sheet.write_string(0, col, column.title, header)
            sheet.set_column(col, col, 40 if column.type == "string" and not column.name.startswith(("document", "organisation")) else 16)
        for r, row in enumerate(rows, start=1):
            for col, column in enumerate(table.columns):
                _write(sheet, r, col, row[column.name], column.type, column.unit, formats, wrap)
        sheet.freeze_panes(1, 0)
        if rows:
            sheet.autofilter(0, 0, len(rows), len(table.columns) - 1)
    _dictionary(book, [table for table, _ in sheets], header, wrap, licence, source)
    book.close()
    return buffer.getvalue()


def _write(sheet: Any, r: int, col: int, value: Any, kind: str, unit: str | None, formats: dict[str, Any], wrap: Any) -> None:
    if value is None:
        return
    if kind == "number":
        number = float(value)
        if unit == "%":
            sheet.write_number(r, col, number / 100, formats["%"])
        elif unit == "$":
            sheet.write_number(r, col, number, formats["$" if number == int(number) else "$."])
        else:
            sheet.write_number(r, col, number)
    elif kind in ("integer", "year"):
        sheet.write_number(r, col, int(value), formats[kind])
    elif kind == "date":
        sheet.write_datetime(r, col, dt.datetime(value.year, value.month, value.day), formats["date"])
    elif kind == "yearmonth":
        first = echeance_date(value)
        sheet.write_datetime(r, col, dt.datetime(first.year, first.month, 1), formats["yearmonth"])
    else:
        sheet.write_string(r, col, str(value), wrap)


def _dictionary(book: Any, tables: list[Table], header: Any, wrap: Any, licence: str, source: str) -> None:
    sheet = book.add_worksheet("Dictionnaire")
    titles = ("Feuille", "Colonne", "En-tête", "Type", "Unité", "Description")
    for col, title in enumerate(titles):
        sheet.write_string(0, col, title, header)
    for col, width in enumerate((14, 28, 28, 18, 8, 80)):
        sheet.set_column(col, col, width)
    r = 1
    for table in tables:
        for column in table.columns:
            unit = {"$": "dollars", "%": "pour cent"}.get(column.unit or "", "")
            for col, text in enumerate((table.sheet, column.name, column.title, _TYPES_IN_FRENCH[column.type], unit, column.description)):
                sheet.write_string(r, col, text, wrap)
            r += 1
    sheet.write_string(r + 1, 0, "Licence", header)
    sheet.write_string(r + 1, 1, licence, wrap)
    sheet.write_string(r + 2, 0, "Source", header)
    sheet.write_string(r + 2, 1, source, wrap)
    sheet.freeze_panes(1, 0)

