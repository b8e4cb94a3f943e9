//! A deterministic generator of Swedish municipal plans, amendments to them
//! and word-edited versions, for the benchmarks and `examples/bench_inputs.rs`.
//!
//! The plan reads like text pasted from a PDF: hard-wrapped lines (with the
//! odd word hyphenated at a line end), a title, numbered chapters ("3 …") and
//! sections ("3.2 …"), paragraphs of 40–80 words, some bulleted lists, a page
//! footer and a form feed about every 500 words. The same seed always gives
//! the same plan, amendments and edits.

#![allow(dead_code)]

use amend::case::Member;
use amend::{Amendment, AmendmentKind, Case, InsertAs, Op, Position};
use std::collections::{HashMap, HashSet};

/// xorshift64: small, fast and good enough to pick words.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }
    pub fn next_u64(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }
    /// A number in `0..n` (`n` > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }
    /// A number in `lo..=hi`.
    pub fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }
    pub fn pick<'a>(&mut self, v: &[&'a str]) -> &'a str {
        v[self.below(v.len())]
    }
    /// True with probability `num`/`den`.
    pub fn chance(&mut self, num: usize, den: usize) -> bool {
        self.below(den) < num
    }
    pub fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            let j = self.below(i + 1);
            v.swap(i, j);
        }
    }
}

const SUBJECTS: &[&str] = &[
    "Kommunen",
    "Nämnden",
    "Förvaltningen",
    "Kommunstyrelsen",
    "Varje nämnd",
    "Socialnämnden",
    "Barn- och ungdomsnämnden",
    "Kultur- och fritidsnämnden",
    "Bolagen",
    "Kommunledningskontoret",
    "Samhällsbyggnadsförvaltningen",
    "Äldreomsorgen",
    "Ekonomiavdelningen",
    "Verksamheterna",
    "Fastighetsbolaget",
    "Utbildningsförvaltningen",
    "Miljö- och hälsoskyddsenheten",
    "Vård- och omsorgsnämnden",
];

const MODALS: &[&str] = &["ska", "bör", "behöver", "kan", "förväntas"];

const VERBS: &[&str] = &[
    "utreda",
    "se över",
    "minska",
    "effektivisera",
    "prioritera",
    "samordna",
    "följa upp",
    "redovisa",
    "förbättra",
    "utveckla",
    "begränsa",
    "pröva",
    "analysera",
    "säkerställa",
    "planera för",
    "hålla nere",
    "värdera",
    "kartlägga",
    "omfördela",
    "förtydliga",
    "stärka",
    "ompröva",
];

const OBJECTS: &[&str] = &[
    "kostnaderna för lokaler",
    "behovet av förskoleplatser",
    "energiförbrukningen i kommunens fastigheter",
    "de långsiktiga investeringarna",
    "personalomsättningen i äldreomsorgen",
    "bemanningen i hemtjänsten",
    "möjligheterna till samverkan över gränserna",
    "underhållet av gator och vägar",
    "nyttjandegraden i skolans lokaler",
    "köerna till särskilt boende",
    "kostnaderna för försörjningsstöd",
    "resursfördelningen mellan skolorna",
    "avgifterna för barnomsorg",
    "de tekniska systemen",
    "kvaliteten i måltidsverksamheten",
    "användningen av konsulter",
    "sjukfrånvaron bland medarbetarna",
    "tillgängligheten i kommunens lokaler",
    "övertiden i vården",
    "inköpen av förbrukningsmaterial",
    "hyresavtalen för externa lokaler",
    "den digitala förmågan",
    "styrningen av bolagen",
    "uppföljningen av måluppfyllelsen",
    "den långsiktiga lokalförsörjningen",
    "skötseln av parker och grönytor",
    "åtgärderna för ökad närvaro",
    "överskottet från energibolaget",
    "vårdplatserna på korttidsboendet",
    "kompetensförsörjningen i förskolan",
];

const ADVERBIALS: &[&str] = &[
    "under planperioden",
    "före årets slut",
    "i samråd med bolagen",
    "inom befintlig budgetram",
    "med särskilt fokus på måluppfyllelse",
    "till och med år 2026",
    "så långt det är möjligt",
    "i förhållande till föregående år",
    "utan att kvaliteten försämras",
    "i nära dialog med brukarna",
    "inför nästa budgetår",
    "på ett hållbart sätt",
    "i hela kommunkoncernen",
    "för att möta demografins krav",
    "i större utsträckning än i dag",
    "med hjälp av jämförbara nyckeltal",
    "när avtalen löper ut",
    "i varje delårsrapport",
    "efter samråd med de fackliga organisationerna",
    "på både kort och lång sikt",
];

const TAILS: &[&str] = &[
    "vilket ska redovisas i årsredovisningen",
    "eftersom kostnaderna ökar snabbare än intäkterna",
    "så att välfärdens finansiering tryggas",
    "och resultatet ska återrapporteras till kommunstyrelsen",
    "vilket förutsätter ett nära samarbete med förvaltningarna",
    "då behoven förändras över tid",
    "men utan att göra avkall på kvaliteten",
    "så att medlen används där de gör störst nytta",
    "vilket även gäller de helägda bolagen",
    "och åtgärderna ska följas upp två gånger per år",
];

