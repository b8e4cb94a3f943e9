#![cfg(feature = "formats")]
#![cfg(not(target_arch = "wasm32"))]
//! The .docx reader on real documents: fixtures LibreOffice made
//! (`tests/plans/make.sh`), a document written here the way Word writes one
//! (tracked changes, comments, Swedish style names), and broken files.

use std::io::{Cursor, Write};

use amend::doc::{BlockKind, Document, SourceFormat};
use amend::plan::docx::{check_size, read_docx, DocxError, Found, Note, MAX_FILE_BYTES};
use proptest::prelude::*;
use zip::write::SimpleFileOptions;

mod fixed_seed;

fn fixture(name: &str) -> Vec<u8> {
    let path = format!("{}/tests/plans/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// A zip archive of the given parts, deflated as Word does.
fn zip_of(parts: &[(&str, &str)]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for (name, text) in parts {
        zip.start_file(*name, options).unwrap();
        zip.write_all(text.as_bytes()).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

/// The parts of a zip archive, as text.
fn parts_of(bytes: &[u8]) -> Vec<(String, String)> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    (0..zip.len())
        .map(|i| {
            let mut f = zip.by_index(i).unwrap();
            let mut text = String::new();
            std::io::Read::read_to_string(&mut f, &mut text).unwrap();
            (f.name().to_string(), text)
        })
        .collect()
}

/// The headings of the parsed text: (level, text).
fn headings(text: &str) -> Vec<(u8, String)> {
    let doc = Document::parse(text, SourceFormat::Docx).expect("the structured text parses");
    doc.blocks
        .iter()
        .filter_map(|b| match b.kind {
            BlockKind::Heading { level } => Some((level, b.text.clone())),
            _ => None,
        })
        .collect()
}

// ---------------------------------------------------------------------------
// Made by LibreOffice

const FEATURES: &str = "\
# Handlingsplan för Provkommunen

## 1. Inledning

Kommunen ska spara. Planen har tre mål:

1. Lägre kostnader.
2. Bättre lokaler.
3. Färre mål.

Nämnderna ska

a) se över lokalerna,
b) samordna inköpen och
c) redovisa utfallet varje år.

## 2. Åtgärder

### 2.1. Lokaler

Lokalerna ska användas bättre:

- skolor
  - grundskolor
  - gymnasieskolor
- förskolor

### 2.2. Ekonomi

| Område | 2023 | 2024 |
| --- | --- | --- |
| Skola och förskola | 120 mnkr | 125 mnkr |
| Vård \\| omsorg | 80 mnkr | |

\\- inte en lista, bara ett tankstreck.

\\2023. Ett årtal först på raden.

\\# inte en rubrik

## 3. Genomförande

\u{000C}

Arbetet börjar på en ny sida. Stegen:

i. utreda,
ii. besluta,
iii. genomföra,
iv. följa upp.
";

#[test]
fn libreoffice_features_as_word_shows_them() {
    let read = read_docx(&fixture("features.docx")).unwrap();
    assert_eq!(read.text, FEATURES);
    assert_eq!(read.notes, vec![]);
}

#[test]
fn libreoffice_features_parse_with_their_headings() {
    let read = read_docx(&fixture("features.docx")).unwrap();
    let want = [
        (1, "Handlingsplan för Provkommunen"),
        (2, "1. Inledning"),
        (2, "2. Åtgärder"),
        (3, "2.1. Lokaler"),
        (3, "2.2. Ekonomi"),
        (2, "3. Genomförande"),
    ];
    let want: Vec<(u8, String)> = want.iter().map(|(l, t)| (*l, t.to_string())).collect();
    assert_eq!(headings(&read.text), want);
    let doc = Document::parse(&read.text, SourceFormat::Docx).unwrap();
    let last = doc.blocks.last().unwrap();
    assert_eq!(last.page, 2, "the page break before Genomförande's text");
}

