"""Text made inert for Streamlit's Markdown, and skill chips as escaped HTML."""

from __future__ import annotations

import html

_MD_SPECIAL = str.maketrans({c: "\\" + c for c in "\\`*_{}[]()#+-.!|<>~$"})


def text(value: object) -> str:
    """Listing or CV text made inert for st.markdown: HTML escaped and Markdown syntax backslashed.

    Why both: escaping HTML alone still lets "[x](javascript:...)" become a link in Markdown.
    """
    # A word joiner after "://" and "www" stops Markdown from turning a URL in listing text into a link.
    value = str(value).replace("://", ":\u2060//").replace("www.", "www\u2060.")
    return html.escape(value, quote=True).translate(_MD_SPECIAL)


def chips(items: list[str], kind: str) -> str:
    """Skill chips as escaped HTML spans (listing text is never rendered as Markdown or HTML)."""
    css = {"matched": "nploy-chip nploy-chip-ok", "missing": "nploy-chip nploy-chip-miss"}[kind]
    return " ".join(f'<span class="{css}">{html.escape(item)}</span>' for item in items) or "<span>-</span>"


CHIP_CSS = """
<style>
.nploy-chip {display:inline-block; padding:1px 8px; margin:2px 2px; border-radius:10px; font-size:0.82em;}
.nploy-chip-ok {background:rgba(46,160,67,0.18); border:1px solid rgba(46,160,67,0.55);}
.nploy-chip-miss {background:rgba(219,109,40,0.14); border:1px solid rgba(219,109,40,0.5);}
</style>
"""