const SOURCES: &[&str] = &[
    "prognosen",
    "delårsrapporten",
    "den senaste uppföljningen",
    "budgetunderlaget",
    "revisorernas granskning",
    "lokalförsörjningsplanen",
];

const LEAD_INS: &[&str] = &[
    "Handlingsplanen omfattar bland annat följande åtgärder:",
    "Inom området ska nämnderna särskilt:",
    "Arbetet ska under de kommande åren inriktas på att:",
    "Följande åtgärder bedöms ge störst effekt:",
    "Förvaltningarna ska i sina verksamhetsplaner:",
];

const ASPECTS: &[&str] = &[
    "Lokalförsörjning",
    "Kostnadsutveckling",
    "Digitalisering",
    "Bemanning",
    "Energieffektivisering",
    "Upphandling",
    "Samverkan",
    "Uppföljning",
    "Investeringar",
    "Måluppfyllelse",
    "Kompetensförsörjning",
    "Underhåll",
    "Taxor och avgifter",
    "Finansiering",
    "Riskhantering",
    "Styrning och ledning",
    "Hållbarhet",
    "Tillgänglighet",
    "Kvalitet och resultat",
    "Effektivisering",
    "Arbetsmiljö",
    "Resursfördelning",
    "Prioriteringar",
    "Intäkter",
    "Omställning",
];

const DOMAINS: &[&str] = &[
    "inom förskolan",
    "inom grundskolan",
    "i äldreomsorgen",
    "inom socialtjänsten",
    "i kommunens bolag",
    "inom kultur och fritid",
    "i gymnasieskolan",
    "inom vård och omsorg",
    "för gator och parker",
    "inom räddningstjänsten",
    "i kommunens fastigheter",
    "inom vatten och avlopp",
    "för kollektivtrafiken",
    "inom miljö och hälsa",
    "inom arbetsmarknadsenheten",
    "i måltidsverksamheten",
    "inom elevhälsan",
    "i hemtjänsten",
    "inom individ- och familjeomsorgen",
    "inom bygglov och planering",
    "i biblioteksverksamheten",
    "inom integrationsarbetet",
    "i kommunens kök",
    "inom kommunikation och service",
];

const CHAPTERS: &[&str] = &[
    "Ekonomiska förutsättningar",
    "Verksamhetens utveckling",
    "Strategiska åtgärder",
    "Ansvar och roller",
    "Rapportering och återkoppling",
    "Prioriterade områden",
    "Långsiktig planering",
    "Koncernens gemensamma arbete",
    "Mål och inriktning",
    "Omvärld och trender",
    "Utmaningar och möjligheter",
    "Genomförande",
];

const CHAPTER_SCOPES: &[&str] = &[
    "för förskola och skola",
    "för omsorgen",
    "för samhällsbyggnad",
    "för kultur och fritid",
    "för bolagen",
    "för socialtjänsten",
    "för näringslivet",
    "för medarbetarna",
];

/// Single words for edits of a version ("replaced or inserted word").
pub const WORDS: &[&str] = &[
    "kommunen",
    "nämnden",
    "lokaler",
    "kostnader",
    "välfärd",
    "förskolan",
    "äldreomsorgen",
    "budget",
    "åtgärder",
    "särskilt",
    "långsiktigt",
    "gemensamt",
    "ökade",
    "minskade",
    "tydligare",
    "förändrade",
    "årliga",
    "övergripande",
    "nödvändiga",
    "större",
];

/// A sentence of the plan, with the phrases a rewording may swap.
#[derive(Clone, Debug)]
pub struct Sentence {
    pub text: String,
    /// Phrases of the sentence (with the alternatives they were drawn from),
    /// for rewording: `(phrase, list)`.
    swaps: Vec<(&'static str, &'static [&'static str])>,
}

#[derive(Clone, Debug)]
pub enum Block {
    Heading { level: u8, text: String },
    Paragraph(Vec<Sentence>),
    Item(String),
}

impl Block {
    pub fn text(&self) -> String {
        match self {
            Block::Heading { text, .. } | Block::Item(text) => text.clone(),
            Block::Paragraph(s) => s
                .iter()
                .map(|s| s.text.as_str())
                .collect::<Vec<_>>()
                .join(" "),
        }
    }
    fn words(&self) -> usize {
        match self {
            Block::Heading { text, .. } | Block::Item(text) => text.split(' ').count(),
            Block::Paragraph(s) => s.iter().map(|s| s.text.split(' ').count()).sum(),
        }
    }
}

/// A generated plan: its blocks and its text as pasted from a PDF.
pub struct Plan {
    pub blocks: Vec<Block>,
    pub text: String,
    pub words: usize,
    pub pages: usize,
}

struct Writer<'r> {
    rng: &'r mut Rng,
    sentences: HashSet<String>,
}

impl Writer<'_> {
    fn sentence(&mut self) -> Sentence {
        loop {
            let s = self.try_sentence();
            if self.sentences.insert(s.text.clone()) {
                return s;
            }
        }
    }