/// The words of the Alingsås plan as pasted from the PDF: lines joined,
/// words hyphenated at a line end joined, bullets and page breaks left out.
fn alingsas_words() -> Vec<String> {
    let path = format!(
        "{}/examples/alingsas-ks-2023-217/plan.txt",
        env!("CARGO_MANIFEST_DIR")
    );
    let plan = std::fs::read_to_string(path)
        .unwrap()
        .replace('\u{000C}', "");
    let mut words: Vec<String> = Vec::new();
    let mut joining = false;
    for line in plan.lines() {
        for (i, w) in line.split_whitespace().filter(|w| *w != "•").enumerate() {
            match words.last_mut() {
                Some(last) if i == 0 && joining => last.push_str(w),
                _ => words.push(w.to_string()),
            }
        }
        // every line of this plan that ends with a hyphen breaks a word
        joining = line.ends_with('-');
        if joining {
            words.last_mut().unwrap().pop();
        }
    }
    words
}

#[test]
fn alingsas_plan_keeps_every_word_and_its_headings() {
    let read = read_docx(&fixture("alingsas.docx")).unwrap();
    assert!(read.notes.is_empty(), "{:?}", read.notes);
    let lines: Vec<&str> = read.text.lines().collect();
    assert_eq!(
        lines[0],
        "# Kommunkoncernövergripande ekonomisk handlingsplan"
    );
    assert!(lines.contains(&"## 1 Inledning"));
    assert!(lines.contains(&"### Lokaleffektivitet"));
    let bullets = lines.iter().filter(|l| l.starts_with("- ")).count();
    assert_eq!(bullets, 9);
    // the list items of one list are on consecutive lines
    let first = lines.iter().position(|l| l.starts_with("- ")).unwrap();
    assert!(lines[first + 1..first + 5]
        .iter()
        .all(|l| l.starts_with("- ")));
    // every word of the plan, in order; markers aside
    let words: Vec<String> = read
        .text
        .split_whitespace()
        .filter(|w| !matches!(*w, "#" | "##" | "###" | "-"))
        .map(str::to_string)
        .collect();
    assert_eq!(words, alingsas_words());
}

#[test]
fn alingsas_plan_parses_with_its_sections() {
    let read = read_docx(&fixture("alingsas.docx")).unwrap();
    let got = headings(&read.text);
    let want = [
        (1, "Kommunkoncernövergripande ekonomisk handlingsplan"),
        (2, "1 Inledning"),
        (2, "2 Förutsättningar"),
        (2, "3 Åtgärder"),
        (3, "Samordningsvinster inom och utanför kommunkoncernen"),
        (3, "Koncernbidrag och utdelning från Alingsås Energi"),
        (3, "Nämndbuffertar mot oförutsedda kostnader"),
        (3, "Effektivisera den politiska målstyrningen"),
        (3, "Genomlysningar och metod för ständiga förbättringar"),
        (3, "Lokaleffektivitet"),
        (3, "Aktieägartillskott till Alingsåshem lokaler AB"),
        (2, "4 Uppföljning och genomförande"),
    ];
    let want: Vec<(u8, String)> = want.iter().map(|(l, t)| (*l, t.to_string())).collect();
    assert_eq!(got, want);
}

// ---------------------------------------------------------------------------
// Written the way Word writes a document

const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" xmlns:v="urn:schemas-microsoft-com:vml""#;

