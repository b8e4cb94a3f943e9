//! The browser binding, tested in a real browser (`wasm-pack test --headless --chrome`).
#![cfg(target_arch = "wasm32")]

use amend::wasm::Workspace;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const EXAMPLE: &str = include_str!("../examples/alingsas-ks-2023-217/case.json");

fn get(v: &JsValue, key: &str) -> JsValue {
    js_sys::Reflect::get(v, &key.into()).expect("property")
}

fn ids(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| s.to_string()).collect()
}

#[wasm_bindgen_test]
fn opens_the_example() {
    let ws = Workspace::new(EXAMPLE).expect("opens");
    let blocks = ws.blocks().expect("blocks");
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
    let blocks = js_sys::Array::from(&ws.tracked(ids(&["v2"])).unwrap());
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
