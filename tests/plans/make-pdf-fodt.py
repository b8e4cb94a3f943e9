#!/usr/bin/env python3
"""Writes the flat OpenDocument sources of the PDF reader's test PDFs
(make-pdf.sh turns them into PDFs with LibreOffice):

- pdf-features.fodt: a title, numbered headings ("1. Inledning", "3.2 Lokaler"),
  a numbered list, an "a) b)" list, nested bullets, a table whose last row
  holds a lone number, a hyphenated line end, an explicit page break and a
  paragraph that runs over a page break; a running header and page numbers in
  the footer;
- pdf-alingsas.fodt: the Alingsås example plan (examples/alingsas-ks-2023-217/
  plan.txt) with heading fonts, bullets and "Sida n (m)" in the footer.

Usage: make-pdf-fodt.py REPO_ROOT OUT_DIR
       make-pdf-fodt.py --image-only PNG > FODT
"""

import re
import sys
from xml.sax.saxutils import escape

NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" '
    'xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"'
)


def list_level(kind, level, char_or_format, suffix=""):
    margin = 0.75 + 0.75 * level
    align = (
        '<style:list-level-properties text:list-level-position-and-space-mode="label-alignment">'
        f'<style:list-level-label-alignment text:label-followed-by="listtab" '
        f'text:list-tab-stop-position="{margin:.2f}cm" fo:text-indent="-0.6cm" '
        f'fo:margin-left="{margin:.2f}cm"/></style:list-level-properties>'
    )
    if kind == "bullet":
        return (
            f'<text:list-level-style-bullet text:level="{level}" '
            f'text:bullet-char="{char_or_format}">{align}</text:list-level-style-bullet>'
        )
    return (
        f'<text:list-level-style-number text:level="{level}" style:num-format="{char_or_format}" '
        f'style:num-suffix="{suffix}">{align}</text:list-level-style-number>'
    )


STYLES = f"""
 <office:font-face-decls>
  <style:font-face style:name="DejaVu Serif" svg:font-family="'DejaVu Serif'" style:font-family-generic="roman"/>
  <style:font-face style:name="DejaVu Sans" svg:font-family="'DejaVu Sans'" style:font-family-generic="swiss"/>
 </office:font-face-decls>
 <office:styles>
  <style:default-style style:family="paragraph">
   <style:text-properties style:font-name="DejaVu Serif" fo:font-size="10.5pt" fo:language="sv" fo:country="SE"/>
  </style:default-style>
  <style:style style:name="Standard" style:family="paragraph">
   <style:paragraph-properties fo:margin-top="0cm" fo:margin-bottom="0.25cm" fo:orphans="2" fo:widows="2"/>
  </style:style>
  <style:style style:name="Item" style:family="paragraph" style:parent-style-name="Standard">
   <style:paragraph-properties fo:margin-bottom="0.08cm"/>
  </style:style>
  <style:style style:name="Lead" style:family="paragraph" style:parent-style-name="Standard">
   <style:text-properties fo:font-style="italic"/>
  </style:style>
  <style:style style:name="Title" style:family="paragraph" style:parent-style-name="Standard">
   <style:paragraph-properties fo:margin-bottom="0.4cm"/>
   <style:text-properties style:font-name="DejaVu Sans" fo:font-size="20pt" fo:font-weight="bold"/>
  </style:style>
  <style:style style:name="Heading_20_1" style:display-name="Heading 1" style:family="paragraph" style:parent-style-name="Standard" style:default-outline-level="1">
   <style:paragraph-properties fo:margin-top="0.5cm" fo:margin-bottom="0.2cm" fo:keep-with-next="always"/>
   <style:text-properties style:font-name="DejaVu Sans" fo:font-size="15pt" fo:font-weight="bold"/>
  </style:style>
  <style:style style:name="Heading_20_2" style:display-name="Heading 2" style:family="paragraph" style:parent-style-name="Standard" style:default-outline-level="2">
   <style:paragraph-properties fo:margin-top="0.35cm" fo:margin-bottom="0.15cm" fo:keep-with-next="always"/>
   <style:text-properties style:font-name="DejaVu Sans" fo:font-size="12.5pt" fo:font-weight="bold"/>
  </style:style>
  <style:style style:name="Cell" style:family="paragraph" style:parent-style-name="Standard">
   <style:paragraph-properties fo:margin-bottom="0cm"/>
  </style:style>
  <style:style style:name="Header" style:family="paragraph">
   <style:text-properties style:font-name="DejaVu Sans" fo:font-size="8pt"/>
  </style:style>
  <style:style style:name="Footer" style:family="paragraph">
   <style:paragraph-properties fo:text-align="center"/>
   <style:text-properties style:font-name="DejaVu Sans" fo:font-size="9pt"/>
  </style:style>
  <text:list-style style:name="Bullets">
   {list_level("bullet", 1, "•")}{list_level("bullet", 2, "–")}{list_level("bullet", 3, "▪")}
  </text:list-style>
  <text:list-style style:name="Numbers">{list_level("number", 1, "1", ".")}</text:list-style>
  <text:list-style style:name="Letters">{list_level("number", 1, "a", ")")}</text:list-style>
 </office:styles>
 <office:automatic-styles>
  <style:page-layout style:name="pm1">
   <style:page-layout-properties fo:page-width="21cm" fo:page-height="29.7cm" fo:margin-top="1.5cm" fo:margin-bottom="1.5cm" fo:margin-left="2.5cm" fo:margin-right="2.5cm"/>
   <style:header-style><style:header-footer-properties fo:min-height="0cm" fo:margin-bottom="0.6cm"/></style:header-style>
   <style:footer-style><style:header-footer-properties fo:min-height="0cm" fo:margin-top="0.6cm"/></style:footer-style>
  </style:page-layout>
  <style:style style:name="Break" style:family="paragraph" style:parent-style-name="Heading_20_1">
   <style:paragraph-properties fo:break-before="page"/>
  </style:style>
  <style:style style:name="Bold" style:family="text"><style:text-properties fo:font-weight="bold"/></style:style>
 </office:automatic-styles>
"""