/// Styles as Swedish Word names them: ids in Swedish ("Rubrik1"), built-in
/// names in English ("heading 1"), and a style of the user's own based on one.
const STYLES: &str = r#"<w:styles XMLNS>
<w:docDefaults><w:pPrDefault><w:pPr><w:spacing w:after="160"/></w:pPr></w:pPrDefault></w:docDefaults>
<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>
<w:style w:type="paragraph" w:styleId="Rubrik"><w:name w:val="Title"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="Rubrik1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:pPr><w:keepNext/><w:numPr><w:numId w:val="3"/></w:numPr><w:outlineLvl w:val="0"/></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="Rubrik2"><w:name w:val="heading 2"/><w:basedOn w:val="Normal"/><w:pPr><w:numPr><w:ilvl w:val="1"/><w:numId w:val="3"/></w:numPr><w:outlineLvl w:val="1"/></w:pPr></w:style>
<w:style w:type="paragraph" w:customStyle="1" w:styleId="Rubrik20"><w:name w:val="Rubrik 2"/><w:basedOn w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:customStyle="1" w:styleId="Bilagerubrik"><w:name w:val="Bilagerubrik"/><w:basedOn w:val="Rubrik20"/><w:pPr><w:pageBreakBefore/></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="Liststycke"><w:name w:val="List Paragraph"/><w:basedOn w:val="Normal"/><w:pPr><w:ind w:left="720"/></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="Innehll1"><w:name w:val="toc 1"/><w:basedOn w:val="Normal"/><w:pPr><w:tabs><w:tab w:val="right" w:leader="dot" w:pos="9062"/></w:tabs></w:pPr></w:style>
<w:style w:type="character" w:styleId="Hyperlnk"><w:name w:val="Hyperlink"/></w:style>
</w:styles>"#;

/// A lettered list with roman numerals below it, bullets, and the
/// multi-level numbering of the headings.
const NUMBERING: &str = r#"<w:numbering XMLNS>
<w:abstractNum w:abstractNumId="0"><w:multiLevelType w:val="hybridMultilevel"/>
 <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%1)"/><w:lvlJc w:val="left"/><w:pPr><w:ind w:left="720" w:hanging="360"/></w:pPr></w:lvl>
 <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerRoman"/><w:lvlText w:val="%2."/><w:lvlJc w:val="right"/></w:lvl>
</w:abstractNum>
<w:abstractNum w:abstractNumId="1"><w:multiLevelType w:val="hybridMultilevel"/>
 <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="&#61623;"/><w:rPr><w:rFonts w:ascii="Symbol" w:hAnsi="Symbol" w:hint="default"/></w:rPr></w:lvl>
 <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="o"/></w:lvl>
</w:abstractNum>
<w:abstractNum w:abstractNumId="2"><w:multiLevelType w:val="multilevel"/>
 <w:lvl w:ilvl="0"><w:start w:val="1"/><w:pStyle w:val="Rubrik1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>
 <w:lvl w:ilvl="1"><w:start w:val="1"/><w:pStyle w:val="Rubrik2"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2."/></w:lvl>
</w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>
<w:num w:numId="3"><w:abstractNumId w:val="2"/></w:num>
<w:num w:numId="4"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>
</w:numbering>"#;

const COMMENTS: &str = r#"<w:comments XMLNS><w:comment w:id="0" w:author="Eva Ek" w:date="2024-03-01T10:00:00Z" w:initials="EE"><w:p><w:r><w:t>Hur mycket?</w:t></w:r></w:p></w:comment></w:comments>"#;

fn item(num: u32, ilvl: u8, text: &str) -> String {
    format!(
        r#"<w:p><w:pPr><w:pStyle w:val="Liststycke"/><w:numPr><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num}"/></w:numPr></w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>"#
    )
}

