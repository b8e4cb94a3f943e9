//! The browser binding: converts between JavaScript values and the core's
//! types, and delegates. No logic lives here.

use crate::case::Case;
use crate::doc::Document;
use crate::render::{self, Lang};
use serde::Serialize;
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

fn to_js<T: Serialize>(v: &T) -> Result<JsValue, JsValue> {
    v.serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| JsValue::from_str(&e.to_string()))
}

fn lang(s: &str) -> Lang {
    s.parse().unwrap_or_default()
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
        let case = Case::from_json(json).map_err(js_err)?;
        let doc = case.document().map_err(js_err)?;
        Ok(Workspace { case, doc })
    }

    /// The case as JSON (pretty-printed), for saving.
    #[wasm_bindgen(js_name = caseJson)]
    pub fn case_json(&self) -> String {
        self.case.to_json()
    }

    /// The case as a JavaScript object.
    #[wasm_bindgen(js_name = caseObject)]
    pub fn case_object(&self) -> Result<JsValue, JsValue> {
        to_js(&self.case)
    }

    /// The plan's blocks (id, kind, level, text, page, parent).
    pub fn blocks(&self) -> Result<JsValue, JsValue> {
        to_js(&self.doc.blocks)
    }

    /// Tracked changes of the adopted amendments, as blocks.
    pub fn tracked(&self, adopted: Vec<String>) -> Result<JsValue, JsValue> {
        let applied = self
            .case
            .apply_with(&self.doc, &adopted, &[])
            .map_err(js_err)?;
        to_js(&render::tracked_blocks(&applied.runs))
    }

    /// Labels of the amendments by id (short, long, party).
    pub fn labels(&self, lang_code: &str) -> Result<JsValue, JsValue> {
        to_js(&render::labels(&self.case, lang(lang_code)))
    }
}