    fn try_sentence(&mut self) -> Sentence {
        let r = &mut *self.rng;
        let obj = r.pick(OBJECTS);
        match r.below(10) {
            0 => {
                let year = r.range(2019, 2024);
                let pct = format!("{},{}", r.range(1, 12), r.below(10));
                let verb = if r.chance(1, 2) { "ökade" } else { "minskade" };
                Sentence {
                    text: format!(
                        "Under {year} {verb} {obj} med {pct} procent jämfört med året innan."
                    ),
                    swaps: vec![(obj, OBJECTS)],
                }
            }
            1 => {
                let src = r.pick(SOURCES);
                let mkr = r.range(3, 480);
                let adv = r.pick(ADVERBIALS);
                Sentence {
                    text: format!("Enligt {src} uppgår {obj} till {mkr} miljoner kronor {adv}."),
                    swaps: vec![(src, SOURCES), (adv, ADVERBIALS)],
                }
            }
            _ => {
                let subj = r.pick(SUBJECTS);
                let modal = r.pick(MODALS);
                let verb = r.pick(VERBS);
                let adv = r.pick(ADVERBIALS);
                let mut text = format!("{subj} {modal} {verb} {obj} {adv}");
                let mut swaps = vec![(verb, VERBS), (obj, OBJECTS), (adv, ADVERBIALS)];
                if r.chance(2, 5) {
                    let tail = r.pick(TAILS);
                    text.push_str(", ");
                    text.push_str(tail);
                    swaps.push((tail, TAILS));
                }
                text.push('.');
                Sentence { text, swaps }
            }
        }
    }

    fn paragraph(&mut self) -> Block {
        let target = self.rng.range(40, 80);
        let mut sentences = Vec::new();
        let mut words = 0;
        while words < target {
            let s = self.sentence();
            let n = s.text.split(' ').count();
            if words > 0 && words + n > 80 {
                break;
            }
            words += n;
            sentences.push(s);
        }
        Block::Paragraph(sentences)
    }

    fn item(&mut self) -> Block {
        let r = &mut *self.rng;
        let mut t = format!("{} {}", r.pick(VERBS), r.pick(OBJECTS));
        if r.chance(1, 2) {
            t.push(' ');
            t.push_str(r.pick(ADVERBIALS));
        }
        Block::Item(t)
    }
}

/// Reworded text of a sentence: one or two of its phrases swapped for others.
pub fn reword(s: &Sentence, rng: &mut Rng) -> String {
    let mut text = s.text.clone();
    let n = if s.swaps.len() > 1 && rng.chance(1, 3) {
        2
    } else {
        1
    };
    let mut order: Vec<usize> = (0..s.swaps.len()).collect();
    rng.shuffle(&mut order);
    for &i in order.iter().take(n) {
        let (old, list) = s.swaps[i];
        let new = loop {
            let w = rng.pick(list);
            if w != old {
                break w;
            }
        };
        text = text.replacen(old, new, 1);
    }
    text
}

/// Generates a plan of about `pages` pages (500 words a page).
pub fn plan(pages: usize, seed: u64) -> Plan {
    let mut rng = Rng::new(seed);
    let target = pages * 500;
    let mut w = Writer {
        rng: &mut rng,
        sentences: HashSet::new(),
    };
    let mut blocks = vec![Block::Heading {
        level: 1,
        text: "Kommunkoncernövergripande ekonomisk handlingsplan 2025–2028".into(),
    }];
    blocks.push(w.paragraph());
    let mut headings: HashSet<String> = HashSet::new();
    let mut words: usize = blocks.iter().map(Block::words).sum();
    let mut chapter = 0;
    while words < target {
        chapter += 1;
        let title = loop {
            let t = format!("{} {}", w.rng.pick(CHAPTERS), w.rng.pick(CHAPTER_SCOPES));
            if headings.insert(t.clone()) {
                break t;
            }
        };
        blocks.push(Block::Heading {
            level: 2,
            text: format!("{chapter} {title}"),
        });
        for _ in 0..w.rng.range(1, 2) {
            blocks.push(w.paragraph());
        }
        for section in 1..=w.rng.range(3, 6) {
            let title = loop {
                let t = format!("{} {}", w.rng.pick(ASPECTS), w.rng.pick(DOMAINS));
                if headings.insert(t.clone()) {
                    break t;
                }
            };
            blocks.push(Block::Heading {
                level: 3,
                text: format!("{chapter}.{section} {title}"),
            });
            let paras = w.rng.range(3, 8);
            let list_after = if w.rng.chance(1, 3) {
                Some(w.rng.below(paras))
            } else {
                None
            };
            for p in 0..paras {
                blocks.push(w.paragraph());
                if list_after == Some(p) {
                    let lead = w.rng.pick(LEAD_INS);
                    blocks.push(Block::Paragraph(vec![Sentence {
                        text: lead.into(),
                        swaps: vec![],
                    }]));
                    for _ in 0..w.rng.range(3, 5) {
                        blocks.push(w.item());
                    }
                }
            }
        }
        words = blocks.iter().map(Block::words).sum();
    }
    let (text, pages) = render_pdf_text(&blocks, &mut rng);
    Plan {
        blocks,
        text,
        words,
        pages,
    }
}