fn styled(style: &str, text: &str) -> String {
    format!(r#"<w:p><w:pPr><w:pStyle w:val="{style}"/></w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>"#)
}

fn plain(text: &str) -> String {
    format!(r#"<w:p><w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>"#)
}

/// The body of the Word-style document, one block of the plan a string.
fn word_body() -> Vec<String> {
    let toc = r#"<w:sdt><w:sdtPr><w:docPartObj><w:docPartGallery w:val="Table of Contents"/><w:docPartUnique/></w:docPartObj></w:sdtPr><w:sdtContent><w:p><w:pPr><w:pStyle w:val="Innehll1"/></w:pPr><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> TOC \o "1-3" \h \z \u </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:hyperlink w:anchor="_Toc1" w:history="1"><w:r><w:t>1. Inledning</w:t></w:r><w:r><w:tab/></w:r><w:r><w:t>1</w:t></w:r></w:hyperlink></w:p><w:p><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p></w:sdtContent></w:sdt>"#;
    let tracked = r#"<w:p><w:r><w:t xml:space="preserve">Nämnden ska </w:t></w:r><w:del w:id="1" w:author="Eva Ek" w:date="2024-03-01T10:00:00Z"><w:r><w:delText xml:space="preserve">inte </w:delText></w:r></w:del><w:ins w:id="2" w:author="Eva Ek" w:date="2024-03-01T10:00:00Z"><w:r><w:t xml:space="preserve">alltid </w:t></w:r></w:ins><w:commentRangeStart w:id="0"/><w:r><w:t>spara</w:t></w:r><w:commentRangeEnd w:id="0"/><w:r><w:rPr><w:rStyle w:val="Kommentarsreferens"/></w:rPr><w:commentReference w:id="0"/></w:r><w:r><w:t xml:space="preserve"> på lokaler</w:t></w:r><w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:footnoteReference w:id="1"/></w:r><w:r><w:t>.</w:t></w:r></w:p>"#;
    let fields = r#"<w:p><w:r><w:t xml:space="preserve">Se sidan </w:t></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> PAGEREF _Toc1 \h </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>3</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r><w:r><w:t xml:space="preserve"> och </w:t></w:r><w:hyperlink r:id="rId9" w:history="1"><w:r><w:rPr><w:rStyle w:val="Hyperlnk"/></w:rPr><w:t>kommunens webb</w:t></w:r></w:hyperlink><w:r><w:t>: e</w:t></w:r><w:r><w:noBreakHyphen/><w:t>tjänster,</w:t></w:r><w:r><w:tab/><w:t>lokal</w:t><w:softHyphen/><w:t>effektivitet</w:t><w:br/><w:t xml:space="preserve">och  </w:t></w:r><w:fldSimple w:instr=" DOCPROPERTY Kommun \* MERGEFORMAT "><w:r><w:t>Alingsås</w:t></w:r></w:fldSimple><w:r><w:sym w:font="Wingdings" w:char="F0E0"/><w:t xml:space="preserve"> kommun &amp; bolag.</w:t></w:r></w:p>"#;
    let text_box = r#"<w:p><w:r><w:t>Bild:</w:t></w:r><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor><wp:docPr id="1" name="Textruta 1"/><a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:wsp><wps:txbx><w:txbxContent><w:p><w:r><w:t>I rutan</w:t></w:r></w:p></w:txbxContent></wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent><w:p><w:r><w:t>I rutan</w:t></w:r></w:p></w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>"#;
    let table = r#"<w:tbl><w:tblPr><w:tblStyle w:val="Tabellrutnt"/><w:tblW w:w="0" w:type="auto"/></w:tblPr><w:tblGrid><w:gridCol w:w="3020"/><w:gridCol w:w="3020"/><w:gridCol w:w="3020"/></w:tblGrid>
<w:tr><w:tc><w:tcPr><w:tcW w:w="3020" w:type="dxa"/></w:tcPr><w:p><w:r><w:t>Post</w:t></w:r></w:p></w:tc><w:tc><w:tcPr><w:gridSpan w:val="2"/></w:tcPr><w:p><w:r><w:t>Belopp</w:t></w:r></w:p></w:tc></w:tr>
<w:tr><w:tc><w:p><w:r><w:t>Hyra</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>10</w:t></w:r></w:p></w:tc><w:tc><w:tbl><w:tr><w:tc><w:p><w:r><w:t>inre</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>tabell</w:t></w:r></w:p></w:tc></w:tr></w:tbl><w:p/></w:tc></w:tr>
<w:tr><w:trPr><w:del w:id="8" w:author="Eva Ek" w:date="2024-03-01T10:00:00Z"/></w:trPr><w:tc><w:p><w:del w:id="9" w:author="Eva Ek" w:date="2024-03-01T10:00:00Z"><w:r><w:delText>Borttagen</w:delText></w:r></w:del></w:p></w:tc><w:tc><w:p/></w:tc><w:tc><w:p/></w:tc></w:tr>
</w:tbl>"#;
    vec![
        styled("Rubrik", "Budget 2024"),
        toc.to_string(),
        r#"<w:p><w:pPr><w:pStyle w:val="Rubrik1"/></w:pPr><w:bookmarkStart w:id="0" w:name="_Toc1"/><w:r><w:t>Inledning</w:t></w:r><w:bookmarkEnd w:id="0"/></w:p>"#.to_string(),
        tracked.to_string(),
        fields.to_string(),
        item(1, 0, "Spara."),
        item(1, 0, "Låna."),
        item(1, 1, "kort"),
        item(1, 1, "lång"),
        item(1, 0, "Vänta."),
        plain("Sedan:"),
        item(4, 0, "Först."),
        item(4, 0, "Sist."),
        item(2, 0, "skolor"),
        item(2, 1, "grundskolor"),
        r#"<w:p><w:r><w:br w:type="page"/></w:r></w:p>"#.to_string(),
        styled("Rubrik1", "Åtgärder"),
        styled("Rubrik2", "Kostnader"),
        r#"<w:p><w:moveFromRangeStart w:id="4" w:author="Eva Ek" w:name="move1"/><w:moveFrom w:id="5" w:author="Eva Ek"><w:r><w:t xml:space="preserve">Flyttad mening. </w:t></w:r></w:moveFrom><w:moveFromRangeEnd w:id="4"/><w:r><w:t>Kvar.</w:t></w:r><w:moveTo w:id="6" w:author="Eva Ek"><w:r><w:t xml:space="preserve"> Flyttad mening.</w:t></w:r></w:moveTo></w:p>"#.to_string(),
        r#"<w:p><w:r><w:t xml:space="preserve">Synlig </w:t></w:r><w:r><w:rPr><w:vanish/></w:rPr><w:t xml:space="preserve">dold </w:t></w:r><w:r><w:t>text.</w:t></w:r></w:p>"#.to_string(),
        text_box.to_string(),
        r#"<w:p><w:pPr><w:rPr><w:del w:id="7" w:author="Eva Ek" w:date="2024-03-01T10:00:00Z"/></w:rPr></w:pPr><w:r><w:t xml:space="preserve">Början av en mening </w:t></w:r></w:p>"#.to_string(),
        plain("som fortsätter."),
        plain("1. Inte en lista."),
        r#"<w:p><w:pPr><w:sectPr><w:type w:val="continuous"/><w:pgSz w:w="11906" w:h="16838"/></w:sectPr></w:pPr><w:r><w:t>Slut på avsnitt.</w:t></w:r></w:p>"#.to_string(),
        table.to_string(),
        styled("Bilagerubrik", "Bilaga"),
        r#"<w:p><w:pPr><w:outlineLvl w:val="2"/></w:pPr><w:r><w:t>Egen nivå</w:t></w:r></w:p>"#.to_string(),
        r#"<w:sdt><w:sdtPr><w:id w:val="1"/><w:showingPlcHdr/></w:sdtPr><w:sdtContent><w:p><w:r><w:t>Klicka eller tryck här för att ange text.</w:t></w:r></w:p></w:sdtContent></w:sdt>"#.to_string(),
        r#"<w:sdt><w:sdtPr><w:id w:val="2"/></w:sdtPr><w:sdtContent><w:p><w:r><w:t xml:space="preserve">Beslutad av fullmäktige i </w:t></w:r><w:smartTag w:uri="urn:schemas-microsoft-com:office:smarttags" w:element="place"><w:r><w:t>Alingsås</w:t></w:r></w:smartTag><w:r><w:t>.</w:t></w:r></w:p></w:sdtContent></w:sdt>"#.to_string(),
    ]
}

fn word_document(body: &[String]) -> Vec<u8> {
    let document = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document {W} mc:Ignorable="w14"><w:body>{}<w:sectPr><w:headerReference w:type="default" r:id="rId8"/><w:pgSz w:w="11906" w:h="16838"/></w:sectPr></w:body></w:document>"#,
        body.concat()
    );
    let rels = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments" Target="comments.xml"/><Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="https://www.alingsas.se/" TargetMode="External"/></Relationships>"#;
    let root_rels = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#;
    let types = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#;
    zip_of(&[
        ("[Content_Types].xml", types),
        ("_rels/.rels", root_rels),
        ("word/document.xml", &document),
        ("word/_rels/document.xml.rels", rels),
        ("word/styles.xml", &STYLES.replace("XMLNS", W)),
        ("word/numbering.xml", &NUMBERING.replace("XMLNS", W)),
        ("word/comments.xml", &COMMENTS.replace("XMLNS", W)),
    ])
}

const WORD_TEXT: &str = "\
# Budget 2024

## 1. Inledning

Nämnden ska alltid spara på lokaler.

Se sidan 3 och kommunens webb: e-tjänster, lokaleffektivitet och Alingsås kommun & bolag.

a) Spara.
b) Låna.
  i. kort
  ii. lång
