"""Lesson bodies as Markdown, and rich text as Markdown, both ways (docs/course-packages.md).

A lesson file's body maps to the blocks of `courses.blocks.LessonBodyBlock`:

- `## Heading` (at the start of a line) is a `heading` block (plain text);
- `::: note` / `::: caution` / `::: reflection` … `:::` is a `callout` (plain text inside);
- `::: key-points` with one `- point` a line … `:::` is `key_points`;
- `::: image media/file.png` with `alt:` and `caption:` lines, `::: document media/file.pdf`
  with an optional `label:` line, `::: video https://…` with the transcript inside;
- everything else (paragraphs, `-`/`1.` lists, `### subheadings`, **bold**, *italic*,
  [links](…)) is rich text, one `paragraph` block per run between the blocks above.

Rich text is stored the way Wagtail's editor stores it (`<b>`, `<i>`, `<a linktype="page">`),
so an imported lesson is what a trainer would have typed in the admin.
"""

import re
from dataclasses import dataclass, field
from html import escape
from html.parser import HTMLParser

from markdown_it import MarkdownIt

WRAP_WIDTH = 88
CALLOUT_KINDS = ("note", "caution", "reflection")
DIRECTIVES = (*CALLOUT_KINDS, "key-points", "image", "document", "video")

_DIRECTIVE = re.compile(r"^:::[ \t]*(\S+)[ \t]*(.*?)[ \t]*$")
_CLOSE = re.compile(r"^:::[ \t]*$")
_HEADING = re.compile(r"^##(?:[ \t]+(.*?))?[ \t]*$")
_FRONT_MATTER_FENCE = re.compile(r"^---[ \t]*$")
_SAFE_SCHEMES = ("http://", "https://", "mailto:", "tel:", "/", "#")
PAGE_SCHEME = "page:"


class ExportProblem(Exception):
    """Something in a page that a package can't hold; the exporter names the page and block."""


@dataclass
class LessonBlock:
    type: str
    value: object
    line: int


@dataclass
class Problems:
    """Problems found while reading one file: (line, message)."""

    items: list[tuple[int, str]] = field(default_factory=list)

    def add(self, line: int, message: str) -> None:
        self.items.append((line, message))


def _markdown() -> MarkdownIt:
    return MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})


_MD = _markdown()


# --- Markdown → rich text -------------------------------------------------------------------


def richtext_from_markdown(
    text: str, *, first_line: int, problems: Problems, resolve_link, allow_h2: bool = False
) -> str:
    """Wagtail rich-text HTML from Markdown. `resolve_link(ref, line)` turns a `page:` link's
    reference into a page id (or None, having reported why)."""
    tokens = _MD.parse(text)
    html: list[str] = []
    in_item: list[int] = []  # paragraphs seen in each open list item
    for token in tokens:
        line = first_line + (token.map[0] if token.map else 0)
        kind = token.type
        if kind == "paragraph_open":
            if in_item:
                in_item[-1] += 1
                if in_item[-1] > 1:
                    problems.add(line, "a list item holds one paragraph (no blank line inside)")
            else:
                html.append("<p>")
        elif kind == "paragraph_close":
            if not in_item:
                html.append("</p>")
        elif kind in ("heading_open", "heading_close"):
            level = int(token.tag[1])
            if level == 3 or (level == 2 and allow_h2):
                html.append(f"<{'/' if kind.endswith('close') else ''}{token.tag}>")
            elif kind == "heading_open":
                where = "`## ` starts a heading block; inside text use `### `"
                problems.add(line, f"a level-{level} heading is not allowed here ({where})")
        elif kind == "bullet_list_open":
            html.append("<ul>")
        elif kind == "bullet_list_close":
            html.append("</ul>")
        elif kind == "ordered_list_open":
            html.append("<ol>")
        elif kind == "ordered_list_close":
            html.append("</ol>")
        elif kind == "list_item_open":
            in_item.append(0)
            html.append("<li>")
        elif kind == "list_item_close":
            in_item.pop()
            html.append("</li>")
        elif kind == "inline":
            html.append(_inline_html(token.children or [], line, problems, resolve_link))
        else:
            problems.add(line, f"{_describe(kind)} is not supported in lesson text")
    return "".join(html)


