#!/usr/bin/env python3
"""Writes the Alingsås example plan as a flat OpenDocument text (.fodt) with
real heading styles, for make.sh to convert to alingsas.docx.

Reads examples/alingsas-ks-2023-217/plan.txt, a plan as pasted from a PDF:
the first line is the title; a block starting "N Text" is a numbered
section (Heading 1, numbered by the outline numbering, as Word numbers
headings); in section 3, a block whose first line is short and has no final
punctuation is an unnumbered sub-heading (Heading 2); lines starting "• "
are bullet list items; other lines are hard-wrapped paragraph text, joined
again (a word hyphenated at a line end is joined without the hyphen). The
PDF's page breaks fall inside paragraphs, where Word has none of its own:
they are left out.

Usage: docx-alingsas.py PLAN.txt > alingsas.fodt
"""
import re
import sys
from xml.sax.saxutils import escape

HEAD = """<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
  xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
  xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
  xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
  office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
 <office:styles>
  <style:style style:name="Standard" style:family="paragraph" style:class="text"/>
  <style:style style:name="Heading" style:family="paragraph" style:parent-style-name="Standard" style:next-style-name="Text_20_body" style:class="text"/>
  <style:style style:name="Text_20_body" style:display-name="Text body" style:family="paragraph" style:parent-style-name="Standard" style:class="text"/>
  <style:style style:name="Title" style:family="paragraph" style:parent-style-name="Heading" style:class="chapter">
   <style:text-properties fo:font-size="24pt"/>
  </style:style>
  <style:style style:name="Heading_20_1" style:display-name="Heading 1" style:family="paragraph" style:parent-style-name="Heading" style:default-outline-level="1" style:class="text">
   <style:text-properties fo:font-size="16pt" fo:font-weight="bold"/>
  </style:style>
  <style:style style:name="Heading_20_2" style:display-name="Heading 2" style:family="paragraph" style:parent-style-name="Heading" style:default-outline-level="2" style:class="text">
   <style:text-properties fo:font-size="13pt" fo:font-weight="bold"/>
  </style:style>
  <text:outline-style style:name="Outline">
   <text:outline-level-style text:level="1" style:num-format="1">
    <style:list-level-properties text:list-level-position-and-space-mode="label-alignment">
     <style:list-level-label-alignment text:label-followed-by="listtab" text:list-tab-stop-position="0.76cm" fo:text-indent="-0.76cm" fo:margin-left="0.76cm"/>
    </style:list-level-properties>
   </text:outline-level-style>
   <text:outline-level-style text:level="2" style:num-format=""/>
  </text:outline-style>
  <text:list-style style:name="Bullets">
   <text:list-level-style-bullet text:level="1" text:bullet-char="•"/>
  </text:list-style>
 </office:styles>
 <office:body>
  <office:text>
"""
TAIL = """  </office:text>
 </office:body>
</office:document>
"""


def join(lines):
    """Hard-wrapped lines as one paragraph."""
    out = ""
    for line in lines:
        line = line.strip()
        if out.endswith("-") and line[:1].islower():
            out = out[:-1] + line
        elif out:
            out += " " + line
        else:
            out = line
    return out


def para(style, text):
    return f'   <text:p text:style-name="{style}">{escape(text)}</text:p>\n'


def heading(level, text):
    style = f"Heading_20_{level}"
    return f'   <text:h text:style-name="{style}" text:outline-level="{level}">{escape(text)}</text:h>\n'


def block(lines, section):
    """One block of the plan (lines between blank lines) as ODF."""
    out = ""
    m = re.match(r"(\d+) (\S.*)$", lines[0])
    if m:
        if int(m.group(1)) != section + 1:
            sys.exit(f"section {m.group(1)} follows section {section}")
        out += heading(1, m.group(2))
        lines, section = lines[1:], section + 1
    elif section == 3 and len(lines) > 1 and len(lines[0]) < 60 and not lines[0].endswith((".", ":", ",")):
        out += heading(2, lines[0])
        lines = lines[1:]
    text = [line for line in lines if not line.startswith("• ")]
    items = [line[2:] for line in lines if line.startswith("• ")]
    if text:
        out += para("Text_20_body", join(text))
    if items:
        out += '   <text:list text:style-name="Bullets">\n'
        for item in items:
            out += '    <text:list-item>' + para("Text_20_body", item.strip()).strip() + '</text:list-item>\n'
        out += "   </text:list>\n"
    return out, section


def main():
    plan = open(sys.argv[1], encoding="utf-8").read().replace("\f", "")
    blocks = [b.split("\n") for b in re.split(r"\n\s*\n", plan.strip())]
    out = HEAD + para("Title", blocks[0][0])
    if blocks[0][1:]:
        out += para("Text_20_body", join(blocks[0][1:]))
    section = 0
    for lines in blocks[1:]:
        text, section = block(lines, section)
        out += text
    sys.stdout.write(out + TAIL)


main()