c) Vänta.

Sedan:

a) Först.
b) Sist.
- skolor
  - grundskolor

\u{000C}

## 2. Åtgärder

### 2.1. Kostnader

Kvar. Flyttad mening.

Synlig text.

Bild:

Början av en mening som fortsätter.

\\1. Inte en lista.

Slut på avsnitt.

\u{000C}

| Post | Belopp | |
| --- | --- | --- |
| Hyra | 10 | inre tabell |

\u{000C}

### Bilaga

#### Egen nivå

Beslutad av fullmäktige i Alingsås.
";

#[test]
fn word_document_as_word_shows_it() {
    let read = read_docx(&word_document(&word_body())).unwrap();
    assert_eq!(read.text, WORD_TEXT);
}

#[test]
fn word_document_notes() {
    let read = read_docx(&word_document(&word_body())).unwrap();
    assert_eq!(
        read.notes,
        vec![
            Note::TrackedChangesAccepted {
                insertions: 2,
                deletions: 5
            },
            Note::CommentsIgnored { count: 1 },
            Note::FootnotesLeftOut {
                footnotes: 1,
                endnotes: 0
            },
            Note::TextBoxesLeftOut { count: 1 },
            Note::HiddenTextLeftOut { runs: 1 },
            Note::TableOfContentsLeftOut { lines: 1 },
        ]
    );
    assert_eq!(
        read.notes[0].message(),
        "tracked changes accepted, as Word's Accept All Changes would: 2 insertions, 5 deletions"
    );
    assert_eq!(
        read.notes[1].message_sv(),
        "1 kommentar utelämnade: kommentarer är inte plantext"
    );
    for note in &read.notes {
        assert!(!note.message().is_empty() && !note.message_sv().is_empty());
    }
}