/// The words of a line to wrap: a number sticks to the word before it, so
/// that no line starts with a digit.
fn units(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for w in text.split(' ') {
        match out.last_mut() {
            Some(last) if w.starts_with(|c: char| c.is_ascii_digit()) => {
                last.push(' ');
                last.push_str(w);
            }
            _ => out.push(w.to_string()),
        }
    }
    out
}

const WIDTH: usize = 95;
const PAGE_WORDS: usize = 500;

struct PdfWriter<'r> {
    out: String,
    page: usize,
    page_words: usize,
    rng: &'r mut Rng,
}

impl PdfWriter<'_> {
    fn page_break(&mut self) {
        self.out
            .push_str(&format!("\nSida {}\n\u{000C}", self.page));
        self.page += 1;
        self.page_words = 0;
    }

    /// Writes a block's text wrapped at [`WIDTH`], the first line after
    /// `first`, the rest after `cont`. With `breaks`, the page may break
    /// inside the paragraph, leaving at least two lines on either page (as
    /// a word processor does).
    fn wrap(&mut self, first: &str, cont: &str, text: &str, breaks: bool) {
        // (line, words on it)
        let mut lines: Vec<(String, usize)> = Vec::new();
        let mut line = String::from(first);
        // words on the line (the second half of a hyphenated word not
        // counted), and whether the line has text yet
        let mut words = 0;
        let mut empty = true;
        for u in units(text) {
            let len = line.chars().count();
            let n = u.chars().count();
            let w = u.split(' ').count();
            if !empty && len + 1 + n > WIDTH {
                // hyphenate a long word now and then, as a PDF does
                let room = WIDTH.saturating_sub(len + 2);
                let chars: Vec<char> = u.chars().collect();
                if n >= 12
                    && room >= 5
                    && n - room >= 4
                    && chars.iter().all(|c| c.is_alphabetic() && c.is_lowercase())
                    && self.rng.chance(1, 3)
                {
                    let head: String = chars[..room].iter().collect();
                    let tail: String = chars[room..].iter().collect();
                    line.push(' ');
                    line.push_str(&head);
                    line.push('-');
                    lines.push((std::mem::take(&mut line), words + 1));
                    line.push_str(cont);
                    line.push_str(&tail);
                    words = 0;
                    continue;
                }
                lines.push((std::mem::take(&mut line), words));
                line.push_str(cont);
                line.push_str(&u);
                words = w;
            } else {
                if !empty {
                    line.push(' ');
                }
                line.push_str(&u);
                words += w;
                empty = false;
            }
        }
        lines.push((line, words));
        let n = lines.len();
        for (k, (line, words)) in lines.into_iter().enumerate() {
            self.out.push_str(&line);
            self.out.push('\n');
            self.page_words += words;
            let (done, left) = (k + 1, n - k - 1);
            if breaks && done >= 2 && left >= 2 && self.page_words >= PAGE_WORDS {
                self.page_break();
            }
        }
    }
}

/// The plan as pdftotext writes it: hard-wrapped lines, a heading on a line
/// of its own, a blank line between paragraphs, "Sida n" and a form feed at
/// every page end.
fn render_pdf_text(blocks: &[Block], rng: &mut Rng) -> (String, usize) {
    let mut p = PdfWriter {
        out: String::new(),
        page: 1,
        page_words: 0,
        rng,
    };
    for (i, b) in blocks.iter().enumerate() {
        let next_is_item = matches!(blocks.get(i + 1), Some(Block::Item(_)));
        match b {
            Block::Heading { text, .. } => {
                p.page_words += text.split(' ').count();
                // a blank line after it, as a heading stands apart on the
                // page (a heading right above a line that starts with a long
                // word could pass for the first line of a wrapped paragraph)
                p.out.push_str(text);
                p.out.push_str("\n\n");
            }
            Block::Paragraph(_) => {
                p.wrap("", "", &b.text(), true);
                if !next_is_item {
                    p.out.push('\n');
                }
            }
            Block::Item(t) => {
                p.wrap("• ", "  ", t, false);
                if !next_is_item {
                    p.out.push('\n');
                }
            }
        }
        // a page also ends between blocks, never right after a heading
        let before_body =
            matches!(b, Block::Heading { .. }) || matches!(blocks.get(i + 1), Some(Block::Item(_)));
        if p.page_words >= PAGE_WORDS && !before_body {
            p.page_break();
        }
    }
    p.out.push_str(&format!("\nSida {}\n", p.page));
    (p.out, p.page)
}

/// Does `quote` stand exactly once in `hay`, at word boundaries?
fn unique_in(hay: &str, quote: &str) -> bool {
    Finder::new(hay).unique(quote)
}

/// Answers [`unique_in`] for many quotes in one text: the places where a
/// word starts, by the [`HEAD`] bytes there, so that a quote is compared
/// only where it could stand.
struct Finder<'t> {
    text: &'t str,
    by_head: HashMap<&'t [u8], Vec<usize>>,
}

/// Bytes a [`Finder`] files each place by.
const HEAD: usize = 12;