def _describe(kind: str) -> str:
    return {
        "fence": "a code block (```)",
        "code_block": "an indented code block (four spaces)",
        "blockquote_open": "a quotation (>); use ::: note",
        "hr": "a horizontal rule (---)",
        "html_block": "HTML",
    }.get(kind, kind.replace("_open", "").replace("_", " "))


def _inline_html(children, line: int, problems: Problems, resolve_link) -> str:
    out: list[str] = []
    for token in children:
        kind = token.type
        if kind == "text":
            out.append(escape(token.content, quote=False))
        elif kind == "softbreak":
            out.append(" ")
        elif kind == "hardbreak":
            out.append("<br/>")
        elif kind in ("strong_open", "strong_close", "em_open", "em_close"):
            tag = "b" if kind.startswith("strong") else "i"
            out.append(f"</{tag}>" if kind.endswith("close") else f"<{tag}>")
        elif kind == "link_open":
            href = str(token.attrGet("href") or "")
            if href.startswith(PAGE_SCHEME):
                page_id = resolve_link(href.removeprefix(PAGE_SCHEME), line)
                out.append(f'<a linktype="page" id="{page_id or 0}">')
            elif href.startswith(_SAFE_SCHEMES):
                out.append(f'<a href="{escape(href)}">')
            else:
                problems.add(line, f"link to {href or '(nothing)'}: use http(s), mailto or page:")
                out.append("<a>")
        elif kind == "link_close":
            out.append("</a>")
        elif kind == "code_inline":
            problems.add(line, "inline code (`…`) is not supported; write \\` for a backtick")
        elif kind == "image":
            problems.add(line, "an inline image is not supported; use ::: image media/…")
        else:
            problems.add(line, f"{kind} is not supported in lesson text")
    return "".join(out)


# --- Lesson body Markdown → blocks ----------------------------------------------------------


def lesson_blocks_from_markdown(
    text: str, *, first_line: int, problems: Problems, resolve_link
) -> list[LessonBlock]:
    """The blocks of a lesson body. Media blocks carry their package path (`media/…`)."""
    blocks: list[LessonBlock] = []
    lines = text.split("\n")
    run: list[tuple[int, str]] = []

    def flush():
        content = [(number, line) for number, line in run]
        while content and not content[0][1].strip():
            content.pop(0)
        if content:
            html = richtext_from_markdown(
                "\n".join(line for _, line in content),
                first_line=content[0][0],
                problems=problems,
                resolve_link=resolve_link,
            )
            blocks.append(LessonBlock("paragraph", html, content[0][0]))
        run.clear()

    index = 0
    while index < len(lines):
        line, number = lines[index], first_line + index
        heading = _HEADING.match(line)
        directive = _DIRECTIVE.match(line) if not _CLOSE.match(line) else None
        if heading:
            flush()
            title = (heading.group(1) or "").strip()
            if not title:
                problems.add(number, "a heading needs some text after ##")
            elif len(title) > 120:
                problems.add(number, f"a heading is at most 120 characters (it has {len(title)})")
            blocks.append(LessonBlock("heading", title, number))
        elif directive:
            flush()
            inner: list[str] = []
            index += 1
            while index < len(lines) and not _CLOSE.match(lines[index]):
                inner.append(lines[index])
                index += 1
            if index >= len(lines):
                problems.add(number, f"::: {directive.group(1)} is never closed (a line of :::)")
            block = _directive_block(
                directive.group(1), directive.group(2), inner, number, problems
            )
            if block:
                blocks.append(block)
        elif _CLOSE.match(line):
            flush()
            problems.add(number, "a closing ::: with nothing open")
        else:
            run.append((number, line))
        index += 1
    flush()
    if not blocks:
        problems.add(first_line, "the lesson has no content")
    return blocks