#[test]
fn word_document_parses_with_its_headings() {
    let read = read_docx(&word_document(&word_body())).unwrap();
    let want = [
        (1, "Budget 2024"),
        (2, "1. Inledning"),
        (2, "2. Åtgärder"),
        (3, "2.1. Kostnader"),
        (3, "Bilaga"),
        (4, "Egen nivå"),
    ];
    let want: Vec<(u8, String)> = want.iter().map(|(l, t)| (*l, t.to_string())).collect();
    assert_eq!(headings(&read.text), want);
}

#[test]
fn a_list_continues_across_paragraphs_and_restarts_when_told() {
    // list 1 goes on after a paragraph between; list 4 shares its definition
    // but starts again at 1 (Word's "Restart numbering")
    let body = [
        item(1, 0, "Ett."),
        plain("Mellan."),
        item(1, 0, "Två."),
        item(4, 0, "Igen."),
        item(1, 1, "Djupare."),
        item(1, 0, "Tre."),
        item(1, 1, "Djupare igen."),
    ];
    let read = read_docx(&word_document(&body)).unwrap();
    assert_eq!(
        read.text,
        "a) Ett.\n\nMellan.\n\nb) Två.\na) Igen.\n  i. Djupare.\nc) Tre.\n  i. Djupare igen.\n"
    );
}