impl<'t> Finder<'t> {
    fn new(text: &'t str) -> Finder<'t> {
        let b = text.as_bytes();
        let mut by_head: HashMap<&[u8], Vec<usize>> = HashMap::new();
        let mut prev = ' ';
        for (i, c) in text.char_indices() {
            if c.is_alphanumeric() && !prev.is_alphanumeric() && i + HEAD <= b.len() {
                by_head.entry(&b[i..i + HEAD]).or_default().push(i);
            }
            prev = c;
        }
        Finder { text, by_head }
    }

    fn unique(&self, quote: &str) -> bool {
        let word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
        let hay = self.text;
        let at_end = |i: usize| !word(hay[i + quote.len()..].chars().next());
        if quote.len() < HEAD || !word(quote.chars().next()) {
            let found = hay
                .match_indices(quote)
                .filter(|&(i, _)| !word(hay[..i].chars().next_back()) && at_end(i));
            return found.count() == 1;
        }
        let places = self.by_head.get(&quote.as_bytes()[..HEAD]);
        let found = places
            .into_iter()
            .flatten()
            .filter(|&&i| hay.get(i..i + quote.len()) == Some(quote) && at_end(i));
        found.count() == 1
    }
}

const PARTIES: &[(&str, &str, &str)] = &[
    ("s1", "Anna Lindqvist", "S"),
    ("m1", "Björn Åkesson", "M"),
    ("c1", "Eva Ek", "C"),
    ("l1", "Göran Öhman", "L"),
    ("kd1", "Karin Sjöström", "KD"),
    ("v1", "Emily Munter", "V"),
    ("mp1", "Amanda Andersson", "MP"),
    ("sd1", "Per Ström", "SD"),
];

/// A case on a plan of `pages` pages with `2 * pages` amendments that do
/// not overlap (half replacements of a sentence, a quarter deletions of a
/// sentence or paragraph, a fifth sentences added at a section's end, the rest
/// deleted sections), in a random tabled order. Returns the case and the ids
/// of all its amendments.
pub fn case(pages: usize, seed: u64) -> (Case, Vec<String>) {
    case_dense(pages, 2 * pages, seed)
}

/// [`case`] with `total` amendments on the plan of `pages` pages. When the
/// plan has fewer sections than the shares of deleted sections and added
/// sentences ask for, sentences are replaced instead, and when it has fewer
/// sentences apart from each other than amendments, several amendments
/// reword the same sentence (and conflict).
pub fn case_dense(pages: usize, total: usize, seed: u64) -> (Case, Vec<String>) {
    let plan = plan(pages, seed);
    let mut rng = Rng::new(seed ^ 0xA11CE);
    let blocks = &plan.blocks;
    let all_text = text_of(blocks);
    let finder = Finder::new(&all_text);
    let unique_in = |_: &str, q: &str| finder.unique(q);

    // sections: (heading block, own body end, whole section end)
    let mut sections = Vec::new();
    for (i, b) in blocks.iter().enumerate() {
        if let Block::Heading { level, .. } = b {
            if *level == 1 {
                continue;
            }
            let next_heading = |pred: &dyn Fn(u8) -> bool| {
                blocks[i + 1..]
                    .iter()
                    .position(|b| matches!(b, Block::Heading { level: l, .. } if pred(*l)))
                    .map_or(blocks.len(), |k| i + 1 + k)
            };
            let body_end = next_heading(&|_| true);
            let end = next_heading(&|l| l <= *level);
            sections.push((i, *level, body_end, end));
        }
    }
    let heading_text = |i: usize| match &blocks[i] {
        Block::Heading { text, .. } => text.clone(),
        _ => unreachable!(),
    };

    // a tenth of the sections at most, or little would be left to amend
    let n_sections = (total / 20).min(sections.len() / 10).max(1);
    let n_inserts = total / 5;
    let n_paragraphs = total / 20;
    let n_deletes = total / 4 - n_paragraphs;

    let mut used = vec![false; blocks.len()];
    let mut used_sentence: HashSet<(usize, usize)> = HashSet::new();
    let mut ops: Vec<(AmendmentKind, String, Op)> = Vec::new();

    // deleted sections: level-3 sections, never the last one
    let mut cands: Vec<usize> = (0..sections.len())
        .filter(|&k| sections[k].1 == 3 && sections[k].3 < blocks.len())
        .collect();
    rng.shuffle(&mut cands);
    let mut deleted = HashSet::new();
    for &k in cands.iter().take(n_sections) {
        let (h, _, _, end) = sections[k];
        used[h..end].iter_mut().for_each(|u| *u = true);
        deleted.insert(k);
        let t = heading_text(h);
        ops.push((
            AmendmentKind::Change,
            format!("Avsnitt {t} stryks."),
            Op::delete_section(&t),
        ));
    }
    // a sentence added at the end of a section's own text
    let mut cands: Vec<usize> = (0..sections.len())
        .filter(|&k| {
            let (h, _, body_end, _) = sections[k];
            !deleted.contains(&k) && !used[h] && body_end > h + 1
        })
        .collect();
    rng.shuffle(&mut cands);
    for &k in cands.iter().take(n_inserts) {
        let (h, _, body_end, _) = sections[k];
        used[body_end - 1] = true;
        let t = heading_text(h);
        let text = format!(
            "{} ska därutöver redovisa {} {}.",
            rng.pick(SUBJECTS),
            rng.pick(OBJECTS),
            rng.pick(ADVERBIALS)
        );
        ops.push((
            AmendmentKind::Addition,
            format!("I slutet av avsnitt {t} läggs till: ”{text}”"),
            Op::insert_in_section(Position::End, &t, &text, InsertAs::Sentence),
        ));
    }
    // whole paragraphs deleted
    let mut cands: Vec<usize> = (0..blocks.len())
        .filter(|&i| !used[i] && matches!(&blocks[i], Block::Paragraph(s) if s.len() > 1))
        .collect();
    rng.shuffle(&mut cands);
    let mut taken = 0;
    for &i in &cands {
        if taken == n_paragraphs {
            break;
        }
        let q = blocks[i].text();
        if !unique_in(&all_text, &q) {
            continue;
        }
        used[i] = true;
        taken += 1;
        ops.push((
            AmendmentKind::Change,
            format!("Stycket ”{q}” stryks."),
            Op::delete(&q),
        ));
    }
    // sentences replaced or deleted
    let mut cands: Vec<(usize, usize)> = Vec::new();
    for (i, b) in blocks.iter().enumerate() {
        if let Block::Paragraph(s) = b {
            if !used[i] && s.len() > 1 {
                cands.extend((0..s.len()).map(|k| (i, k)));
            }
        }
    }
    rng.shuffle(&mut cands);
    // the rest replace or delete a sentence (more of them when the sections
    // ran out); when every sentence apart from the others has one, more
    // amendments reword those sentences again, in conflict with the first
    let mut wanted = total - ops.len();
    let n_deletes = n_deletes.min(wanted);
    let mut reworded = Vec::new();
    for &(i, k) in &cands {
        if wanted == 0 {
            break;
        }
        // neighbours stay apart so that no two passages touch
        if used_sentence.contains(&(i, k))
            || used_sentence.contains(&(i, k.wrapping_sub(1)))
            || used_sentence.contains(&(i, k + 1))
        {
            continue;
        }
        let Block::Paragraph(s) = &blocks[i] else {
            unreachable!()
        };
        let sentence = &s[k];
        if !unique_in(&all_text, &sentence.text) {
            continue;
        }
        used_sentence.insert((i, k));
        wanted -= 1;
        let q = &sentence.text;
        if wanted < n_deletes {
            ops.push((
                AmendmentKind::Change,
                format!("Meningen ”{q}” stryks."),
                Op::delete(q),
            ));
        } else {
            reworded.push(sentence);
            ops.push(replacement(sentence, &mut rng));
        }
    }
    for sentence in reworded.iter().cycle().take(wanted) {
        ops.push(replacement(sentence, &mut rng));
    }
    assert_eq!(ops.len(), total, "not enough targets in the plan");
    rng.shuffle(&mut ops);

    let mut case = Case::new("Ekonomisk handlingsplan 2025–2028", &plan.text);
    for (id, name, party) in PARTIES {
        case.members.push(Member {
            id: id.to_string(),
            name: name.to_string(),
            party: party.to_string(),
            substitute: false,
        });
    }
    let mut ids = Vec::new();
    for (n, (kind, wording, op)) in ops.into_iter().enumerate() {
        let id = format!("a{}", n + 1);
        ids.push(id.clone());
        case.amendments.push(Amendment {
            id,
            proposer: PARTIES[n % PARTIES.len()].0.to_string(),
            kind,
            ordinal: None,
            wording,
            ops: vec![op],
            supporters: vec![],
            withdrawn: false,
            conditional: false,
            from_wording: false,
            motivation: None,
            note: None,
        });
    }
    (case, ids)
}

/// `n` quotes that do not stand in `plan`: sentences of it (each standing
/// once) with one or two phrases reworded, as a careless quote would have
/// them. Each comes with the sentence it was made from, which the closest
/// match of a quote not found should name.
pub fn near_misses(plan: &Plan, n: usize, seed: u64) -> Vec<(String, String)> {
    let mut rng = Rng::new(seed);
    let all_text = text_of(&plan.blocks);
    let finder = Finder::new(&all_text);
    let mut sentences: Vec<&Sentence> = plan
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Paragraph(s) => Some(s.iter()),
            _ => None,
        })
        .flatten()
        .filter(|s| !s.swaps.is_empty())
        .collect();
    rng.shuffle(&mut sentences);
    let mut out = Vec::new();
    for s in sentences {
        if out.len() == n {
            break;
        }
        let quote = reword(s, &mut rng);
        if !all_text.contains(quote.as_str()) && finder.unique(&s.text) {
            out.push((quote, s.text.clone()));
        }
    }
    assert_eq!(out.len(), n, "not enough sentences in the plan");
    out
}

