"""MyST markdown to plain Jupyter markdown: what JupyterLab, Colab and GitHub render without a MyST plug-in.

The book's notebooks are written for Jupyter Book: roles such as ``{term}`divisor``` and ``{glue:text}`x:.1%```,
directives such as ``:::{admonition}`` and ``{exercise}``, target lines ``(label)=`` and escaped dollars. A plain
renderer shows all of that as raw text, or (the dollars) as maths. :func:`convert` rewrites one markdown text:

* ``{term}`` becomes a link to the term on the website's glossary page;
* ``{cite}`` becomes "Author Year" linked to the website's references page;
* ``{doc}`` becomes a link to the other notebook (or website page) by its title;
* ``{ref}`` becomes a link to the notebook or page that holds the label;
* ``{glue:text}`` becomes the value the chapter computed, formatted as the book formats it;
* admonitions become quoted blocks with a bold title, exercises headed sections;
* solutions are taken out and handed back, so the caller decides where (or whether) they go;
* ``\\$`` becomes an entity in a span MathJax ignores, a dollar sign no renderer takes for maths.

Anything else in MyST syntax raises :class:`UnsupportedMyST`, so a chapter that starts using new syntax fails
the edition build instead of showing raw markup to a learner.
"""

from __future__ import annotations

import ast
import dataclasses
import re
from collections.abc import Callable, Mapping

FENCE = re.compile(r"^(?P<fence>`{3,}|:{3,})\{(?P<name>[\w:-]+)\}[ \t]*(?P<argument>.*?)\s*$")
OPTION = re.compile(r"^:(?P<key>[\w-]+):[ \t]*(?P<value>.*?)\s*$")
ROLE = re.compile(r"\{(?P<role>[\w:-]+)\}`(?P<content>[^`]+)`")
TARGET = re.compile(r"^\((?P<label>[\w:.-]+)\)=\s*$")
EXPLICIT_TITLE = re.compile(r"^(?P<title>.+?)\s*<(?P<target>[^<>]+)>$")
ADMONITION_TITLES = {"note": "Note", "tip": "Tip", "warning": "Warning", "important": "Important",
                     "hint": "Hint", "caution": "Caution", "attention": "Attention", "seealso": "See also"}
SOLUTION_GATES = ("solution-start", "solution-end")
CURRENCY_DOLLAR = '<span class="mathjax_ignore">&#36;</span>'
# Exercises are numbered per notebook, so the cell-level pass leaves a mark the notebook-level pass fills in.
EXERCISE_MARK = "\u27e6exercise:{label}\u27e7"
# Where a solution was (a {solution} directive, or a solution-start/-end gate), on a line of its own, so the
# notebook-level pass can split a cell at the exact place and put a pointer (or nothing) there.
SOLUTION_MARK = "\u27e6{kind}:{label}\u27e7"
SOLUTION_MARK_LINE = re.compile(r"^\u27e6(?P<kind>solution|solution-start|solution-end):(?P<label>[^\u27e7]*)\u27e7$", re.M)


class UnsupportedMyST(ValueError):
    """MyST syntax the plain-markdown converter does not know; the message names it and where it is."""


@dataclasses.dataclass(frozen=True)
class Links:
    """Where converted links point: one function per kind of target, all built from the editions config."""

    term: Callable[[str], str]
    citation: Callable[[str], str]
    document: Callable[[str], str]
    label: Callable[[str], str]


@dataclasses.dataclass
class Converted:
    """One converted markdown text: the plain text, solutions taken out, exercise labels seen, gates met."""

    text: str
    solutions: list[tuple[str, str]] = dataclasses.field(default_factory=list)
    exercises: list[str] = dataclasses.field(default_factory=list)
    gates: list[tuple[str, str]] = dataclasses.field(default_factory=list)


def format_glued(raw: str, spec: str, name: str) -> str:
    """Format a glued value's stored ``text/plain`` form with ``spec``, as myst-nb's ``glue:text`` does.

    Parameters
    ----------
    raw : str
        The ``text/plain`` output stored by ``glue`` (a Python literal such as ``0.1234`` or ``'June'``).
    spec : str
        A format specification (``",.0f"``, ``".1%"``) or ``""`` for the value as stored.
    name : str
        The glue name, used in error messages.

    Returns
    -------
    str

    Raises
    ------
    UnsupportedMyST
        If a format is given for a value that is not a Python literal, or the format does not fit the value.

    Examples
    --------
    >>> format_glued("0.52", ".1%", "share")
    '52.0%'
    >>> format_glued("'June'", "", "month")
    'June'
    """
    try:
        value = ast.literal_eval(raw)
    except (ValueError, SyntaxError):
        if spec:
            raise UnsupportedMyST(f"glue {name!r}: stored value {raw!r} is not a literal, cannot apply {spec!r}") from None
        return raw
    if not spec:
        return str(value)
    try:
        return format(value, spec)
    except (ValueError, TypeError) as error:
        raise UnsupportedMyST(f"glue {name!r}: format {spec!r} does not fit {value!r}: {error}") from None


def _split_title(content: str) -> tuple[str | None, str]:
    match = EXPLICIT_TITLE.match(content.strip())
    if match:
        return match["title"], match["target"].strip()
    return None, content.strip()


