//! The browser binding: converts between JavaScript values and the core's
//! types, and delegates. No logic lives here.
//!
//! Structured values cross as JavaScript values (serde-wasm-bindgen, JSON
//! compatible: maps arrive as plain objects, missing values as `null`). The
//! case file, a file format, crosses as JSON text, which the browser's own
//! `JSON` reads and writes: the module carries no JSON code of its own.
//! Every fallible method throws a plain object `{ message, code, help? }`
//! (see [`crate::Error::code`]), never a string.

use crate::amendment::{Amendment, Op};
use crate::case::{BaseProposal, Case, Meeting, Member};
use crate::doc::Document;
use crate::export::Export;
use crate::minutes::{minutes, minutes_text, Minutes, SectionEdit};
use crate::procedure::{self, Decision, Problem, Procedure, Report};
use crate::render::{self, Lang};
use crate::vote::style::Style;
use crate::{compare, selection, wording};
use serde::{de::DeserializeOwned, Deserialize, Serialize};
use serde_wasm_bindgen::Serializer;
use wasm_bindgen::prelude::*;

fn js_err(e: crate::Error) -> JsValue {
    let obj = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&obj, &"message".into(), &e.to_string().into());
    let _ = js_sys::Reflect::set(&obj, &"code".into(), &e.code().into());
    if let Some(h) = e.help() {
        let _ = js_sys::Reflect::set(&obj, &"help".into(), &h.into());
    }
    if let Some(n) = e.nearest_text() {
        let _ = js_sys::Reflect::set(&obj, &"nearest".into(), &n.into());
    }
    obj.into()
}

fn js_error(code: &str, message: String) -> JsValue {
    let obj = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&obj, &"message".into(), &message.into());
    let _ = js_sys::Reflect::set(&obj, &"code".into(), &code.into());
    obj.into()
}

fn to_js<T: Serialize + ?Sized>(v: &T) -> Result<JsValue, JsValue> {
    v.serialize(&Serializer::json_compatible())
        .map_err(|e| js_err(crate::Error::Invalid(e.to_string())))
}

fn from_js<T: DeserializeOwned>(v: JsValue, what: &str) -> Result<T, JsValue> {
    serde_wasm_bindgen::from_value(v)
        .map_err(|e| js_err(crate::Error::Invalid(format!("{what}: {e}"))))
}

/// Reads a case file (amend/1 JSON text) and checks that it hangs together.
fn read_case(json: &str) -> Result<Case, JsValue> {
    case_of(parse_json(json, "the case file")?)
}

/// JSON text parsed by the browser; `what` names it in the error.
fn parse_json(json: &str, what: &str) -> Result<JsValue, JsValue> {
    js_sys::JSON::parse(json).map_err(|e| {
        let why = js_sys::Reflect::get(&e, &"message".into())
            .ok()
            .and_then(|m| m.as_string())
            .unwrap_or_default();
        js_error("json", format!("{what} is not valid JSON: {why}"))
    })
}

/// A case file's parsed JSON as a case, checked (see [`read_case`]).
fn case_of(value: JsValue) -> Result<Case, JsValue> {
    let format = if value.is_object() && !js_sys::Array::is_array(&value) {
        js_sys::Reflect::get(&value, &"format".into())
            .ok()
            .filter(|f| !f.is_undefined())
    } else {
        None
    };
    let format = format.map(|f| {
        f.as_string().unwrap_or_else(|| {
            js_sys::JSON::stringify(&f)
                .map(String::from)
                .unwrap_or_default()
        })
    });
    Case::check_format(format.as_deref()).map_err(js_err)?;
    let case: Case = serde_wasm_bindgen::from_value(value).map_err(|e| {
        js_error(
            "json",
            format!("the case file does not follow the format amend/1: {e}"),
        )
    })?;
    case.validate().map_err(js_err)?;
    let mut case = case;
    case.read_wordings();
    Ok(case)
}

/// The case file: pretty-printed JSON (two spaces), as `Case::to_json`
/// writes it.
fn write_case(case: &Case) -> Result<String, JsValue> {
    let value = to_js(case)?;
    let text = js_sys::JSON::stringify_with_replacer_and_space(&value, &JsValue::NULL, &2.into())?;
    Ok(String::from(text) + "\n")
}