/// A quote of at least `words` words that does not stand in `plan`: the
/// text of consecutive blocks (headings and list items too) with one
/// sentence in twenty reworded, and the text it was made from (the blocks'
/// texts, a space between them).
pub fn long_near_miss(plan: &Plan, words: usize, seed: u64) -> (String, String) {
    let mut rng = Rng::new(seed);
    let blocks = &plan.blocks;
    let start = rng.below(blocks.len() / 2);
    let (mut quote, mut original) = (Vec::new(), Vec::new());
    let mut count = 0;
    for b in &blocks[start..] {
        match b {
            Block::Paragraph(sentences) => {
                for s in sentences {
                    let reworded = !s.swaps.is_empty() && rng.chance(1, 20);
                    quote.push(if reworded {
                        reword(s, &mut rng)
                    } else {
                        s.text.clone()
                    });
                    original.push(s.text.clone());
                }
            }
            _ => {
                quote.push(b.text());
                original.push(b.text());
            }
        }
        count += b.words();
        if count >= words {
            break;
        }
    }
    assert!(count >= words, "the plan is too short");
    let quote = quote.join(" ");
    assert!(
        !text_of(blocks).contains(quote.as_str()),
        "the quote stands in the plan"
    );
    (quote, original.join(" "))
}

/// `words` words of the plan's prose (sentences drawn as a plan's are), for
/// a replacement of one passage by a long text.
pub fn prose(words: usize, seed: u64) -> String {
    let mut rng = Rng::new(seed);
    let mut w = Writer {
        rng: &mut rng,
        sentences: HashSet::new(),
    };
    let mut out: Vec<String> = Vec::new();
    let mut count = 0;
    while count < words {
        let s = w.sentence();
        count += s.text.split(' ').count();
        out.push(s.text);
    }
    out.join(" ")
}

