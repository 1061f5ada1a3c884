"""Widget: search the course glossary from inside a notebook."""

from __future__ import annotations

import html

from rut_edu import glossary


def glossary_results_html(query: str, *, limit: int = 8) -> str:
    """HTML for the entries matching ``query`` (names first), or a hint when none match.

    Parameters
    ----------
    query : str
        What the reader typed.
    limit : int, default 8
        The most entries shown.

    Returns
    -------
    str
        HTML.

    Examples
    --------
    >>> "divisor" in glossary_results_html("divisor")
    True
    """
    query = str(query).strip()
    if not query:
        return "<p>Type a word, for example <em>divisor</em> or <em>float</em>.</p>"
    found = glossary.search(query)
    if not found:
        suggestions = glossary.closest_terms(query)
        hint = f" Closest terms: {html.escape(', '.join(suggestions))}." if suggestions else ""
        return f"<p>No entry mentions <em>{html.escape(query)}</em>.{hint}</p>"
    items = "".join(
        f"<dt><strong>{html.escape(e.term)}</strong></dt><dd>{html.escape(e.definition)}</dd>" for e in found[:limit]
    )
    more = f"<p>{len(found) - limit} more matches: refine the search.</p>" if len(found) > limit else ""
    return f"<dl>{items}</dl>{more}"


def glossary_search(*, initial: str = ""):
    """A text box that shows matching glossary entries as you type.

    Parameters
    ----------
    initial : str, default ""
        The text the box starts with.

    Returns
    -------
    ipywidgets.VBox
        The text box and the matching entries beneath it.

    Examples
    --------
    >>> type(glossary_search(initial="float")).__name__
    'VBox'
    """
    import ipywidgets as widgets

    box = widgets.Text(value=initial, description="Search", placeholder="a term or a word")
    results = widgets.HTML(glossary_results_html(initial))

    def update(change):
        results.value = glossary_results_html(change["new"])

    box.observe(update, names="value")
    return widgets.VBox([box, results])