def document(header, footer, body):
    head = f'<style:header><text:p text:style-name="Header">{header}</text:p></style:header>' if header else ""
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<office:document {NS} office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
{STYLES}
 <office:master-styles>
  <style:master-page style:name="Standard" style:page-layout-name="pm1">
   {head}
   <style:footer><text:p text:style-name="Footer">{footer}</text:p></style:footer>
  </style:master-page>
 </office:master-styles>
 <office:body>
  <office:text>
{body}
  </office:text>
 </office:body>
</office:document>
"""


def p(text, style="Standard"):
    return f'<text:p text:style-name="{style}">{text}</text:p>'


def h(text, level, style=None):
    style = style or f"Heading_20_{level}"
    return f'<text:h text:style-name="{style}" text:outline-level="{level}">{escape(text)}</text:h>'


def items(style, entries):
    """A list; an entry is a text or a (text, [sub-entries]) pair."""
    out = [f'<text:list text:style-name="{style}">']
    for e in entries:
        text, sub = (e, None) if isinstance(e, str) else e
        out.append(f'<text:list-item>{p(escape(text), "Item")}')
        if sub:
            out.append(items(style, sub).replace(f' text:style-name="{style}"', "", 1))
        out.append("</text:list-item>")
    out.append("</text:list>")
    return "".join(out)


def table(rows):
    out = ['<table:table table:name="Budget"><table:table-column table:number-columns-repeated="2"/>']
    for r in rows:
        out.append("<table:table-row>")
        for c in r:
            out.append(f'<table:table-cell office:value-type="string">{p(escape(c), "Cell")}</table:table-cell>')
        out.append("</table:table-row>")
    out.append("</table:table>")
    return "".join(out)


# Long paragraphs for the pages after the explicit break: one of them runs
# over the page break that follows.
LONG = [
    "Uppföljningen av planen sker i den ordinarie styrningen och redovisas för nämnden "
    "två gånger per år, i samband med delårsrapporten och årsredovisningen, så att "
    "nämnden i god tid kan besluta om de justeringar som behövs för att målen ska nås "
    "och så att förvaltningen vet vilka delar som ska prioriteras under det kommande året "
    "med hänsyn till de ekonomiska ramar som kommunfullmäktige har fastställt i budgeten",
    "Varje verksamhet ansvarar för att de åtgärder som rör den egna verksamheten genomförs "
    "enligt planen och att avvikelser rapporteras till förvaltningsledningen utan dröjsmål, "
    "tillsammans med en bedömning av orsakerna och ett förslag till hur verksamheten ska "
    "komma tillbaka på rätt spår inom de ramar och den tid som planen anger för arbetet",
    "Lokalförsörjningen följs upp särskilt eftersom lokalkostnaderna binder stora belopp "
    "under lång tid och eftersom beslut om ny- och ombyggnation påverkar både driftbudget "
    "och investeringsbudget under många år framåt, vilket gör att en noggrann uppföljning "
    "av nyttjandegrad, ytor per plats och hyresnivåer är en förutsättning för goda beslut",
]


def features():
    soft = "\u00ad"
    body = [
        p("Plan för lokaler och service", "Title"),
        h("1. Inledning", 1),
        p(
            "Planen gäller för alla nämnder och ska ge goda resultat och hög kvalitet inom alla kärn-"
            "<text:line-break/>verksamheter. Den beskriver hur kommunen ska använda sina lokaler och "
            f"hur service{soft}ut{soft}budet ska ut{soft}veck{soft}las under plan{soft}pe{soft}ri{soft}o{soft}den, "
            f"med sär{soft}skild hän{soft}syn till för{soft}sko{soft}le{soft}verk{soft}sam{soft}he{soft}ten och "
            f"äldre{soft}om{soft}sor{soft}gen, där be{soft}hoven väx{soft}er snab{soft}bast under de kom{soft}man{soft}de åren."
        ),
        h("2. Mål", 1),
        p("Planen har tre mål:"),
        items("Numbers", [
            "Lokalerna ska användas effektivt.",
            "Servicen ska finnas nära invånarna.",
            "Kostnaderna ska hållas inom ramen.",
        ]),
        p("Nämnden ska därför:"),
        items("Letters", ["Spara på lokalkostnaderna.", "Samordna servicen."]),
        h("3. Åtgärder", 1),
        h("3.1 Samordning", 2),
        p("Samordningen omfattar flera områden:"),
        items("Bullets", [
            ("Lokaler", ["skolor", "förskolor"]),
            "Service",
        ]),
        h("3.2 Lokaler", 2),
        p("Kostnaderna för lokalerna fördelas enligt tabellen."),
        table([["Post", "Belopp"], ["Hyror", "3000"], ["Drift", "1500"], ["", "4500"]]),
        p("Tabellen visar kostnaderna i tusentals kronor per år."),
        h("4. Uppföljning", 1, "Break"),
    ]
    body.append(p("Planen följs upp på tre sätt, som beskrivs nedan: genom nämndens egen "
                  "uppföljning, genom förvaltningens rapporter och genom de särskilda "
                  "genomlysningar som kommunstyrelsen beslutar om."))
    body += [p(escape(t) + ".") for t in LONG * 6]
    header = "Testkommunen · Plan för lokaler 2024"
    footer = '<text:page-number text:select-page="current">1</text:page-number>'
    return document(header, footer, "\n".join(body))


def alingsas(plan_txt):
    """The example plan: paragraphs joined from its hard-wrapped lines (a
    word hyphenated at a line end joined again), "1 Inledning" as heading 1,
    a short line without final punctuation before a paragraph as heading 2,
    "• " lines as bullets."""
    # a page break of the text falls inside a paragraph: left out
    lines = plan_txt.replace("\f", "").split("\n")
    groups, cur = [], []
    for line in lines + [""]:
        if line.strip():
            cur.append(line.strip())
        elif cur:
            groups.append(cur)
            cur = []
    body = [p(escape(groups[0][0]), "Title"), p(escape(groups[0][1]), "Lead")]

    def joined(ls):
        out = ""
        for l in ls:
            if out.endswith("-") and re.match(r"[a-zåäö]", l) and re.search(r"[a-zåäö]{2}-$", out):
                out = out[:-1] + l
            else:
                out = (out + " " + l) if out else l
        return out

    for g in groups[1:]:
        first = g[0]
        if re.match(r"^\d+ \S", first):
            body.append(h(first, 1))
            g = g[1:]
        elif len(g) > 1 and not re.search(r"[.,:;!?]$", first) and len(first) < 60:
            body.append(h(first, 2))
            g = g[1:]
        para, bullets = [], []
        for l in g:
            if l.startswith("• "):
                bullets.append(l[2:])
            elif bullets:
                if para:
                    body.append(p(escape(joined(para))))
                body.append(items("Bullets", bullets))
                para, bullets = [l], []
            else:
                para.append(l)
        if para:
            body.append(p(escape(joined(para))))
        if bullets:
            body.append(items("Bullets", bullets))
    footer = (
        'Alingsås kommun · Sida <text:page-number text:select-page="current">1</text:page-number> '
        '(<text:page-count>1</text:page-count>)'
    )
    return document(None, footer, "\n".join(body))


def image_only(png):
    """A page that holds only an image (as a scan does), embedded."""
    import base64

    data = base64.b64encode(open(png, "rb").read()).decode()
    frame = (
        '<text:p text:style-name="Standard"><draw:frame text:anchor-type="as-char" '
        'svg:width="16cm" svg:height="22.6cm"><draw:image><office:binary-data>'
        f"{data}</office:binary-data></draw:image></draw:frame></text:p>"
    )
    ns = NS + (
        ' xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"'
        ' xmlns:xlink="http://www.w3.org/1999/xlink"'
    )
    return document(None, "", frame).replace(NS, ns, 1)


def main():
    if sys.argv[1] == "--image-only":
        sys.stdout.write(image_only(sys.argv[2]))
        return
    root, out = sys.argv[1], sys.argv[2]
    with open(f"{out}/pdf-features.fodt", "w", encoding="utf-8") as f:
        f.write(features())
    plan = open(f"{root}/examples/alingsas-ks-2023-217/plan.txt", encoding="utf-8").read()
    with open(f"{out}/pdf-alingsas.fodt", "w", encoding="utf-8") as f:
        f.write(alingsas(plan))


if __name__ == "__main__":
    main()