fn lang(s: &str) -> Lang {
    s.parse().unwrap_or_default()
}

/// `s` in Unicode normal form C, by the browser (see `text::set_composer`).
#[cfg(not(feature = "nfc-tables"))]
fn nfc(s: &str) -> String {
    String::from(js_sys::JsString::from(s).normalize("NFC"))
}

/// The case file's structure: which field holds which struct and the names
/// each knows (see `fields::case_shape`), so the app keeps the fields of a
/// case file that amend does not know.
#[wasm_bindgen(js_name = caseShape)]
pub fn case_shape() -> Result<JsValue, JsValue> {
    to_js(&crate::fields::case_shape())
}

/// The known field name `name` is most likely a misspelling of.
#[wasm_bindgen(js_name = nearestField)]
pub fn nearest_field(name: &str, known: Vec<String>) -> Option<String> {
    let known: Vec<&str> = known.iter().map(String::as_str).collect();
    crate::fields::nearest(name, &known).map(str::to_string)
}

/// The operations a proposal's Swedish wording asks for (see
/// `amend::reading`): `{ops}`, or `{unread: {part, why}}` naming the part
/// that could not be read.
#[wasm_bindgen(js_name = readWording)]
pub fn read_wording(wording: &str) -> Result<JsValue, JsValue> {
    #[derive(Serialize)]
    struct Read {
        #[serde(skip_serializing_if = "Option::is_none")]
        ops: Option<Vec<crate::Op>>,
        #[serde(skip_serializing_if = "Option::is_none")]
        unread: Option<crate::amend::reading::Unread>,
    }
    to_js(&match crate::amend::reading::read_wording(wording) {
        Ok(ops) => Read {
            ops: Some(ops),
            unread: None,
        },
        Err(u) => Read {
            ops: None,
            unread: Some(u),
        },
    })
}

/// A pasted list of members (see `vote::members::parse_list`):
/// `[{name, party, substitute}]`.
#[wasm_bindgen(js_name = parseMembers)]
pub fn parse_members(text: &str) -> Result<JsValue, JsValue> {
    to_js(&crate::vote::members::parse_list(text).map_err(js_err)?)
}

/// `members` with those of `listed` (`[{name, party, substitute}]`) who are
/// not among them yet (see `vote::members::add_to`): `{members, added}`.
#[wasm_bindgen(js_name = addMembers)]
pub fn add_members(members: JsValue, listed: JsValue) -> Result<JsValue, JsValue> {
    let mut members: Vec<Member> = from_js(members, "members")?;
    let listed: Vec<crate::vote::members::Listed> = from_js(listed, "listed members")?;
    let added = crate::vote::members::add_to(&mut members, &listed);
    #[derive(Serialize)]
    struct Added {
        members: Vec<Member>,
        added: usize,
    }
    to_js(&Added { members, added })
}

/// Runs when the module is instantiated: the core composes Unicode with the
/// browser's normalisation instead of tables of its own (unless it is built
/// with them, feature `nfc-tables`).
/// (Constructors call it too: a test harness may not run start functions.)
#[wasm_bindgen(start)]
pub fn start() {
    #[cfg(not(feature = "nfc-tables"))]
    crate::text::set_composer(nfc);
}

/// The parts of a case the app edits (everything but the plan), as they
/// arrive: any of them may be left out.
#[derive(Deserialize)]
struct Parts {
    title: Option<String>,
    meeting: Option<Meeting>,
    members: Option<Vec<Member>>,
    base: Option<BaseProposal>,
    amendments: Option<Vec<Amendment>>,
    procedure: Option<Procedure>,
    minutes_edits: Option<Vec<SectionEdit>>,
    style: Option<Style>,
}

/// The parts of a case the app edits, as they leave.
#[derive(Serialize)]
struct PartsOut<'a> {
    format: &'a str,
    title: &'a str,
    meeting: &'a Meeting,
    members: &'a [Member],
    base: &'a BaseProposal,
    amendments: &'a [Amendment],
    procedure: &'a Procedure,
    minutes_edits: &'a [SectionEdit],
    style: &'a Style,
}

/// The vote: the decision as far as it goes, the first problem and the
/// minutes in one value.
#[derive(Serialize)]
struct Vote {
    decision: Option<Decision>,
    problem: Option<Problem>,
    minutes: Option<Minutes>,
}

