"""A chart for a named query whose answer is a series (a count per year, per category): an SVG drawn
on the server, so the page needs no script and the chart prints and saves with it."""

from __future__ import annotations

from collections import defaultdict
from html import escape
from typing import Any

PALETTE = ("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf")
MAX_SERIES = len(PALETTE)
XSD_NUMBERS = {f"http://www.w3.org/2001/XMLSchema#{t}" for t in ("integer", "decimal", "double", "float", "int", "long",
                                                                  "nonNegativeInteger", "positiveInteger", "gYear")}


def _number(term: Any) -> float | None:
    datatype = getattr(term, "datatype", None)
    if datatype is None or datatype.value not in XSD_NUMBERS:
        return None
    try:
        return float(term.value)
    except ValueError:
        return None


def series(table: Any) -> tuple[str, str, str | None, dict[str, dict[int, float]]] | None:
    """(x column, y column, series column, {series: {year: value}}) when the answer is a series:
    a `year` column, one numeric column, and at most one text column naming the series."""
    if "year" not in table.variables or not table.rows:
        return None
    numeric = [v for v in table.variables if v != "year" and all(_number(r.get(v)) is not None for r in table.rows if v in r)
               and any(v in r for r in table.rows)]
    if len(numeric) != 1:
        return None
    names = [v for v in table.variables if v not in ("year", *numeric) and all(getattr(r.get(v), "datatype", None) is not None or v not in r for r in table.rows)]
    label = names[0] if names else None
    data: dict[str, dict[int, float]] = defaultdict(dict)
    for row in table.rows:
        year, value = _number(row.get("year")), _number(row.get(numeric[0]))
        if year is None or value is None:
            return None
        key = row[label].value if label and label in row else numeric[0]
        data[key][int(year)] = data[key].get(int(year), 0) + value
    return "year", numeric[0], label, dict(data)


def series_chart(table: Any, width: int = 760, height: int = 320) -> str | None:
    """An SVG line chart of the series (the largest MAX_SERIES by total), or None if not a series."""
    found = series(table)
    if found is None:
        return None
    _, measure, label, data = found
    ranked = sorted(data, key=lambda k: -sum(data[k].values()))[:MAX_SERIES]
    years = sorted({y for k in ranked for y in data[k]})
    top = max((v for k in ranked for v in data[k].values()), default=1) or 1
    left, right, bottom, upper = 48, 200, 28, 12
    plot_w, plot_h = width - left - right, height - bottom - upper
    span = max(years[-1] - years[0], 1)

    def x(year: int) -> float:
        return left + (year - years[0]) / span * plot_w if len(years) > 1 else left + plot_w / 2

    def y(value: float) -> float:
        return upper + plot_h - value / top * plot_h

    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" role="img" class="chart" viewBox="0 0 {width} {height}" width="{width}" height="{height}">',
             f"<title>{escape(measure)} per year{' by ' + escape(label) if label else ''}</title>",
             f'<line x1="{left}" y1="{upper + plot_h}" x2="{left + plot_w}" y2="{upper + plot_h}" stroke="#555"/>',
             f'<line x1="{left}" y1="{upper}" x2="{left}" y2="{upper + plot_h}" stroke="#555"/>',
             f'<text x="{left - 6}" y="{upper + 4}" text-anchor="end" font-size="11">{top:g}</text>',
             f'<text x="{left - 6}" y="{upper + plot_h}" text-anchor="end" font-size="11">0</text>']
    step = max(1, len(years) // 10)
    for year in years[::step]:
        parts.append(f'<text x="{x(year):.1f}" y="{height - 8}" text-anchor="middle" font-size="11">{year}</text>')
    for i, key in enumerate(ranked):
        colour = PALETTE[i]
        points = " ".join(f"{x(yr):.1f},{y(data[key].get(yr, 0)):.1f}" for yr in years)
        parts.append(f'<polyline fill="none" stroke="{colour}" stroke-width="2" points="{points}"><title>{escape(key)}</title></polyline>')
        for yr in years:
            parts.append(f'<circle cx="{x(yr):.1f}" cy="{y(data[key].get(yr, 0)):.1f}" r="2.5" fill="{colour}"><title>{escape(key)} {yr}: {data[key].get(yr, 0):g}</title></circle>')
        parts.append(f'<rect x="{width - right + 12}" y="{upper + i * 18}" width="10" height="10" fill="{colour}"/>')
        parts.append(f'<text x="{width - right + 28}" y="{upper + i * 18 + 9}" font-size="11">{escape(key[:28])}</text>')
    parts.append("</svg>")
    return "".join(parts)
