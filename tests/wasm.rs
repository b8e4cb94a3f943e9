//! The browser binding, tested in a real browser (`wasm-pack test --headless --chrome`).
#![cfg(target_arch = "wasm32")]

use amend::wasm::Workspace;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const EXAMPLE: &str = include_str!("../examples/alingsas-ks-2023-217/case.json");

/// The binding returns JSON text.
fn parse(s: String) -> JsValue {
    js_sys::JSON::parse(&s).expect("JSON")
}

fn get(v: &JsValue, key: &str) -> JsValue {
    js_sys::Reflect::get(v, &key.into()).expect("property")
}

fn ids(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| s.to_string()).collect()
}

#[wasm_bindgen_test]
fn opens_the_example() {
    let ws = Workspace::new(EXAMPLE).expect("opens");
    let blocks = parse(ws.blocks().expect("blocks"));
    let blocks = js_sys::Array::from(&blocks);
    assert!(blocks.length() > 40);
    let first = blocks.get(0);
    assert_eq!(get(&first, "type").as_string().as_deref(), Some("heading"));
    assert_eq!(
        get(&first, "text").as_string().as_deref(),
        Some("Kommunkoncernövergripande ekonomisk handlingsplan")
    );
}

#[wasm_bindgen_test]
fn bad_json_is_an_error_object_with_message_and_code() {
    let err = Workspace::new("{not json").err().expect("an error");
    assert!(err.is_object());
    assert_eq!(get(&err, "code").as_string().as_deref(), Some("json"));
    assert!(get(&err, "message")
        .as_string()
        .unwrap()
        .contains("not valid JSON"));
    let err = Workspace::new("{\"title\": \"x\"}")
        .err()
        .expect("an error");
    assert_eq!(get(&err, "code").as_string().as_deref(), Some("not_a_case"));
}

#[wasm_bindgen_test]
fn tracked_changes_carry_the_proposer() {
    let ws = Workspace::new(EXAMPLE).unwrap();
    let blocks = js_sys::Array::from(&parse(ws.tracked(ids(&["v2"])).unwrap()));
    let changed: Vec<JsValue> = blocks
        .iter()
        .filter(|b| get(b, "status").as_string().as_deref() == Some("changed"))
        .collect();
    assert_eq!(changed.len(), 1);
    let runs = js_sys::Array::from(&get(&changed[0], "runs"));
    let inserted = runs
        .iter()
        .find(|r| get(r, "tag").as_string().as_deref() == Some("insert"))
        .expect("an insertion");
    let by = js_sys::Array::from(&get(&inserted, "by"));
    assert_eq!(by.get(0).as_string().as_deref(), Some("v2"));
}

#[wasm_bindgen_test]
fn conflicting_set_is_an_error_object() {
    let ws = Workspace::new(EXAMPLE).unwrap();
    let err = ws.tracked(ids(&["mp1", "v2"])).err().expect("conflict");
    assert_eq!(get(&err, "code").as_string().as_deref(), Some("conflict"));
    assert!(get(&err, "help").is_string());
}

#[wasm_bindgen_test]
fn case_round_trips() {
    let ws = Workspace::new(EXAMPLE).unwrap();
    let again = Workspace::new(&ws.case_json()).unwrap();
    assert_eq!(again.case_json(), ws.case_json());
}

fn json(v: &JsValue) -> String {
    js_sys::JSON::stringify(v).unwrap().as_string().unwrap()
}

#[wasm_bindgen_test]
fn new_case_from_a_plan_and_empty_plan_error() {
    let ws = Workspace::from_plan("Plan", "# Plan\n\n## Mål\n\nVi ska spara.\n").unwrap();
    assert_eq!(
        js_sys::Array::from(&parse(ws.blocks().unwrap())).length(),
        3
    );
    let err = Workspace::from_plan("Plan", "  \n").err().unwrap();
    assert_eq!(get(&err, "code").as_string().as_deref(), Some("empty_plan"));
}