/// A case open in the browser, with its plan parsed once.
#[wasm_bindgen]
pub struct Workspace {
    case: Case,
    doc: Document,
}

/// The comparison of two plain texts (`compareTexts`).
#[cfg(feature = "compare-texts")]
mod texts;
#[cfg(feature = "compare-texts")]
pub use texts::compare_texts;

// ---------------------------------------------------------------------------
// Plan files: .docx and PDF (the module built with feature `formats`, which
// the app fetches only when such a file is opened or a .docx exported).

/// An error of a file reader: `{message, code, message_sv}`.
#[cfg(feature = "formats")]
fn file_error(code: &str, message: String, message_sv: String) -> JsValue {
    let obj = js_error(code, message);
    let _ = js_sys::Reflect::set(&obj, &"message_sv".into(), &message_sv.into());
    obj
}

/// A plan file read into plan text, for [`Workspace::from_read`].
#[cfg(feature = "formats")]
#[derive(Serialize)]
struct PlanRead {
    /// In the structured form.
    text: String,
    format: crate::doc::SourceFormat,
    /// What the reader accepted, left out or guessed: `[sv, en]` pairs.
    notes: Vec<[String; 2]>,
    /// A .docx file's package, base64, kept in the case so that a .docx
    /// export looks like the file that came in.
    docx: Option<String>,
    /// Bold and italic text over byte ranges of `text`, as the case file
    /// writes them: `"12-30b 41-47i"`.
    marks: String,
}

/// Reads a .docx file's bytes: `{text, format: "docx", notes}`; throws
/// `{message, code, message_sv}` for a file that is not a readable .docx.
#[cfg(feature = "formats")]
#[wasm_bindgen(js_name = readDocx)]
pub fn read_docx(bytes: &[u8]) -> Result<JsValue, JsValue> {
    use crate::plan::docx;
    let read = docx::check_size(bytes.len())
        .and_then(|()| docx::read_docx(bytes))
        .map_err(|e| file_error(e.code(), e.to_string(), e.message_sv()))?;
    to_js(&PlanRead {
        text: read.text,
        format: crate::doc::SourceFormat::Docx,
        notes: read
            .notes
            .iter()
            .map(|n| [n.message_sv(), n.message()])
            .collect(),
        docx: Some(crate::export::docx_package::encode(bytes)),
        marks: crate::plan::emphasis::to_text(&read.marks),
    })
}

/// Reads a PDF's pages of placed text (an array of `{height, chunks: [{top,
/// left, width, height, size, bold, italic, text}]}`, as the app's pdf.js
/// reading gives them): `{text, format: "pdf", notes, marks}`.
#[cfg(feature = "formats")]
#[wasm_bindgen(js_name = readPdfPages)]
pub fn read_pdf_pages(pages: JsValue) -> Result<JsValue, JsValue> {
    use crate::plan::pdf;
    let pages: Vec<pdf::Page> = from_js(pages, "the PDF's pages")?;
    let read =
        pdf::from_pages(pages).map_err(|e| file_error(e.code(), e.to_string(), e.message_sv()))?;
    to_js(&PlanRead {
        text: read.text,
        format: crate::doc::SourceFormat::Pdf,
        notes: read
            .notes
            .iter()
            .map(|n| [n.message_sv(), n.message()])
            .collect(),
        docx: None,
        marks: crate::plan::emphasis::to_text(&read.marks),
    })
}

#[cfg(feature = "formats")]
#[wasm_bindgen]
impl Workspace {
    /// A new case around a plan file read by [`read_docx`] or
    /// [`read_pdf_pages`] (`text` in the structured form, `format` "docx" or
    /// "pdf").
    /// `docx` is a .docx file's package as `readDocx` gives it, `marks` the
    /// emphasis the reader found (`"12-30b 41-47i"` over `text`).
    #[wasm_bindgen(js_name = fromRead)]
    pub fn from_read(
        title: &str,
        text: &str,
        format: &str,
        docx: Option<String>,
        marks: Option<String>,
    ) -> Result<Workspace, JsValue> {
        start();
        let format = match format {
            "docx" => crate::doc::SourceFormat::Docx,
            "pdf" => crate::doc::SourceFormat::Pdf,
            _ => crate::doc::SourceFormat::Structured,
        };
        let mut case = Case::new(title, text);
        case.plan.format = format;
        case.plan.docx = docx;
        let mut doc = case.document().map_err(js_err)?;
        if let Some(marks) = marks.filter(|m| !m.is_empty()) {
            let marks = crate::plan::emphasis::from_text(&marks)
                .map_err(|e| js_error("invalid", format!("the plan's emphasis: {e}")))?;
            case.set_read_marks(&mut doc, &marks);
        }
        Ok(Workspace { case, doc })
    }