#[test]
fn page_breaks_are_single_and_between_blocks() {
    let page = r#"<w:p><w:r><w:br w:type="page"/></w:r></w:p>"#.to_string();
    let rendered = r#"<w:p><w:r><w:lastRenderedPageBreak/><w:t>Ny sida.</w:t></w:r></w:p>"#;
    let body = [
        page.clone(),
        plain("Först."),
        page.clone(),
        page.clone(),
        rendered.to_string(),
        r#"<w:p><w:r><w:t>Mitt</w:t><w:br w:type="page"/><w:t>i.</w:t></w:r></w:p>"#.to_string(),
        plain("Sist."),
        page,
    ];
    let read = read_docx(&word_document(&body)).unwrap();
    assert_eq!(
        read.text,
        "Först.\n\n\u{000C}\n\nNy sida.\n\nMitt i.\n\n\u{000C}\n\nSist.\n"
    );
}

// ---------------------------------------------------------------------------
// Files that are not a readable .docx

#[test]
fn a_truncated_file_is_a_broken_zip() {
    let bytes = fixture("features.docx");
    let err = read_docx(&bytes[..bytes.len() / 2]).unwrap_err();
    assert!(matches!(err, DocxError::BrokenZip { .. }), "{err:?}");
    assert_eq!(err.code(), "docx_broken_zip");
}

#[test]
fn random_bytes_are_not_a_zip() {
    let mut x: u32 = 12345;
    let bytes: Vec<u8> = (0..4096)
        .map(|_| {
            x = x.wrapping_mul(1_103_515_245).wrapping_add(12345);
            (x >> 16) as u8
        })
        .collect();
    let err = read_docx(&bytes).unwrap_err();
    assert_eq!(err, DocxError::NotZip);
    assert!(err.to_string().contains("not a zip archive"));
    assert!(err.message_sv().contains("inte ett zip-arkiv"));
}

#[test]
fn an_odt_is_named_as_such() {
    let err = read_docx(&fixture("not-docx.odt")).unwrap_err();
    assert_eq!(
        err,
        DocxError::NotDocx {
            found: Some(Found::Odt)
        }
    );
    assert!(err.to_string().contains("OpenDocument text, .odt"), "{err}");
    assert!(err.message_sv().contains(".odt"));
}

#[test]
fn an_xlsx_is_named_as_such() {
    let bytes = zip_of(&[
        ("[Content_Types].xml", "<Types/>"),
        ("xl/workbook.xml", "<workbook/>"),
    ]);
    let err = read_docx(&bytes).unwrap_err();
    assert_eq!(
        err,
        DocxError::NotDocx {
            found: Some(Found::Xlsx)
        }
    );
}

#[test]
fn an_ole_file_is_encrypted_or_an_old_doc() {
    let mut bytes = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    bytes.resize(4096, 0);
    let err = read_docx(&bytes).unwrap_err();
    assert_eq!(err, DocxError::Encrypted);
    assert_eq!(err.code(), "docx_encrypted");
    assert!(err.to_string().contains(".doc"));
    assert!(err.message_sv().contains("lösenord"));
}

#[test]
fn an_empty_zip_is_not_a_docx() {
    let bytes = zip::ZipWriter::new(Cursor::new(Vec::new()))
        .finish()
        .unwrap()
        .into_inner();
    let err = read_docx(&bytes).unwrap_err();
    assert_eq!(
        err,
        DocxError::NotDocx {
            found: Some(Found::EmptyZip)
        }
    );
    assert!(err.to_string().contains("an empty zip archive"));
}

