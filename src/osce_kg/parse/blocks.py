"""The one block model that text renderings and HTML both become.

A page is a flat sequence of blocks: a text line, a list item (`- item`), or a group marker (a
lone `-` line: a list item that holds a nested block such as a menu section). HTML is flattened to
the same sequence (see html.py), so one extractor reads both and fixes apply to both.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

BlockKind = Literal["text", "item", "group"]


@dataclass(frozen=True)
class Block:
    """One line of the page: its kind, its text (whitespace-normalised) and its source line."""

    kind: BlockKind
    text: str
    line: int


def normalise_space(text: str) -> str:
    """Collapse runs of whitespace to one space: str.split() takes every Unicode space (a
    non-breaking space, a thin space) as one."""
    return " ".join(text.split())


# a line that is only an image in Markdown ('![](https://www.osce.org/files/...jpg)'): no text of the page
_IMAGE_LINE = re.compile(r"^(?:!\[[^\]]{0,300}\]\([^()\s]{0,2000}\)\s*)+$")


def text_blocks(text: str) -> list[Block]:
    """The blocks of a text rendering: `- x` is an item, a lone `-` a group, other lines text;
    a line that only shows an image is left out (it stood between a title and its dateline)."""
    blocks: list[Block] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = normalise_space(raw)
        if not line or (line.startswith("![") and _IMAGE_LINE.match(line)):
            continue
        if line == "-":
            blocks.append(Block("group", "", number))
        elif line.startswith("- "):
            blocks.append(Block("item", line[2:].strip(), number))
        else:
            blocks.append(Block("text", line, number))
    return blocks