    /// The plan as a .docx file with the amendments `adopted`: the adopted
    /// text, or with `tracked` every change a Word revision by its proposer,
    /// dated the meeting's date. A plan read from a .docx is written into
    /// that package (see `export::docx_package`).
    pub fn docx(&self, adopted: Vec<String>, tracked: bool) -> Result<Vec<u8>, JsValue> {
        let applied = self
            .case
            .apply_with(&self.doc, &adopted, &[])
            .map_err(js_err)?;
        crate::export::docx_package::case_docx(&self.case, &self.doc, &applied, tracked)
            .map_err(|e| js_error("docx_package", format!("plan.docx: {e}")))
    }

    /// The minutes as a Word document, in `lang_code`; throws the
    /// procedure's first problem.
    #[wasm_bindgen(js_name = minutesDocx)]
    pub fn minutes_docx(&self, lang_code: &str) -> Result<Vec<u8>, JsValue> {
        let lang = lang(lang_code);
        let m = minutes(&self.case, &self.decided()?, lang);
        Ok(crate::export::minutes::docx(&self.case, &m, lang))
    }
}

// ---------------------------------------------------------------------------
// Drafts (see `drafts`): a member's proposals sent as a small file and
// gathered into a case, and a case carried to a new version of its plan. In
// the full module (feature `formats`), which the app fetches for them.

/// A draft merged into a copy of the case (`Workspace::merge_draft`).
#[cfg(feature = "formats")]
#[derive(Serialize)]
struct MergedDraft {
    /// The draft's case title.
    title: String,
    report: Vec<crate::drafts::Merged>,
    /// The case's members and proposals with the draft's merged in.
    members: Vec<Member>,
    amendments: Vec<Amendment>,
}

/// A draft file, or a case file taken as one (as `drafts::Draft::from_json`,
/// read by the browser's JSON).
#[cfg(feature = "formats")]
fn read_draft(json: &str) -> Result<crate::drafts::Draft, JsValue> {
    let value = parse_json(json, "the draft")?;
    let format = js_sys::Reflect::get(&value, &"format".into())
        .ok()
        .and_then(|f| f.as_string());
    if format.as_deref() == Some(crate::drafts::DRAFT_FORMAT) {
        return from_js(value, "the draft");
    }
    let case = case_of(value)?;
    let doc = case.document().map_err(js_err)?;
    Ok(crate::drafts::Draft::of(&case, &doc, None))
}

/// A case carried to a new version of its plan (`Workspace::rebase`).
#[cfg(feature = "formats")]
#[derive(Serialize)]
struct Rebased {
    /// The proposals whose passage is not found in the new version.
    moved: Vec<crate::drafts::Moved>,
    /// The old version against the new.
    versions: crate::plan::versions::Versions,
    /// The new plan, for `setPlanText`.
    plan: PlanText,
}

#[cfg(feature = "formats")]
#[wasm_bindgen]
impl Workspace {
    /// The draft file (JSON text) of `proposer`'s proposals, all of them
    /// when `None` (see `drafts::Draft::of`).
    #[wasm_bindgen(js_name = draftOf)]
    pub fn draft_of(&self, proposer: Option<String>) -> Result<String, JsValue> {
        let draft = crate::drafts::Draft::of(&self.case, &self.doc, proposer.as_deref());
        // (by the browser's JSON, as `write_case`: serde_json's would double
        // the module's code for the case's types)
        let value = to_js(&draft)?;
        let text =
            js_sys::JSON::stringify_with_replacer_and_space(&value, &JsValue::NULL, &2.into())?;
        Ok(String::from(text) + "\n")
    }

