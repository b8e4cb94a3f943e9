#!/usr/bin/env python3
"""Adds to the Alingsås plan's .fodt (from docx-alingsas.py, on standard
input) what a .docx export that starts from the incoming package must keep
or interpret: a page layout with a header and a footer (with the page
number), a bookmark, a comment, and tracked changes whose accepted text is
the plan's own (an insertion of words the plan has, a deletion of words it
has not). make.sh converts the result to pkg-alingsas.docx.

Usage: docx-alingsas.py plan.txt | pkg-alingsas.py > pkg-alingsas.fodt
"""
import sys

fodt = sys.stdin.read()


def replace(old, new):
    global fodt
    if fodt.count(old) != 1:
        sys.exit(f"pkg-alingsas.py: {old!r} is not in the plan once")
    fodt = fodt.replace(old, new)


replace('xmlns:fo=', 'xmlns:dc="http://purl.org/dc/elements/1.1/"\n  xmlns:fo=')
replace(" <office:body>", """ <office:automatic-styles>
  <style:page-layout style:name="pm1">
   <style:page-layout-properties fo:page-width="21cm" fo:page-height="29.7cm" fo:margin-top="1.5cm" fo:margin-bottom="1.5cm" fo:margin-left="2.5cm" fo:margin-right="2.5cm"/>
   <style:header-style><style:header-footer-properties fo:min-height="0cm" fo:margin-bottom="0.5cm"/></style:header-style>
   <style:footer-style><style:header-footer-properties fo:min-height="0cm" fo:margin-top="0.5cm"/></style:footer-style>
  </style:page-layout>
 </office:automatic-styles>
 <office:master-styles>
  <style:master-page style:name="Standard" style:page-layout-name="pm1">
   <style:header><text:p text:style-name="Standard">Alingsås kommun · Kommunstyrelsen · Dnr 2023.476 KS</text:p></style:header>
   <style:footer><text:p text:style-name="Standard">Sida <text:page-number text:select-page="current">1</text:page-number></text:p></style:footer>
  </style:master-page>
 </office:master-styles>
 <office:body>""")
replace("  <office:text>\n", """  <office:text>
   <text:tracked-changes>
    <text:changed-region text:id="ct1">
     <text:insertion><office:change-info><dc:creator>Sekreteraren</dc:creator><dc:date>2023-10-02T09:00:00</dc:date></office:change-info></text:insertion>
    </text:changed-region>
    <text:changed-region text:id="ct2">
     <text:deletion><office:change-info><dc:creator>Sekreteraren</dc:creator><dc:date>2023-10-02T09:00:00</dc:date></office:change-info><text:p>snabba och </text:p></text:deletion>
    </text:changed-region>
   </text:tracked-changes>
""")
replace(">Inledning</text:h>", '><text:bookmark text:name="inledning"/>Inledning</text:h>')
replace("i budgeten för 2023–2025 kommunledningskontoret",
        'i budgeten för <office:annotation office:name="c1"><dc:creator>Sekreteraren</dc:creator>'
        '<dc:date>2023-10-02T09:00:00</dc:date><text:p>Stämmer årtalen med budgeten?</text:p>'
        '</office:annotation>2023–2025<office:annotation-end office:name="c1"/> kommunledningskontoret')
replace("peka ut riktade besparingar",
        'peka ut <text:change-start text:change-id="ct1"/>riktade <text:change-end text:change-id="ct1"/>besparingar')
replace("inriktning för genomtänkta",
        'inriktning för <text:change text:change-id="ct2"/>genomtänkta')
sys.stdout.write(fodt)