def _directive_block(name: str, argument: str, inner: list[str], line: int, problems: Problems):
    text = "\n".join(inner).strip("\n")
    if name in CALLOUT_KINDS:
        if argument:
            problems.add(line, f"::: {name} takes nothing after its name")
        if not text.strip():
            problems.add(line, f"the {name} is empty")
        return LessonBlock("callout", {"kind": name, "text": text}, line)
    if name == "key-points":
        points = []
        for offset, item in enumerate(inner, start=1):
            if not item.strip():
                continue
            match = re.match(r"^[-*][ \t]+(.*?)[ \t]*$", item)
            if not match or not match.group(1):
                problems.add(line + offset, "each key point is a line starting with '- '")
            elif len(match.group(1)) > 200:
                problems.add(line + offset, "a key point is at most 200 characters")
            else:
                points.append(match.group(1))
        if not points:
            problems.add(line, "key points need at least one '- point'")
        return LessonBlock("key_points", points, line)
    if name in ("image", "document"):
        fields = _directive_fields(inner, line, problems, allowed=_MEDIA_FIELDS[name])
        if not argument.startswith("media/"):
            problems.add(line, f"::: {name} names a file under media/, e.g. ::: {name} media/x")
        value = {name: argument, **fields}
        if name == "image" and not fields.get("alt"):
            problems.add(line, "an image needs an 'alt:' line describing it")
        for key, limit in (("alt", 250), ("caption", 250), ("label", 120)):
            if len(fields.get(key, "")) > limit:
                problems.add(line, f"{key} is at most {limit} characters")
        return LessonBlock(name, value, line)
    if name == "video":
        if not argument.startswith(("https://", "http://")):
            problems.add(line, "::: video names the video's web address, e.g. a YouTube link")
        return LessonBlock("video", {"video": argument, "transcript": text}, line)
    problems.add(line, f"unknown block ::: {name} (one of {', '.join(DIRECTIVES)})")
    return None


_MEDIA_FIELDS = {"image": ("alt", "caption"), "document": ("label",)}


def _directive_fields(inner, line, problems, *, allowed) -> dict[str, str]:
    fields = {}
    for offset, item in enumerate(inner, start=1):
        if not item.strip():
            continue
        key, sep, value = item.partition(":")
        key = key.strip()
        if not sep or key not in allowed:
            problems.add(line + offset, f"expected one of {', '.join(a + ':' for a in allowed)}")
            continue
        fields[key] = value.strip()
    return fields


# --- rich text → Markdown -------------------------------------------------------------------


class _Node:
    def __init__(self, tag: str, attrs: dict):
        self.tag, self.attrs, self.children = tag, attrs, []


class _TreeBuilder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = _Node("root", {})
        self.stack = [self.root]

    def handle_starttag(self, tag, attrs):
        node = _Node(tag, dict(attrs))
        self.stack[-1].children.append(node)
        if tag != "br":
            self.stack.append(node)

    def handle_startendtag(self, tag, attrs):
        self.stack[-1].children.append(_Node(tag, dict(attrs)))

    def handle_endtag(self, tag):
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth].tag == tag:
                del self.stack[depth:]
                return

    def handle_data(self, data):
        self.stack[-1].children.append(data)


_SPECIAL = re.compile(r"([\\`*_\[\]<])")
_ENTITY = re.compile(r"&(?=#?[0-9A-Za-z]+;)")
_RISKY_START = re.compile(r"^(#{1,6}|[-+*]|\d{1,9}[.)]|=+|-+|>.*|~~~.*|:::.*)$")
_LINE_START = re.compile(r"^(#{1,6}(?=\s|$)|[-+*](?=\s|$)|=+\s*$|-+\s*$|>|~~~|:::)")
_NUMBERED_START = re.compile(r"^(\d{1,9})([.)])(?=\s|$)")


def _escape(text: str) -> str:
    return _ENTITY.sub(r"\\&", _SPECIAL.sub(r"\\\1", text))