    /// Merges a draft file (or a case file) into a copy of the case (see
    /// `drafts::merge`): `{title, report, members, amendments}`. The case
    /// itself does not change: the app sets the parts, as an edit.
    #[wasm_bindgen(js_name = mergeDraft)]
    pub fn merge_draft(&self, json: &str) -> Result<JsValue, JsValue> {
        let draft = read_draft(json)?;
        let mut case = self.case.clone();
        let report =
            crate::drafts::merge(&mut case, std::slice::from_ref(&draft)).map_err(js_err)?;
        to_js(&MergedDraft {
            title: draft.title,
            report,
            members: case.members,
            amendments: case.amendments,
        })
    }

    /// A copy of the case carried to a new version of the plan (`text` in
    /// `format`, as a reader gave it; see `drafts::rebase`): `{moved,
    /// versions: {chunks, moved}, plan: {format, text}}`. The case itself
    /// does not change: the app sets the plan text, as an edit.
    pub fn rebase(&self, text: &str, format: &str) -> Result<JsValue, JsValue> {
        let format: crate::doc::SourceFormat = from_js(format.into(), "the plan's format")?;
        let mut case = self.case.clone();
        let plan = crate::case::Plan {
            format,
            text: text.to_string(),
            docx: None,
            marks: Vec::new(),
        };
        let moved = crate::drafts::rebase(&mut case, plan).map_err(js_err)?;
        let new = case.document().map_err(js_err)?;
        to_js(&Rebased {
            moved,
            versions: crate::plan::versions::compare_versions(&self.doc, &new),
            plan: PlanText {
                format,
                text: case.plan.text,
            },
        })
    }
}

impl Workspace {
    /// The recorded vote decided, or its first problem thrown.
    fn decided(&self) -> Result<Decision, JsValue> {
        let an = self.case.analyze_with(self.doc.clone());
        procedure::decide_with(&self.case, &an).map_err(js_err)
    }

    fn report(&self) -> Report {
        let an = self.case.analyze_with(self.doc.clone());
        procedure::report(&self.case, &an)
    }
}

#[wasm_bindgen]
impl Workspace {
    /// Opens a case file (amend/1 JSON).
    #[wasm_bindgen(constructor)]
    pub fn new(json: &str) -> Result<Workspace, JsValue> {
        start();
        let case = read_case(json)?;
        let doc = case.document().map_err(js_err)?;
        Ok(Workspace { case, doc })
    }

    /// A new case around a plan text (Markdown, or text pasted from a PDF).
    #[wasm_bindgen(js_name = fromPlan)]
    pub fn from_plan(title: &str, plan: &str) -> Result<Workspace, JsValue> {
        start();
        let case = Case::new(title, plan);
        let doc = case.document().map_err(js_err)?;
        Ok(Workspace { case, doc })
    }

    /// The case file as JSON text (pretty-printed), for saving.
    #[wasm_bindgen(js_name = caseJson)]
    pub fn case_json(&self) -> Result<String, JsValue> {
        write_case(&self.case)
    }

    /// The case without its plan: `{format, title, meeting, members, base,
    /// amendments, procedure, minutes_edits, style}`.
    pub fn parts(&self) -> Result<JsValue, JsValue> {
        let c = &self.case;
        to_js(&PartsOut {
            format: &c.format,
            title: &c.title,
            meeting: &c.meeting,
            members: &c.members,
            base: &c.base,
            amendments: &c.amendments,
            procedure: &c.procedure,
            minutes_edits: &c.minutes_edits,
            style: &c.style,
        })
    }

    /// Replaces the parts of the case given in `parts`, an object with any
    /// of `title`, `meeting`, `members`, `base`, `amendments`, `procedure`,
    /// `minutes_edits`, `style`;
    /// the plan stays. Nothing changes if the result does not hang together
    /// (ids, members). The procedure is not decided here: a procedure that
    /// does not add up is kept as entered, and [`Workspace::vote`] says why.
    #[wasm_bindgen(js_name = setParts)]
    pub fn set_parts(&mut self, parts: JsValue) -> Result<(), JsValue> {
        let parts: Parts = from_js(parts, "the case's parts")?;
        let mut case = self.case.clone();
        if let Some(v) = parts.title {
            case.title = v;
        }
        if let Some(v) = parts.meeting {
            case.meeting = v;
        }
        if let Some(v) = parts.members {
            case.members = v;
        }
        if let Some(v) = parts.base {
            case.base = v;
        }
        if let Some(v) = parts.amendments {
            case.amendments = v;
        }
        if let Some(v) = parts.procedure {
            case.procedure = v;
        }
        if let Some(v) = parts.minutes_edits {
            case.minutes_edits = v;
        }
        if let Some(v) = parts.style {
            case.style = v;
        }
        case.validate().map_err(js_err)?;
        self.case = case;
        Ok(())
    }