def convert_roles(text: str, glued: Mapping[str, str], links: Links, where: str) -> str:
    """Replace every MyST role in ``text``; see the module docstring for what each becomes."""

    def replace(match: re.Match) -> str:
        role, content = match["role"], match["content"]
        if role == "glue:text":
            name, _, spec = content.partition(":")
            if name not in glued:
                raise UnsupportedMyST(f"{where}: {{glue:text}} {name!r} was never glued (run the notebook first)")
            return format_glued(glued[name], spec, name)
        if role == "term":
            title, target = _split_title(content)
            return f"[{title or target}]({links.term(target)})"
        if role in ("cite", "cite:p", "cite:t"):
            keys = [key.strip() for key in content.split(",")]
            cited = "; ".join(links.citation(key) for key in keys)
            return cited if role == "cite:t" else f"({cited})"
        if role == "doc":
            title, target = _split_title(content)
            url, default_title = links.document(target).split("\t", 1)
            return f"[{title or default_title}]({url})"
        if role == "ref":
            title, target = _split_title(content)
            url, default_title = links.label(target).split("\t", 1)
            return f"[{title or default_title}]({url})"
        raise UnsupportedMyST(f"{where}: the role {{{role}}} has no plain-markdown form")

    converted = ROLE.sub(replace, text)
    # An escaped dollar is currency. As an entity no markdown maths scanner sees it; in a span with MathJax's
    # ignore class the typesetting pass that JupyterLab runs on the rendered page skips it too.
    return converted.replace("\\$", CURRENCY_DOLLAR)


def _quote(text: str) -> str:
    return "\n".join(f"> {line}" if line.strip() else ">" for line in text.strip("\n").splitlines())


def _directive_block(lines: list[str], start: int, where: str) -> tuple[str, str, dict[str, str], list[str], int]:
    """Parse the directive opening at ``lines[start]``; return name, argument, options, body lines, next index."""
    opening = FENCE.match(lines[start])
    fence = opening["fence"]
    end = start + 1
    closing = re.compile(rf"^{re.escape(fence[0])}{{{len(fence)},}}\s*$")
    while end < len(lines) and not closing.match(lines[end]):
        end += 1
    if end == len(lines) and opening["name"] not in SOLUTION_GATES:
        raise UnsupportedMyST(f"{where}: the {{{opening['name']}}} directive is never closed")
    body = lines[start + 1:end]
    options: dict[str, str] = {}
    while body and OPTION.match(body[0]):
        option = OPTION.match(body[0])
        options[option["key"]] = option["value"]
        body = body[1:]
    return opening["name"], opening["argument"], options, body, end + 1


def convert(text: str, glued: Mapping[str, str], links: Links, where: str = "markdown") -> Converted:
    """Convert one MyST markdown text to plain markdown (see the module docstring).

    Parameters
    ----------
    text : str
        The MyST source of one markdown cell.
    glued : mapping of str to str
        Glue name to stored ``text/plain`` value, from the executed notebook.
    links : Links
        Where terms, citations, documents and labels point.
    where : str
        Names the cell in error messages.

    Returns
    -------
    Converted
        The plain text; solutions (label, plain body) taken out of it; exercise labels in order; and the
        ``solution-start``/``solution-end`` gates met, with their labels, for the notebook-level pass.

    Raises
    ------
    UnsupportedMyST
        For a role or directive with no plain form, an unclosed directive or a glue name never stored.

    Examples
    --------
    >>> links = Links(term=lambda t: f"https://site/glossary.html#{t}", citation=lambda k: k,
    ...               document=lambda d: f"{d}.ipynb\\t{d}", label=lambda lab: f"#{lab}\\t{lab}")
    >>> convert("Costs \\\\$5, or {glue:text}`share:.0%` of it.", {"share": "0.25"}, links).text
    'Costs <span class="mathjax_ignore">&#36;</span>5, or 25% of it.'
    """
    result = Converted(text="")
    lines = text.splitlines()
    out: list[str] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        if TARGET.match(line):
            index += 1
            continue
        if not FENCE.match(line):
            out.append(line)
            index += 1
            continue
        name, argument, options, body, index = _directive_block(lines, index, where)
        inner = convert("\n".join(body), glued, links, where)
        result.solutions.extend(inner.solutions)
        result.exercises.extend(inner.exercises)
        if name == "index":  # entries for the website's index and search; nothing to show in a notebook
            continue
        if name in SOLUTION_GATES:
            result.gates.append((name, argument.strip()))
            # The gate's own fence carries only options; what follows the closing fence continues as usual.
            out.append("\n" + SOLUTION_MARK.format(kind=name, label=argument.strip()) + "\n")
            continue
        if name == "admonition" or name in ADMONITION_TITLES:
            title = convert_roles(argument, glued, links, where) if name == "admonition" else ADMONITION_TITLES[name]
            out.append(_quote(f"**{title}**\n\n{inner.text}"))
        elif name == "exercise":
            label = options.get("label", f"exercise-{len(result.exercises) + 1}")
            result.exercises.append(label)
            title = f": {convert_roles(argument, glued, links, where)}" if argument else ""
            out.append(f"### Exercise {EXERCISE_MARK.format(label=label)}{title}\n\n{inner.text.strip()}")
        elif name == "solution":
            result.solutions.append((argument.strip(), inner.text.strip()))
            out.append("\n" + SOLUTION_MARK.format(kind="solution", label=argument.strip()) + "\n")
        else:
            raise UnsupportedMyST(f"{where}: the directive {{{name}}} has no plain-markdown form")
    result.text = convert_roles("\n".join(out), glued, links, where).strip("\n")
    return result