/// An amendment rewording `sentence`.
fn replacement(sentence: &Sentence, rng: &mut Rng) -> (AmendmentKind, String, Op) {
    let q = &sentence.text;
    let new = reword(sentence, rng);
    (
        AmendmentKind::Change,
        format!("”{q}” ändras till ”{new}”"),
        Op::replace(q, &new),
    )
}

/// A case on the plan of `pages` pages with one amendment, `big`, replacing
/// the plan's first paragraph of more than one sentence by `text`.
pub fn case_replacing(pages: usize, text: &str, seed: u64) -> (Case, String) {
    let plan = plan(pages, seed);
    let all_text = text_of(&plan.blocks);
    let quote = plan
        .blocks
        .iter()
        .filter(|b| matches!(b, Block::Paragraph(s) if s.len() > 1))
        .map(Block::text)
        .find(|q| unique_in(&all_text, q))
        .expect("a paragraph that stands once");
    let mut case = Case::new("Ekonomisk handlingsplan 2025–2028", &plan.text);
    case.members.push(Member {
        id: "s1".into(),
        name: "Anna Lindqvist".into(),
        party: "S".into(),
        substitute: false,
    });
    let mut a = Amendment::probe("big", vec![Op::replace(&quote, text)]);
    a.proposer = "s1".into();
    case.amendments.push(a);
    (case, quote)
}

fn text_of(blocks: &[Block]) -> String {
    blocks
        .iter()
        .map(Block::text)
        .collect::<Vec<_>>()
        .join("\n")
}

/// The canonical (Markdown) text of a plan of `pages` pages, as the app shows
/// and compares it.
pub fn canonical(pages: usize, seed: u64) -> String {
    let p = plan(pages, seed);
    amend::doc::Document::parse(&p.text, amend::doc::SourceFormat::Auto)
        .expect("the generated plan parses")
        .canonical
}

/// `text` with `n` words replaced, inserted after or deleted at random
/// places (never in a heading's `#` marker), each a different word.
pub fn edit_words(text: &str, n: usize, seed: u64) -> String {
    let mut rng = Rng::new(seed);
    // byte ranges of the words
    let mut words: Vec<(usize, usize)> = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        if c.is_alphanumeric() {
            start.get_or_insert(i);
        } else if let Some(s) = start.take() {
            words.push((s, i));
        }
    }
    if let Some(s) = start {
        words.push((s, text.len()));
    }
    assert!(n <= words.len() / 2, "too many edits for the text");
    let mut picked: Vec<usize> = Vec::with_capacity(n);
    let mut seen = HashSet::new();
    while picked.len() < n {
        let k = rng.below(words.len());
        if seen.insert(k) {
            picked.push(k);
        }
    }
    picked.sort_unstable();
    let mut out = String::with_capacity(text.len() + n * 8);
    let mut at = 0;
    for k in picked {
        let (s, e) = words[k];
        out.push_str(&text[at..s]);
        let w = rng.pick(WORDS);
        match rng.below(3) {
            // replaced
            0 => {
                out.push_str(if w == &text[s..e] { "förnyade" } else { w });
                at = e;
            }
            // a word inserted after it
            1 => {
                out.push_str(&text[s..e]);
                out.push(' ');
                out.push_str(w);
                at = e;
            }
            // deleted, with the space after it (or before it)
            _ => {
                if text[e..].starts_with(' ') {
                    at = e + 1;
                } else {
                    if out.ends_with(' ') {
                        out.pop();
                    }
                    at = e;
                }
            }
        }
    }
    out.push_str(&text[at..]);
    out
}

/// The seed of every benchmark input.
pub const SEED: u64 = 2025;

/// Word edits between the two versions the diff benchmark compares.
pub const DIFF_EDITS: [usize; 3] = [10, 200, 2000];