    /// The plan's blocks (id, type, level, text, page, parent).
    pub fn blocks(&self) -> Result<JsValue, JsValue> {
        to_js(&self.doc.blocks)
    }

    /// Number of pages of the plan.
    pub fn pages(&self) -> u32 {
        self.doc.pages()
    }

    /// Tracked changes of the adopted amendments, as blocks.
    pub fn tracked(&self, adopted: Vec<String>) -> Result<JsValue, JsValue> {
        let applied = self
            .case
            .apply_with(&self.doc, &adopted, &[])
            .map_err(js_err)?;
        to_js(&render::tracked_blocks(&applied.runs))
    }

    /// The amendments `ids` over the plan, earlier ids winning conflicts
    /// between word-level changes (see `compare::overlay`).
    pub fn overlay(&self, ids: Vec<String>) -> Result<JsValue, JsValue> {
        to_js(&compare::overlay(&self.case, &self.doc, &ids))
    }

    /// Every tabled amendment located: places, failures, warnings, conflicts
    /// and groups of competing proposals.
    pub fn check(&self) -> Result<JsValue, JsValue> {
        to_js(&compare::check(&self.case, &self.doc))
    }

    /// One alternative of a passage (blocks `start..end`): amendment `id`
    /// alone, or the plan as it stands when `id` is undefined.
    pub fn column(&self, id: Option<String>, start: usize, end: usize) -> Result<JsValue, JsValue> {
        to_js(&compare::column(
            &self.case,
            &self.doc,
            id.as_deref(),
            start..end,
        ))
    }

    /// The quoted passage for a selection (block indices, UTF-16 offsets in
    /// the blocks' text), whole words, narrowed to be unique.
    #[wasm_bindgen(js_name = quoteAt)]
    pub fn quote_at(
        &self,
        first: usize,
        start: usize,
        last: usize,
        end: usize,
    ) -> Result<JsValue, JsValue> {
        to_js(&selection::quote_at(&self.doc, first, start, last, end).map_err(js_err)?)
    }

    /// The minutes' wording of operations (an array of ops), in `lang_code`
    /// ("sv" or "en").
    pub fn wording(&self, ops: JsValue, lang_code: &str) -> Result<String, JsValue> {
        let ops: Vec<Op> = from_js(ops, "the operations")?;
        Ok(wording::wording(&self.doc, &ops, lang(lang_code)))
    }

    /// Locates a draft's operations (an array of ops): `[blocks, warnings]`,
    /// the blocks each touches, or throws the first error.
    #[wasm_bindgen(js_name = locateOps)]
    pub fn locate_ops(&self, ops: JsValue) -> Result<JsValue, JsValue> {
        let ops: Vec<Op> = from_js(ops, "the operations")?;
        let draft = Amendment::probe("draft", ops);
        match crate::locate::locate(&self.doc, &draft) {
            Ok((edits, warnings)) => {
                let blocks: Vec<_> = edits.iter().map(|e| e.blocks.clone()).collect();
                to_js(&(blocks, warnings))
            }
            Err(mut errors) => Err(js_err(errors.remove(0))),
        }
    }

    /// Labels of the amendments by id (short, long, party).
    pub fn labels(&self, lang_code: &str) -> Result<JsValue, JsValue> {
        to_js(&render::labels(&self.case, lang(lang_code)))
    }

    /// The default order of propositions for the case's amendments and
    /// formal motions (see `procedure::default_order`).
    #[wasm_bindgen(js_name = defaultOrder)]
    pub fn default_order(&self) -> Result<JsValue, JsValue> {
        let an = self.case.analyze_with(self.doc.clone());
        to_js(&procedure::default_order_with(&self.case, &an))
    }