#[wasm_bindgen_test]
fn overlay_and_groups_of_the_example() {
    let ws = Workspace::new(EXAMPLE).unwrap();
    let all = ids(&["mp1", "mp2", "v1", "v2", "mp-tillagg", "c-tillagg"]);
    let o = parse(ws.overlay(all).unwrap());
    let blocks = js_sys::Array::from(&get(&o, "blocks"));
    let removed = blocks
        .iter()
        .filter(|b| !get(b, "removed_by").is_undefined())
        .count();
    assert!(removed > 5);
    let check = parse(ws.check().unwrap());
    let groups = js_sys::Array::from(&get(&check, "groups"));
    assert_eq!(groups.length(), 2);
    let s = json(&groups);
    assert!(s.contains(r#""amendments":["mp2","v1"]"#), "{s}");
    assert!(s.contains(r#""identical":true"#), "{s}");
    let g = groups.get(0);
    let range = get(&g, "blocks");
    let (start, end) = (
        get(&range, "start").as_f64().unwrap() as usize,
        get(&range, "end").as_f64().unwrap() as usize,
    );
    let col = parse(ws.column(Some("mp1".into()), start, end).unwrap());
    assert_eq!(
        js_sys::Array::from(&get(&col, "blocks")).length() as usize,
        end - start
    );
}

#[wasm_bindgen_test]
fn selection_wording_and_drafts() {
    let ws = Workspace::new(EXAMPLE).unwrap();
    let blocks = js_sys::Array::from(&parse(ws.blocks().unwrap()));
    let (i, text) = blocks
        .iter()
        .enumerate()
        .find_map(|(i, b)| {
            let t = get(&b, "text").as_string().unwrap();
            t.contains("Sveriges mest effektiva kommun")
                .then_some((i, t))
        })
        .unwrap();
    let at = text.find("veriges mest").unwrap();
    let start = text[..at].encode_utf16().count();
    let end = start + "veriges mest effektiva kommu".len();
    let q = parse(ws.quote_at(i, start, i, end).unwrap());
    assert_eq!(
        get(&q, "quote").as_string().as_deref(),
        Some("Sveriges mest effektiva kommun")
    );
    let op = r#"[{"action":"replace","quote":"Sveriges mest effektiva kommun","text":"en kommun i balans"}]"#;
    let w = ws.wording(op, "sv").unwrap();
    assert!(
        w.starts_with("I avsnittet Effektivisera den politiska målstyrningen på sidan"),
        "{w}"
    );
    assert!(w.ends_with("ändras ”Sveriges mest effektiva kommun” till: ”en kommun i balans”"));
    assert!(ws.locate_ops(op).is_ok());
    let bad = r#"[{"action":"delete","quote":"finns inte här"}]"#;
    let err = ws.locate_ops(bad).err().unwrap();
    assert_eq!(
        get(&err, "code").as_string().as_deref(),
        Some("quote_not_found")
    );
    let err = ws.wording("nonsense", "sv").err().unwrap();
    assert_eq!(get(&err, "code").as_string().as_deref(), Some("invalid"));
}

#[wasm_bindgen_test]
fn set_parts_validates_and_keeps_the_case_on_error() {
    let mut ws = Workspace::new(EXAMPLE).unwrap();
    let before = ws.case_json();
    let parts = r#"{"amendments":[{"id":"x","proposer":"nobody","kind":"change","wording":"w","ops":[{"action":"delete","quote":"Syftet"}]}]}"#;
    let err = ws.set_parts(parts).err().unwrap();
    assert_eq!(
        get(&err, "code").as_string().as_deref(),
        Some("unknown_member")
    );
    assert_eq!(ws.case_json(), before);
    let parts = r#"{"title":"Ny titel","amendments":[]}"#;
    ws.set_parts(parts).unwrap();
    let case = parse(ws.case_json());
    assert_eq!(get(&case, "title").as_string().as_deref(), Some("Ny titel"));
    assert_eq!(js_sys::Array::from(&get(&case, "amendments")).length(), 0);
}

#[wasm_bindgen_test]
fn exports() {
    let ws = Workspace::new(EXAMPLE).unwrap();
    let text = ws.export("txt", ids(&["mp2", "v1"]), "sv").unwrap();
    assert!(!text.contains("Nämndbuffertar"));
    let critic = ws.export("critic", ids(&["v2"]), "sv").unwrap();
    assert!(critic.contains("{>>Emily Munter (V)"));
    let case = ws.export("json", vec![], "sv").unwrap();
    assert_eq!(Workspace::new(&case).unwrap().case_json(), ws.case_json());
    let err = ws.export("pdf", vec![], "sv").err().unwrap();
    assert_eq!(get(&err, "code").as_string().as_deref(), Some("invalid"));
    let err = ws.export("html", ids(&["mp1", "v2"]), "sv").err().unwrap();
    assert_eq!(get(&err, "code").as_string().as_deref(), Some("conflict"));
}

#[wasm_bindgen_test]
fn decomposed_text_is_composed_by_the_browser() {
    // "Nämnd" with a combining diaeresis (NFD), as some PDF tools copy it
    let ws = Workspace::from_plan("Plan", "# Na\u{0308}mnd\n\nVi ska spara – ”mycket”.\n").unwrap();
    let blocks = parse(ws.blocks().unwrap());
    let first = js_sys::Array::from(&blocks).get(0);
    assert_eq!(get(&first, "text").as_string().as_deref(), Some("Nämnd"));
    // a quote typed in NFC finds the text
    let op = r#"[{"action":"delete","quote":"Nämnd"}]"#;
    assert!(ws.locate_ops(op).is_ok());
}