/// The paragraphs of a text, each with the blank lines after it (the text
/// is their concatenation).
fn paragraphs_of(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(k) = rest.find("\n\n") {
        let end = k + rest[k..].len() - rest[k..].trim_start_matches('\n').len();
        out.push(rest[..end].to_string());
        rest = &rest[end..];
    }
    if !rest.is_empty() {
        out.push(rest.to_string());
    }
    out
}

/// Is a paragraph running prose (not a heading or a list)?
fn is_prose(p: &str) -> bool {
    !p.starts_with(['#', '-', '*', '•']) && !p.contains("\n- ")
}

/// Where a prose paragraph can be split in two: after a full stop in its
/// middle third, if there is one.
fn split_point(p: &str) -> Option<usize> {
    let (lo, hi) = (p.len() / 3, 2 * p.len() / 3);
    p.match_indices(". ")
        .map(|(i, _)| i + 1)
        .find(|&i| i >= lo && i <= hi)
}

/// `text` with `splits` prose paragraphs split in two at a full stop,
/// `merges` pairs of neighbouring prose paragraphs joined into one and
/// `moves` paragraphs moved elsewhere, then `edits` scattered word edits
/// (see [`edit_words`]): the shapes a revised plan takes besides rewording.
pub fn restructure(
    text: &str,
    splits: usize,
    merges: usize,
    moves: usize,
    edits: usize,
    seed: u64,
) -> String {
    let mut rng = Rng::new(seed);
    let mut paras = paragraphs_of(text);
    let mut left = splits;
    while left > 0 {
        let k = rng.below(paras.len());
        if !is_prose(&paras[k]) {
            continue;
        }
        if let Some(at) = split_point(&paras[k]) {
            let (head, tail) = paras[k].split_at(at);
            let (head, tail) = (format!("{head}\n\n"), tail.trim_start().to_string());
            paras[k] = head;
            paras.insert(k + 1, tail);
            left -= 1;
        }
    }
    let mut left = merges;
    while left > 0 {
        let k = rng.below(paras.len() - 1);
        if is_prose(&paras[k]) && is_prose(&paras[k + 1]) && paras[k].ends_with("\n\n") {
            let next = paras.remove(k + 1);
            let head = paras[k].trim_end_matches('\n').to_string();
            paras[k] = format!("{head} {next}");
            left -= 1;
        }
    }
    for _ in 0..moves {
        let k = loop {
            let k = rng.below(paras.len() - 1);
            if is_prose(&paras[k]) {
                break k;
            }
        };
        let p = paras.remove(k);
        let to = rng.below(paras.len());
        paras.insert(to, p);
    }
    edit_words(&paras.concat(), edits, seed ^ 0xED17)
}

/// `text` with `n` prose paragraphs from a stretch about its middle (the
/// headings and lists among them kept) replaced by as many paragraphs of
/// another plan: a rewritten passage.
pub fn rewrite(text: &str, n: usize, seed: u64) -> String {
    let mut paras = paragraphs_of(text);
    let other = canonical(25, seed);
    let mut fresh = paragraphs_of(&other).into_iter().filter(|p| is_prose(p));
    let mut k = paras.len() / 2;
    let mut left = n;
    while left > 0 && k < paras.len() {
        if is_prose(&paras[k]) && paras[k].ends_with("\n\n") {
            let p = fresh.next().expect("enough paragraphs in the other plan");
            paras[k] = format!("{}\n\n", p.trim_end_matches('\n'));
            left -= 1;
        }
        k += 1;
    }
    assert_eq!(left, 0, "not enough paragraphs to rewrite");
    paras.concat()
}

/// Canonical texts of 100-page plans of the seeds from `seed` on, joined
/// until they are at least `bytes` long: a long text.
pub fn long_text(bytes: usize, seed: u64) -> String {
    let mut out = String::with_capacity(bytes + 500_000);
    let mut s = seed;
    while out.len() < bytes {
        out.push_str(&canonical(100, s));
        out.push_str("\n\n");
        s += 1;
    }
    out
}

/// Paragraphs split, merged and moved for the `structural` diff input.
pub const STRUCTURAL: (usize, usize, usize, usize) = (20, 20, 10, 200);

/// Prose paragraphs replaced for the `rewritten` diff input (about a tenth
/// of the 100-page plan's).
pub const REWRITTEN: usize = 80;

/// Size of each of the two long texts of the `diff_long` benchmark.
pub const LONG_BYTES: usize = 5_000_000;

/// The diff inputs besides the word edits, each a new version of
/// `canonical(100, SEED)` by name: `identical` (a copy), `structural`
/// (see [`STRUCTURAL`]) and `rewritten` (see [`REWRITTEN`]).
pub fn diff_shapes(old: &str) -> Vec<(&'static str, String)> {
    let (splits, merges, moves, edits) = STRUCTURAL;
    vec![
        ("identical", old.to_string()),
        (
            "structural",
            restructure(old, splits, merges, moves, edits, SEED + 7),
        ),
        ("rewritten", rewrite(old, REWRITTEN, SEED + 8)),
    ]
}

/// The two long texts of the `diff_long` benchmark: plans of other seeds,
/// nothing in common but their vocabulary and a few headings.
pub fn long_pair() -> (String, String) {
    (long_text(LONG_BYTES, 1000), long_text(LONG_BYTES, 2000))
}