    /// The recorded vote: `{decision, problem, minutes}` — the decision as
    /// far as it can be worked out, the first problem and where it is (see
    /// `procedure::report`), and the minutes in `lang_code` when there is no
    /// problem.
    pub fn vote(&self, lang_code: &str) -> Result<JsValue, JsValue> {
        let report = self.report();
        let minutes = match (&report.decision, &report.problem) {
            (Some(d), None) => Some(minutes(&self.case, d, lang(lang_code))),
            _ => None,
        };
        to_js(&Vote {
            decision: report.decision,
            problem: report.problem,
            minutes,
        })
    }

    /// The minutes as a text file, in `lang_code`; throws the procedure's
    /// first problem.
    #[wasm_bindgen(js_name = minutesText)]
    pub fn minutes_text(&self, lang_code: &str) -> Result<String, JsValue> {
        Ok(minutes_text(&self.case, &self.decided()?, lang(lang_code)))
    }

    /// The minutes as a standalone HTML page (to read and print), in
    /// `lang_code`; throws the procedure's first problem.
    #[wasm_bindgen(js_name = minutesHtml)]
    pub fn minutes_html(&self, lang_code: &str) -> Result<String, JsValue> {
        let lang = lang(lang_code);
        let m = minutes(&self.case, &self.decided()?, lang);
        Ok(crate::export::minutes::html(&self.case, &m, lang))
    }

    /// A file to download: `what` is txt, md, html (the adopted text),
    /// tracked-html, critic (tracked changes) or json (the case).
    pub fn export(
        &self,
        what: &str,
        adopted: Vec<String>,
        lang_code: &str,
    ) -> Result<String, JsValue> {
        // the case file goes through the browser's JSON
        let what: Export = what.parse().map_err(js_err)?;
        if what == Export::Case {
            return write_case(&self.case);
        }
        crate::export::text_export(&self.case, &self.doc, &adopted, what, lang(lang_code))
            .map_err(js_err)
    }

    /// Traps on purpose, so that the app's recovery from a crashed module can
    /// be tried and tested.
    pub fn trap(&self) {
        panic!("trap requested");
    }
}

// ---------------------------------------------------------------------------
// Correcting the plan after it was pasted or opened (see `plan::edit`).

/// The plan's text as the case file has it, for undoing a correction.
#[derive(Serialize, Deserialize)]
struct PlanText {
    format: crate::doc::SourceFormat,
    text: String,
}

/// Corrections themselves are made by the full module (feature `correct`);
/// the main module can still put a plan text back (undo).
#[cfg(feature = "correct")]
#[wasm_bindgen]
impl Workspace {
    /// Corrects the plan: `edit` is `{action: "heading", block, level}`,
    /// `{action: "paragraph" | "list_item" | "join" | "remove", block}` or
    /// `{action: "split", block, at: {utf16: n} | {text: "…"}}` (block
    /// indices from 0). Returns `{failed: [{amendment, before, code,
    /// message}], found: [ids]}`: the amendments that do not locate in the
    /// corrected plan (`before`: they did in the old one) and those found
    /// again. Throws `{code: "plan_edit" | "no_such_block", message}` and
    /// changes nothing when the edit cannot be made.
    #[wasm_bindgen(js_name = editPlan)]
    pub fn edit_plan(&mut self, edit: JsValue) -> Result<JsValue, JsValue> {
        let edit: crate::plan::edit::PlanEdit = from_js(edit, "the correction")?;
        let (doc, relocated) = self.case.edit_plan_with(&self.doc, &edit).map_err(js_err)?;
        self.doc = doc;
        to_js(&relocated)
    }
}

#[wasm_bindgen]
impl Workspace {
    /// The plan's text: `{format, text}`.
    #[wasm_bindgen(js_name = planText)]
    pub fn plan_text(&self) -> Result<JsValue, JsValue> {
        to_js(&PlanText {
            format: self.case.plan.format,
            text: self.case.plan.text.clone(),
        })
    }

    /// Puts back a plan text from [`Workspace::plan_text`] (a correction
    /// undone or redone); returns how the amendments locate, as
    /// [`Workspace::edit_plan`] does.
    #[wasm_bindgen(js_name = setPlanText)]
    pub fn set_plan_text(&mut self, plan: JsValue) -> Result<JsValue, JsValue> {
        let plan: PlanText = from_js(plan, "the plan")?;
        let (doc, relocated) = self
            .case
            .set_plan_with(&self.doc, plan.format, plan.text)
            .map_err(js_err)?;
        self.doc = doc;
        to_js(&relocated)
    }
}
