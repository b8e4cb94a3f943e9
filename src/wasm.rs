//! The browser binding: converts between JavaScript values and the core's
//! types, and delegates. No logic lives here.
//!
//! Structured values cross as JSON text (serde_json on this side,
//! `JSON.parse`/`JSON.stringify` on the other): one copy of a string instead
//! of a call into JavaScript per field, and the same serde code as the case
//! file, so the module stays small. Every fallible method throws a plain
//! object `{ message, code, help? }` (see [`crate::Error::code`]), never a
//! string.

use crate::amendment::{Amendment, Op};
use crate::case::{BaseProposal, Case, Meeting, Member};
use crate::doc::Document;
use crate::export::{export, Export};
use crate::render::{self, Lang};
use crate::{compare, selection, wording};
use serde::{de::DeserializeOwned, Deserialize, Serialize};
use wasm_bindgen::prelude::*;

fn js_err(e: crate::Error) -> JsValue {
    let obj = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&obj, &"message".into(), &e.to_string().into());
    let _ = js_sys::Reflect::set(&obj, &"code".into(), &e.code().into());
    if let Some(h) = e.help() {
        let _ = js_sys::Reflect::set(&obj, &"help".into(), &h.into());
    }
    obj.into()
}

fn to_js<T: Serialize>(v: &T) -> Result<String, JsValue> {
    serde_json::to_string(v).map_err(|e| js_err(crate::Error::Invalid(e.to_string())))
}

fn from_js<T: DeserializeOwned>(json: &str, what: &str) -> Result<T, JsValue> {
    serde_json::from_str(json).map_err(|e| js_err(crate::Error::Invalid(format!("{what}: {e}"))))
}

fn lang(s: &str) -> Lang {
    s.parse().unwrap_or_default()
}

/// `s` in Unicode normal form C, by the browser (see `text::set_composer`).
fn nfc(s: &str) -> String {
    String::from(js_sys::JsString::from(s).normalize("NFC"))
}

/// Runs when the module is instantiated: the core composes Unicode with the
/// browser's normalisation instead of tables of its own.
/// (Constructors call it too: a test harness may not run start functions.)
#[wasm_bindgen(start)]
pub fn start() {
    crate::text::set_composer(nfc);
}

/// The parts of a case the app edits (everything but the plan).
#[derive(Deserialize)]
struct Parts {
    title: Option<String>,
    meeting: Option<Meeting>,
    members: Option<Vec<Member>>,
    base: Option<BaseProposal>,
    amendments: Option<Vec<Amendment>>,
}

/// A case open in the browser, with its plan parsed once.
#[wasm_bindgen]
pub struct Workspace {
    case: Case,
    doc: Document,
}

#[wasm_bindgen]
impl Workspace {
    /// Opens a case file (amend/1 JSON).
    #[wasm_bindgen(constructor)]
    pub fn new(json: &str) -> Result<Workspace, JsValue> {
        start();
        let case = Case::from_json(json).map_err(js_err)?;
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

    /// The case as JSON (pretty-printed), for saving.
    #[wasm_bindgen(js_name = caseJson)]
    pub fn case_json(&self) -> String {
        self.case.to_json()
    }

    /// Replaces the parts of the case given in `parts`, JSON of an object
    /// with any of `title`, `meeting`,
    /// `members`, `base`, `amendments`; the plan stays. Nothing changes if
    /// the result does not hang together.
    #[wasm_bindgen(js_name = setParts)]
    pub fn set_parts(&mut self, parts: &str) -> Result<(), JsValue> {
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
        case.validate().map_err(js_err)?;
        self.case = case;
        Ok(())
    }

    /// The plan's blocks (id, type, level, text, page, parent).
    pub fn blocks(&self) -> Result<String, JsValue> {
        to_js(&self.doc.blocks)
    }

    /// Number of pages of the plan.
    pub fn pages(&self) -> u32 {
        self.doc.pages()
    }

    /// Tracked changes of the adopted amendments, as blocks.
    pub fn tracked(&self, adopted: Vec<String>) -> Result<String, JsValue> {
        let applied = self
            .case
            .apply_with(&self.doc, &adopted, &[])
            .map_err(js_err)?;
        to_js(&render::tracked_blocks(&applied.runs))
    }

    /// The amendments `ids` over the plan, earlier ids winning conflicts
    /// between word-level changes (see `compare::overlay`).
    pub fn overlay(&self, ids: Vec<String>) -> Result<String, JsValue> {
        to_js(&compare::overlay(&self.case, &self.doc, &ids))
    }

    /// Every tabled amendment located: places, failures, warnings, conflicts
    /// and groups of competing proposals.
    pub fn check(&self) -> Result<String, JsValue> {
        to_js(&compare::check(&self.case, &self.doc))
    }

    /// One alternative of a passage (blocks `start..end`): amendment `id`
    /// alone, or the plan as it stands when `id` is undefined.
    pub fn column(&self, id: Option<String>, start: usize, end: usize) -> Result<String, JsValue> {
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
    ) -> Result<String, JsValue> {
        to_js(&selection::quote_at(&self.doc, first, start, last, end).map_err(js_err)?)
    }

    /// The minutes' wording of operations, in `lang_code` ("sv" or "en").
    pub fn wording(&self, ops: &str, lang_code: &str) -> Result<String, JsValue> {
        let ops: Vec<Op> = from_js(ops, "the operations")?;
        Ok(wording::wording(&self.doc, &ops, lang(lang_code)))
    }

    /// Locates a draft's operations: the blocks each touches, or the first
    /// error.
    #[wasm_bindgen(js_name = locateOps)]
    pub fn locate_ops(&self, ops: &str) -> Result<String, JsValue> {
        let ops: Vec<Op> = from_js(ops, "the operations")?;
        let draft = Amendment {
            id: "draft".into(),
            proposer: String::new(),
            kind: crate::AmendmentKind::Change,
            ordinal: None,
            wording: String::new(),
            ops,
            supporters: Vec::new(),
            withdrawn: false,
        };
        match crate::locate::locate(&self.doc, &draft) {
            Ok((edits, warnings)) => {
                let blocks: Vec<_> = edits.iter().map(|e| e.blocks.clone()).collect();
                to_js(&(blocks, warnings))
            }
            Err(mut errors) => Err(js_err(errors.remove(0))),
        }
    }

    /// Labels of the amendments by id (short, long, party).
    pub fn labels(&self, lang_code: &str) -> Result<String, JsValue> {
        to_js(&render::labels(&self.case, lang(lang_code)))
    }

    /// A file to download: `what` is txt, md, html (the adopted text),
    /// tracked-html, critic (tracked changes) or json (the case).
    pub fn export(
        &self,
        what: &str,
        adopted: Vec<String>,
        lang_code: &str,
    ) -> Result<String, JsValue> {
        let what: Export = what.parse().map_err(js_err)?;
        export(&self.case, &self.doc, &adopted, what, lang(lang_code)).map_err(js_err)
    }

    /// Traps on purpose, so that the app's recovery from a crashed module can
    /// be tried and tested.
    pub fn trap(&self) {
        panic!("trap requested");
    }
}