#[test]
fn a_file_over_50_mb_is_refused_before_it_is_opened() {
    assert!(check_size(MAX_FILE_BYTES).is_ok());
    let err = check_size(MAX_FILE_BYTES + 1).unwrap_err();
    assert_eq!(
        err,
        DocxError::TooLarge {
            bytes: MAX_FILE_BYTES + 1,
            max: MAX_FILE_BYTES
        }
    );
    assert_eq!(
        err.to_string(),
        "the file is 50.0 MB; the largest .docx read is 50 MB"
    );
    // zeroed memory is only mapped, not written, until it is touched: the
    // reader refuses the slice by its length without touching it
    let big = vec![0u8; MAX_FILE_BYTES + 1];
    assert_eq!(read_docx(&big).unwrap_err(), err);
}

#[test]
fn broken_xml_names_its_part() {
    let mut parts = parts_of(&fixture("features.docx"));
    for (name, text) in &mut parts {
        if name == "word/document.xml" {
            *text = text.replacen("</w:p>", "</w:r>", 1);
        }
    }
    let parts: Vec<(&str, &str)> = parts
        .iter()
        .map(|(n, t)| (n.as_str(), t.as_str()))
        .collect();
    let err = read_docx(&zip_of(&parts)).unwrap_err();
    assert!(matches!(&err, DocxError::Corrupt { part, .. } if part == "word/document.xml"));
    assert!(err.to_string().starts_with("word/document.xml: "), "{err}");
    assert!(err.message_sv().starts_with("word/document.xml: "));
}

#[test]
fn every_cut_of_a_real_file_gives_an_error_not_a_panic() {
    let bytes = fixture("features.docx");
    for len in (0..bytes.len()).step_by(7) {
        assert!(read_docx(&bytes[..len]).is_err(), "cut at {len}");
    }
}

#[test]
fn a_garbled_byte_anywhere_gives_no_panic() {
    let bytes = fixture("features.docx");
    for at in (0..bytes.len()).step_by(11) {
        let mut garbled = bytes.clone();
        garbled[at] ^= 0x5A;
        let _ = read_docx(&garbled);
    }
}

/// The nearest character boundary at or before `at`.
fn boundary(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// Cuts the part's XML short, or takes a slice of it out, and zips the
/// parts again (with a correct checksum, so that the XML reaches the reader).
fn garble_part(part: &str, from: usize, len: usize, cut: bool) -> Vec<u8> {
    let parts: Vec<(String, String)> = parts_of(&fixture("features.docx"))
        .into_iter()
        .map(|(name, text)| {
            if name != part {
                return (name, text);
            }
            let from = boundary(&text, from % (text.len() + 1));
            let to = boundary(&text, (from + len).min(text.len()));
            let garbled = if cut {
                text[..from].to_string()
            } else {
                format!("{}{}", &text[..from], &text[to..])
            };
            (name, garbled)
        })
        .collect();
    let parts: Vec<(&str, &str)> = parts
        .iter()
        .map(|(n, t)| (n.as_str(), t.as_str()))
        .collect();
    zip_of(&parts)
}

proptest! {
    #![proptest_config(fixed_seed::config(200))]

    #[test]
    fn garbled_xml_gives_no_panic(
        part in prop::sample::select(vec!["word/document.xml", "word/styles.xml", "word/numbering.xml", "word/_rels/document.xml.rels"]),
        from in 0usize..20_000,
        len in 0usize..200,
        cut in any::<bool>(),
    ) {
        let _ = read_docx(&garble_part(part, from, len, cut));
    }

    #[test]
    fn random_bytes_after_a_zip_signature_give_no_panic(tail in prop::collection::vec(any::<u8>(), 0..2000)) {
        let mut bytes = b"PK\x03\x04".to_vec();
        bytes.extend(tail);
        prop_assert!(read_docx(&bytes).is_err());
    }
}