def _escape_line_start(text: str) -> str:
    if _LINE_START.match(text):
        return "\\" + text
    return _NUMBERED_START.sub(r"\1\\\2", text)


def richtext_to_markdown(html: str, *, link_ref, allow_h2: bool = False) -> str:
    """Markdown for Wagtail rich text; raises ExportProblem for what Markdown here can't hold.
    `link_ref(page_id)` gives a `page:` link's reference."""
    builder = _TreeBuilder()
    builder.feed(html)
    builder.close()
    parts: list[str] = []
    previous_list = None
    for node in builder.root.children:
        if isinstance(node, str):
            if node.strip():
                parts.append(_wrap(_escape_line_start(_inline([node], link_ref).strip())))
            continue
        tag = node.tag
        if tag == "p":
            text = _inline(node.children, link_ref).strip()
            if text:
                parts.append(_wrap(_escape_line_start(text)))
        elif tag == "h3" or (tag == "h2" and allow_h2):
            text = _inline(node.children, link_ref).strip()
            if "\n" in text:
                raise ExportProblem(f"a line break inside a <{tag}> heading")
            if text:
                parts.append(f"{'#' * int(tag[1])} {text}")
        elif tag in ("ul", "ol"):
            alternate = previous_list is not None and previous_list == tag and parts
            parts.append("\n".join(_list(node, link_ref, alternate=bool(alternate))))
        else:
            raise ExportProblem(f"<{tag}> can't be written as Markdown")
        previous_list = tag if tag in ("ul", "ol") else None
    return "\n\n".join(parts)


def _list(node: _Node, link_ref, *, alternate: bool = False) -> list[str]:
    lines: list[str] = []
    number = 1
    for item in node.children:
        if isinstance(item, str):
            if item.strip():
                raise ExportProblem("text directly inside a list, outside its items")
            continue
        if item.tag != "li":
            raise ExportProblem(f"<{item.tag}> directly inside a list")
        if node.tag == "ul":
            marker = "*" if alternate else "-"
        else:
            marker = f"{number}{')' if alternate else '.'}"
        nested = [c for c in item.children if isinstance(c, _Node) and c.tag in ("ul", "ol")]
        inline = [c for c in item.children if c not in nested]
        text = _escape_line_start(_inline(inline, link_ref).strip())
        pad = " " * (len(marker) + 1)
        lines.append(_wrap(text, first=f"{marker} ", rest=pad) if text else marker)
        for sub in nested:
            lines.extend(pad + line if line else line for line in _list(sub, link_ref))
        number += 1
    return lines


def _inline(children, link_ref) -> str:
    out: list[str] = []
    for child in children:
        if isinstance(child, str):
            out.append(_escape(re.sub(r"[\r\n]+", " ", child)))
            continue
        tag = child.tag
        if tag in ("b", "strong"):
            out.append(_mark("**", _inline(child.children, link_ref)))
        elif tag in ("i", "em"):
            out.append(_mark("*", _inline(child.children, link_ref)))
        elif tag == "br":
            out.append("\\\n")
        elif tag == "a":
            text = _inline(child.children, link_ref)
            if child.attrs.get("linktype") == "page":
                target = PAGE_SCHEME + link_ref(int(child.attrs.get("id") or 0))
            elif child.attrs.get("linktype"):
                raise ExportProblem(f"a {child.attrs['linktype']} link (only page and web links)")
            elif child.attrs.get("href"):
                target = _MD.normalizeLink(child.attrs["href"])
            else:
                raise ExportProblem("a link without a target")
            target = target.replace(" ", "%20").replace("(", "\\(").replace(")", "\\)")
            out.append(f"[{text}]({target})")
        else:
            raise ExportProblem(f"<{tag}> inside text can't be written as Markdown")
    return "".join(out)


def _mark(mark: str, inner: str) -> str:
    core = inner.strip(" ")
    if not core:
        return inner
    lead = inner[: len(inner) - len(inner.lstrip(" "))]
    trail = inner[len(inner.rstrip(" ")) :]
    return f"{lead}{mark}{core}{mark}{trail}"


def _wrap(text: str, *, first: str = "", rest: str = "") -> str:
    """Wrap at WRAP_WIDTH on single spaces, never starting a line with something Markdown
    would read as a list, heading or block; hard breaks (backslash-newline) stay."""
    out: list[str] = []
    for index, hard_line in enumerate(text.split("\n")):
        prefix = first if index == 0 else rest
        words = hard_line.split(" ")
        line = prefix + words[0]
        for position in range(1, len(words)):
            word = words[position]
            breakable = (
                word
                and words[position - 1]
                and len(line) + 1 + len(word) > WRAP_WIDTH
                and len(line) > len(prefix)
                and not _RISKY_START.match(word)
            )
            if breakable:
                out.append(line)
                line = rest + word
            else:
                line += " " + word
        out.append(line)
        first = rest
    return "\n".join(out)


# --- Lesson blocks → Markdown ---------------------------------------------------------------


def lesson_markdown_from_blocks(blocks, *, link_ref, media_path) -> str:
    """`blocks` is a list of (type, value) as a StreamValue yields them. Adjacent paragraph
    blocks become one run of text (they render the same). Raises ExportProblem with
    `block` set to the 1-based block number."""
    parts: list[str] = []
    pending_html: list[str] = []
    pending_from = 0

    def flush():
        if pending_html:
            html = "".join(pending_html)
            try:
                text = richtext_to_markdown(html, link_ref=link_ref)
            except ExportProblem as problem:
                problem.block = pending_from
                raise
            if text:
                parts.append(text)
            pending_html.clear()

    for number, (kind, value) in enumerate(blocks, start=1):
        if kind == "paragraph":
            if not pending_html:
                pending_from = number
            pending_html.append(value.source if hasattr(value, "source") else str(value))
            continue
        flush()
        try:
            parts.append(_block_markdown(kind, value, media_path))
        except ExportProblem as problem:
            problem.block = number
            raise
    flush()
    return "\n\n".join(parts) + "\n"


def _plain(text: str, what: str) -> str:
    text = (text or "").replace("\r\n", "\n").strip("\n")
    if any(_CLOSE.match(line) for line in text.split("\n")):
        raise ExportProblem(f"the {what} has a line of ::: (it would end the block)")
    return text


def _block_markdown(kind: str, value, media_path) -> str:
    if kind == "heading":
        text = " ".join(str(value).split())
        return f"## {text}"
    if kind == "callout":
        return f"::: {value['kind']}\n{_plain(value['text'], 'callout')}\n:::"
    if kind == "key_points":
        points = [" ".join(str(point).split()) for point in value]
        return "::: key-points\n" + "".join(f"- {point}\n" for point in points) + ":::"
    if kind == "image":
        if value["image"] is None:
            raise ExportProblem("an image block whose image was deleted")
        lines = [f"::: image {media_path(value['image'])}", f"alt: {_one_line(value['alt_text'])}"]
        if value.get("caption"):
            lines.append(f"caption: {_one_line(value['caption'])}")
        return "\n".join([*lines, ":::"])
    if kind == "document":
        if value["document"] is None:
            raise ExportProblem("a document block whose document was deleted")
        lines = [f"::: document {media_path(value['document'])}"]
        if value.get("label"):
            lines.append(f"label: {_one_line(value['label'])}")
        return "\n".join([*lines, ":::"])
    if kind == "video":
        url = getattr(value["video"], "url", value["video"]) or ""
        if not url:
            raise ExportProblem("a video block without a link")
        transcript = _plain(value.get("transcript") or "", "transcript")
        return f"::: video {url}\n{transcript}\n:::" if transcript else f"::: video {url}\n:::"
    raise ExportProblem(f"a {kind} block, which packages don't hold")


def _one_line(text: str) -> str:
    return " ".join((text or "").split())
